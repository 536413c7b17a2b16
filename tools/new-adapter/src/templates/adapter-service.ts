// Templates of the adapter's package around its logic: public index, entry point, tests, package files.
import type { Names } from '../names';
import { packageJson, packageTsconfig } from './package-files';

/** package.json of the adapter. */
export function adapterPackageJson(n: Names): string {
  return packageJson({
    name: n.adapterPackage,
    description: `Adapter of ${n.title} (${n.provider})`,
    // Only workspace packages: a scaffolded system links them from the lockfile, with no resolution
    // and so no network; an external dependency added later names its version as 'catalog:'.
    dependencies: { '@ndxp/adapter-sdk': 'workspace:*', '@ndxp/contracts': 'workspace:*', '@ndxp/runtime': 'workspace:*' },
    devDependencies: { [n.simulatorPackage]: 'workspace:*', '@ndxp/testing': 'workspace:*' },
  });
}

/** tsconfig.json of the adapter. */
export function adapterTsconfig(): string {
  return packageTsconfig(['contracts', 'runtime', 'adapter-sdk']);
}

/** src/index.ts of the adapter. */
export function adapterIndex(n: Names): string {
  return `// Public entry of the adapter of ${n.title}: its definition (runAdapter / startAdapter), and its pure parts.
export { ${n.camel}Adapter, ADAPTER_VERSION, RECORDS_PATH } from './adapter';
export { mapRecord, mapStatus, STATUS_BY_TEXT } from './mapper';
`;
}

/** src/main.ts of the adapter. */
export function adapterMain(n: Names): string {
  return `// Entry point: the adapter of ${n.title} as a process (settings, --help, signals: the SDK's).
import { runAdapter } from '@ndxp/adapter-sdk';
import { ${n.camel}Adapter } from './adapter';

runAdapter(${n.camel}Adapter);
`;
}

/** src/adapter.int.test.ts: real nats-server, the simulator in-process. */
export function adapterIntTest(n: Names): string {
  return `import { AdapterHarness, askAdapter } from '@ndxp/adapter-sdk';
import { ${n.serviceConst} } from '@ndxp/contracts';
import { createDataset, recordIdOf, startSimulator, type Simulator } from '${n.simulatorPackage}';
import { startNatsServer } from '@ndxp/testing';
import { ${n.camel}Adapter } from './adapter';
import { mapRecord } from './mapper';

const dataset = createDataset({ seed: 'adapter-int', size: 3000 });

/** A valid id that this dataset does not hold. */
function unknownId(): string {
  for (let i = 0; ; i++) {
    const id = recordIdOf(String(i).padStart(9, '0'));
    if (!dataset.get(id)) return id;
  }
}

describe('${n.adapterName} on NATS with the simulator', () => {
  let harness: AdapterHarness;
  const lookup = (id: string, deadlineMs = 5000) => askAdapter(harness.client, ${n.serviceConst}, { id }, { deadlineMs });

  /** Starts the simulator and an adapter on its own connection; only one adapter runs at a time. */
  async function run(opts: { latencyMs?: number; simulatorDown?: boolean } = {}): Promise<Simulator> {
    const started = await harness.startOver(${n.camel}Adapter, () => startSimulator({ dataset, latencyMs: opts.latencyMs ?? 0 }), {
      down: opts.simulatorDown,
      env: { ${n.envPrefix}_UPSTREAM_RETRIES: '0' },
    });
    return started.upstream;
  }

  beforeAll(async () => (harness = await AdapterHarness.open(startNatsServer)));
  afterAll(() => harness?.close());

  it('answers a valid id with the mapped record', async () => {
    const sim = await run();
    const id = dataset.sampleIds(3)[1]!;
    const answer = await lookup(id);
    expect(answer.status).toBe('ok');
    expect(answer.body).toEqual(mapRecord(dataset.get(id)));
    expect(answer.body?.name).not.toBe('');
    expect(sim.lookups).toBe(1);
  });

  it('answers client.not_found for a valid id the national system does not hold', async () => {
    await run();
    expect((await lookup(unknownId())).status).toBe('client.not_found');
  });

  it('answers client.invalid_argument on id for a malformed id, without calling the simulator', async () => {
    const sim = await run();
    const valid = dataset.sampleIds(1)[0]!;
    const wrongCheck = valid.slice(0, 9) + String((Number(valid[9]) + 1) % 10);
    expect(await lookup(wrongCheck)).toMatchObject({ status: 'client.invalid_argument', field: 'id' });
    expect((await lookup('')).status).toBe('client.invalid_argument');
    expect((await lookup(\` \${valid}\`)).status).toBe('client.invalid_argument');
    expect(sim.lookups).toBe(0);
  });

  it('answers server.upstream_failure when the simulator is down', async () => {
    await run({ simulatorDown: true });
    expect((await lookup(dataset.sampleIds(1)[0]!)).status).toBe('server.upstream_failure');
  });

  it('answers server.timeout when the simulator is slower than the deadline', async () => {
    await run({ latencyMs: 1500 });
    const t0 = Date.now();
    expect((await lookup(dataset.sampleIds(1)[0]!, 300)).status).toBe('server.timeout');
    expect(Date.now() - t0).toBeLessThan(1200);
  });
});
`;
}
