// What the generator will write: every new file and every edited shared file, computed from the
// repository as it is, after checking that the new system fits (owner exists, nothing clashes).
import { withComposeServices } from './compose-entry';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertAboveMarker, MARKERS } from './markers';
import { deriveNames, exportedNames, UsageError, type Names, type ScaffoldInput } from './names';
import {
  deployEntry,
  formatJson,
  nextDefaultPort,
  seedTokens,
  withGrants,
  withSystem,
  type DeployEntry,
  type GrantsSeed,
  type NationalSystemsSeed,
  type SeedMember,
} from './seed';
import {
  catalogueImportLines,
  catalogueServiceLines,
  contractsExportLines,
  nationalModule,
  nationalRecordId,
  nationalRecordIdTest,
  protoFile,
} from './templates/contract';
import { adapterDeclaration, adapterMapper, adapterMapperTest } from './templates/adapter-logic';
import { adapterIndex, adapterIntTest, adapterMain, adapterPackageJson, adapterTsconfig } from './templates/adapter-service';
import { adapterReadme, simReadme } from './templates/readmes';
import { simDataset, simDatasetTest } from './templates/simulator-data';
import { simIndex, simMain, simPackageJson, simServer, simServerTest, simTsconfig } from './templates/simulator-service';

/** One file the generator writes, relative to the repository root. */
export interface FileChange {
  path: string;
  content: string;
  kind: 'create' | 'edit';
}

/** The names and the files of one scaffold. */
export interface Plan {
  names: Names;
  changes: FileChange[];
}

/** Repository paths the generator reads or edits. */
export const PATHS = {
  seedDir: 'services/registry/seed',
  systemsSeed: 'services/registry/seed/national-systems.json',
  grantsSeed: 'services/registry/seed/grants.json',
  deploy: 'deploy/national-systems.json',
  compose: 'deploy/compose.yaml',
  contractsIndex: 'libs/contracts/src/index.ts',
  catalogue: 'libs/contracts/src/national/catalogue.ts',
  rootTsconfig: 'tsconfig.json',
} as const;

const readJson = <T>(root: string, path: string): T => {
  try {
    return JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
};

/** Every member declared in the registry seed files. */
export function readSeedMembers(root: string): SeedMember[] {
  const dir = join(root, PATHS.seedDir);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => readJson<{ members?: SeedMember[] }>(root, `${PATHS.seedDir}/${f}`).members ?? []);
}

/** The new files of the scaffold, without the edits of shared files. */
export function newFiles(n: Names): FileChange[] {
  const sim = `services/simulators/${n.name}`;
  const ad = `services/adapters/${n.name}`;
  const files: Array<[string, string]> = [
    [n.protoFile, protoFile(n)],
    [`libs/contracts/src/national/${n.name}.ts`, nationalModule(n)],
    [`libs/contracts/src/national/${n.name}/record-id.ts`, nationalRecordId(n)],
    [`libs/contracts/src/national/${n.name}/record-id.test.ts`, nationalRecordIdTest(n)],
    [`${sim}/package.json`, simPackageJson(n)],
    [`${sim}/tsconfig.json`, simTsconfig()],
    [`${sim}/README.md`, simReadme(n)],
    [`${sim}/src/index.ts`, simIndex(n)],
    [`${sim}/src/dataset.ts`, simDataset(n)],
    [`${sim}/src/dataset.test.ts`, simDatasetTest(n)],
    [`${sim}/src/server.ts`, simServer(n)],
    [`${sim}/src/server.int.test.ts`, simServerTest()],
    [`${sim}/src/main.ts`, simMain(n)],
    [`${ad}/package.json`, adapterPackageJson(n)],
    [`${ad}/tsconfig.json`, adapterTsconfig()],
    [`${ad}/README.md`, adapterReadme(n)],
    [`${ad}/src/index.ts`, adapterIndex(n)],
    [`${ad}/src/mapper.ts`, adapterMapper(n)],
    [`${ad}/src/mapper.test.ts`, adapterMapperTest(n)],
    [`${ad}/src/adapter.ts`, adapterDeclaration(n)],
    [`${ad}/src/adapter.int.test.ts`, adapterIntTest(n)],
    [`${ad}/src/main.ts`, adapterMain(n)],
  ];
  return files.map(([path, content]) => ({ path, content, kind: 'create' }));
}

