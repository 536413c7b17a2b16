// Plans against the real repository (read only): the generator must fit what is there today.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatSettingsMarkdown } from '@ndxp/adapter-sdk';
import ts from 'typescript';
import { MARKERS } from './markers';
import { UsageError, type ScaffoldInput } from './names';
import { planScaffold, PATHS, type Plan } from './plan';
import type { DeployEntry, GrantsSeed, NationalSystemsSeed } from './seed';

const ROOT = resolve(__dirname, '../../..');
const input: ScaffoldInput = {
  name: 'land-registry',
  owner: 'BO-BTNMT',
  subsystem: 'DATDAI',
  title: 'CSDL quốc gia về đất đai',
  consumers: ['TINH'],
};
const content = (plan: Plan, path: string): string => {
  const change = plan.changes.find((c) => c.path === path);
  if (!change) throw new Error(`no change of ${path}`);
  return change.content;
};

describe('planScaffold', () => {
  const plan = planScaffold(ROOT, input);

  it('creates the proto, contract module, simulator and adapter with their tests and READMEs', () => {
    const created = plan.changes.filter((c) => c.kind === 'create').map((c) => c.path);
    expect(created).toEqual(
      expect.arrayContaining([
        'proto/ndxp/landregistry/v1/land_registry.proto',
        'libs/contracts/src/national/land-registry.ts',
        'services/simulators/land-registry/src/dataset.ts',
        'services/simulators/land-registry/src/server.int.test.ts',
        'services/simulators/land-registry/src/main.ts',
        'services/simulators/land-registry/README.md',
        'services/adapters/land-registry/src/adapter.ts',
        'services/adapters/land-registry/src/mapper.test.ts',
        'services/adapters/land-registry/src/adapter.int.test.ts',
        'services/adapters/land-registry/src/main.ts',
        'services/adapters/land-registry/README.md',
      ]),
    );
  });

  it("writes the adapter README's settings table as the SDK renders it for the scaffolded definition", () => {
    const n = plan.names;
    const definition = {
      name: n.adapterName,
      provider: n.provider,
      version: '0.1.0',
      envPrefix: n.envPrefix,
      upstream: { name: n.title, defaultUrl: `http://127.0.0.1:${n.defaultPort}` },
      services: () => [],
    };
    expect(content(plan, 'services/adapters/land-registry/README.md')).toContain(formatSettingsMarkdown(definition));
    expect(content(plan, 'services/adapters/land-registry/src/adapter.ts')).toContain(`envPrefix: '${n.envPrefix}'`);
  });

  it('renders every TypeScript file without syntax errors or unfilled values', () => {
    for (const c of plan.changes.filter((x) => x.path.endsWith('.ts'))) {
      const out = ts.transpileModule(c.content, {
        fileName: c.path,
        reportDiagnostics: true,
        compilerOptions: { module: ts.ModuleKind.CommonJS },
      });
      expect([c.path, out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))]).toEqual([c.path, []]);
      expect([c.path, /\[object Object\]|\$\{n\./.test(c.content)]).toEqual([c.path, false]);
    }
    for (const c of plan.changes.filter((x) => x.path.endsWith('.json'))) expect(() => JSON.parse(c.content) as unknown).not.toThrow();
  });

  it('names every external dependency of the new packages by the workspace catalog, so they resolve from the lockfile offline', () => {
    const catalog = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8');
    for (const path of ['services/simulators/land-registry/package.json', 'services/adapters/land-registry/package.json']) {
      const pkg = JSON.parse(content(plan, path)) as Record<string, Record<string, string> | undefined>;
      const deps = { ...pkg['dependencies'], ...pkg['devDependencies'] };
      for (const [name, spec] of Object.entries(deps)) {
        if (name.startsWith('@ndxp/')) expect([path, name, spec]).toEqual([path, name, 'workspace:*']);
        else {
          expect([path, name, spec]).toEqual([path, name, 'catalog:']);
          expect(catalog).toContain(`'${name}':`);
        }
      }
    }
  });

  it('inserts the exports and catalogue entries above the markers, which stay for the next system', () => {
    const index = content(plan, PATHS.contractsIndex);
    expect(index).toContain("export { LAND_REGISTRY_PROVIDER, getLandRegistryRecordService } from './national/land-registry';");
    expect(index).toContain("} from './gen/ndxp/landregistry/v1/land_registry';");
    expect(index.indexOf('LandRegistryDefinition')).toBeLessThan(index.indexOf(MARKERS.contractsExports));
    const catalogue = content(plan, PATHS.catalogue);
    expect(catalogue).toContain(`import { getLandRegistryRecordService } from './land-registry';\n${MARKERS.catalogueImports}`);
    expect(catalogue).toContain(`  getLandRegistryRecordService,\n  ${MARKERS.catalogueServices}`);
  });

  it('appends the subsystem, service, grants for the chosen classes only, deploy entry and tsconfig references', () => {
    const systems = JSON.parse(content(plan, PATHS.systemsSeed)) as NationalSystemsSeed;
    expect(systems.subsystems.at(-1)).toEqual({ memberClass: 'BO', memberCode: 'BTNMT', subsystemCode: 'DATDAI', name: input.title });
    expect(systems.services.at(-1)).toMatchObject({
      provider: 'BO-BTNMT-DATDAI',
      service: 'GetLandRegistryRecord',
      version: 'v1',
      protoMethod: 'ndxp.landregistry.v1.LandRegistry/GetLandRegistryRecord',
    });
    const before = JSON.parse(readFileSync(join(ROOT, PATHS.grantsSeed), 'utf8')) as GrantsSeed;
    const grants = JSON.parse(content(plan, PATHS.grantsSeed)) as GrantsSeed;
    expect(grants.grants.slice(before.grants.length)).toEqual([
      { consumerClass: 'TINH', consumerSubsystem: 'LGSP', provider: 'BO-BTNMT-DATDAI', service: 'GetLandRegistryRecord' },
    ]);
    const deploy = JSON.parse(content(plan, PATHS.deploy)) as DeployEntry[];
    expect(deploy.at(-1)).toEqual({
      system: 'land-registry',
      provider: 'BO-BTNMT-DATDAI',
      adapterPackage: '@ndxp/adapter-land-registry',
      simulatorPackage: '@ndxp/simulator-land-registry',
      upstreamUrlEnv: 'LR_UPSTREAM_URL',
    });
    const compose = content(plan, PATHS.compose);
    expect(compose).toContain("command: ['node', 'services/adapters/land-registry/dist/main.js']");
    expect(compose).toContain('LR_UPSTREAM_URL: http://sim-land-registry:');
    // Inside the services block: before the first top-level key after services: (configs:, volumes:).
    const services = compose.search(/^services:/m);
    const body = compose.indexOf('\n', services) + 1;
    const nextKey = body + compose.slice(body).search(/^[A-Za-z_][\w-]*:/m);
    expect(compose.indexOf('  adapter-land-registry:')).toBeGreaterThan(services);
    expect(compose.indexOf('  adapter-land-registry:')).toBeLessThan(nextKey);
    expect(compose.slice(nextKey)).toMatch(/^configs:/);
    const refs = (JSON.parse(content(plan, PATHS.rootTsconfig)) as { references: Array<{ path: string }> }).references.map((r) => r.path);
    expect(refs.slice(-2)).toEqual(['services/simulators/land-registry', 'services/adapters/land-registry']);
  });

  it('refuses an owner that is not a seed member, and an unknown consumer class', () => {
    expect(() => planScaffold(ROOT, { ...input, owner: 'BO-BXYZ' })).toThrow(/owner BO-BXYZ is not a member/);
    expect(() => planScaffold(ROOT, { ...input, consumers: ['HUYEN'] })).toThrow(/consumer class HUYEN/);
  });

  it('refuses a system that exists already, by name, provider or upstream variable', () => {
    expect(() => planScaffold(ROOT, { ...input, name: 'business-registration' })).toThrow(UsageError);
    expect(() => planScaffold(ROOT, { ...input, owner: 'BO-BKHDT', subsystem: 'DKDN' })).toThrow(/BO-BKHDT-DKDN already exists/);
    expect(() => planScaffold(ROOT, { ...input, name: 'budget-ui' })).toThrow(/BU_UPSTREAM_URL is already used/);
    expect(() => planScaffold(ROOT, { ...input, name: 'budget-ui', envPrefix: 'BUI' })).not.toThrow();
  });
});