/** Throws UsageError when the owner or a consumer class is unknown, or anything of the new system exists. */
function checkFits(
  root: string,
  n: Names,
  members: SeedMember[],
  systems: NationalSystemsSeed,
  deploy: DeployEntry[],
  index: string,
): void {
  if (!members.some((m) => m.memberClass === n.memberClass && m.memberCode === n.memberCode)) {
    throw new UsageError(`owner ${n.memberClass}-${n.memberCode} is not a member in ${PATHS.seedDir}/*.json`);
  }
  const classes = new Set(members.map((m) => m.memberClass));
  for (const c of n.consumers) if (!classes.has(c)) throw new UsageError(`consumer class ${c} has no member in ${PATHS.seedDir}/*.json`);
  if (seedTokens(members, systems).has(n.provider)) throw new UsageError(`subsystem ${n.provider} already exists in the registry seed`);
  for (const e of deploy) {
    if (e.system === n.name) throw new UsageError(`${PATHS.deploy} already lists ${n.name}`);
    if (e.provider === n.provider) throw new UsageError(`${PATHS.deploy} already lists provider ${n.provider} (${e.system})`);
    if (e.upstreamUrlEnv === n.upstreamUrlEnv) {
      throw new UsageError(`${n.upstreamUrlEnv} is already used by ${e.system}; choose another --env-prefix`);
    }
  }
  for (const path of [
    `services/adapters/${n.name}`,
    `services/simulators/${n.name}`,
    `proto/ndxp/${n.protoDir}`,
    `libs/contracts/src/national/${n.name}.ts`,
    `libs/contracts/src/national/${n.name}`,
  ]) {
    if (existsSync(join(root, path))) throw new UsageError(`${path} already exists`);
  }
  for (const name of exportedNames(n)) {
    if (new RegExp(`\\b${name}\\b`).test(index)) throw new UsageError(`@ndxp/contracts already exports ${name}; choose another name`);
  }
}

/** Computes the scaffold of `input` in the repository at `root`; throws UsageError when it does not fit. */
export function planScaffold(root: string, input: ScaffoldInput): Plan {
  const deploy = readJson<DeployEntry[]>(root, PATHS.deploy);
  const n = deriveNames(input, nextDefaultPort(deploy));
  const members = readSeedMembers(root);
  const systems = readJson<NationalSystemsSeed>(root, PATHS.systemsSeed);
  const grants = readJson<GrantsSeed>(root, PATHS.grantsSeed);
  const index = readFileSync(join(root, PATHS.contractsIndex), 'utf8');
  checkFits(root, n, members, systems, deploy, index);

  const catalogue = readFileSync(join(root, PATHS.catalogue), 'utf8');
  const tsconfig = readJson<{ references?: Array<{ path: string }> }>(root, PATHS.rootTsconfig);
  const withImports = insertAboveMarker(catalogue, MARKERS.catalogueImports, catalogueImportLines(n), PATHS.catalogue);
  const edits: FileChange[] = [
    {
      path: PATHS.contractsIndex,
      content: insertAboveMarker(index, MARKERS.contractsExports, contractsExportLines(n), PATHS.contractsIndex),
    },
    {
      path: PATHS.catalogue,
      content: insertAboveMarker(withImports, MARKERS.catalogueServices, catalogueServiceLines(n), PATHS.catalogue),
    },
    { path: PATHS.systemsSeed, content: formatJson(withSystem(systems, n)) },
    { path: PATHS.grantsSeed, content: formatJson(withGrants(grants, n)) },
    { path: PATHS.deploy, content: formatJson([...deploy, deployEntry(n)]) },
    { path: PATHS.compose, content: withComposeServices(readFileSync(join(root, PATHS.compose), 'utf8'), n, PATHS.compose) },
    {
      path: PATHS.rootTsconfig,
      content: formatJson({
        ...tsconfig,
        references: [...(tsconfig.references ?? []), { path: `services/simulators/${n.name}` }, { path: `services/adapters/${n.name}` }],
      }),
    },
  ].map((e) => ({ ...e, kind: 'edit' as const }));
  return { names: n, changes: [...newFiles(n), ...edits] };
}
