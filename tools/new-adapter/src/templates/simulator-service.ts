// Templates of the simulator's service: HTTP server, entry point (runSimulator), public index, package files.
import type { Names } from '../names';
import { packageJson, packageTsconfig } from './package-files';

/** package.json of the simulator. */
export function simPackageJson(n: Names): string {
  return packageJson({
    name: n.simulatorPackage,
    description: `Simulator of the REST/JSON API of ${n.title} (${n.provider})`,
    dependencies: { '@ndxp/contracts': 'workspace:*', '@ndxp/simulator-kit': 'workspace:*' },
  });
}

/** tsconfig.json of the simulator. */
export function simTsconfig(): string {
  return packageTsconfig(['contracts', 'simulator-kit']);
}

/** src/server.ts of the simulator: GET <apiPath>/{id}, GET /healthz over node:http. */
export function simServer(n: Names): string {
  return `// The national system's REST/JSON API over node:http: GET ${n.apiPath}/{id}, GET /healthz.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson as send, startSimulatorHttp, type DatasetSimulatorOptions, type Simulate, type SimulatorHttpServer } from '@ndxp/simulator-kit';
import type { Dataset } from './dataset';

/** Where the records are served. */
export const RECORDS_PATH = '${n.apiPath}';

/** How to run the simulator's HTTP server. */
export type SimulatorOptions = DatasetSimulatorOptions<Dataset>;

/** A running simulator; \`lookups\` counts the calls on the records path. */
export type Simulator = SimulatorHttpServer;

const RECORD_PATH = new RegExp(\`^\${RECORDS_PATH}/([^/?#]*)$\`);
const ID_SHAPE = /^[0-9]{10}$/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/**
 * Starts the HTTP server (127.0.0.1 and a free port by default) and resolves once it listens. The
 * kit answers the simulated outage (503 HE_THONG_BAN) and failures (500 LOI_HE_THONG).
 */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { dataset } = options;
  const handle = (req: IncomingMessage, res: ServerResponse, simulate: Simulate): void => {
    if (req.method !== 'GET') return send(res, 405, { maLoi: 'METHOD_NOT_ALLOWED', thongBao: 'Chỉ hỗ trợ GET' });
    const m = RECORD_PATH.exec((req.url ?? '/').split('?')[0]!);
    if (!m) return send(res, 404, { maLoi: 'NOT_FOUND', thongBao: 'Không tìm thấy đường dẫn' });
    const id = decode(m[1]!);
    simulate(req, res, () => {
      if (!ID_SHAPE.test(id)) return send(res, 400, { maLoi: 'INVALID_ID', thongBao: 'Mã số không hợp lệ' });
      const record = dataset.get(id);
      if (!record) return send(res, 404, { maLoi: 'NOT_FOUND', thongBao: 'Không tìm thấy bản ghi' });
      send(res, 200, record);
    });
  };
  return startSimulatorHttp({ ...options, health: () => ({ trangThai: 'ok', soBanGhi: dataset.count }), handle });
}
`;
}

/** src/server.int.test.ts of the simulator. */
export function simServerTest(): string {
  return `import { withSimulator } from '@ndxp/simulator-kit';
import { createDataset } from './dataset';
import { RECORDS_PATH, startSimulator } from './server';

describe('simulator HTTP API', () => {
  const dataset = createDataset({ seed: 'http-test', size: 2000 });
  const sim = withSimulator((o) => startSimulator({ dataset, ...o }));

  it('answers 200 with the record of a known id', async () => {
    const id = dataset.sampleIds(1)[0]!;
    const res = await sim.fetch(\`\${RECORDS_PATH}/\${id}\`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\\/json/);
    expect(await res.json()).toEqual(dataset.get(id));
  });

  it('answers 404 JSON for a well-formed unknown id', async () => {
    const res = await sim.fetch(\`\${RECORDS_PATH}/0000000000\`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ maLoi: 'NOT_FOUND' });
  });

  it('answers 400 for a malformed id', async () => {
    for (const bad of ['12345', '123456789a', '%20']) {
      const res = await sim.fetch(\`\${RECORDS_PATH}/\${bad}\`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ maLoi: 'INVALID_ID' });
    }
  });

  it('answers /healthz without counting it as a lookup', async () => {
    const before = sim.server.lookups;
    const res = await sim.fetch('/healthz');
    expect(await res.json()).toMatchObject({ trangThai: 'ok', soBanGhi: dataset.count });
    expect(sim.server.lookups).toBe(before);
  });

  it('answers 503 at the configured error rate and delays by the configured latency', async () => {
    const failing = await sim.start({ errorRate: 1 });
    const slow = await sim.start({ latencyMs: 150 });
    const id = dataset.sampleIds(1)[0]!;
    expect((await failing.fetch(\`\${RECORDS_PATH}/\${id}\`)).status).toBe(503);
    const t0 = Date.now();
    expect((await slow.fetch(\`\${RECORDS_PATH}/\${id}\`)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});
`;
}

/** src/main.ts of the simulator. */
export function simMain(n: Names): string {
  return `// Entry point: serves the simulated API of ${n.title} until SIGTERM/SIGINT.
import { DEFAULT_DATASET_SEED, runSimulator } from '@ndxp/simulator-kit';
import { createDataset, DEFAULT_SIZE } from './dataset';
import { startSimulator } from './server';

runSimulator({
  name: '${n.simulatorName}',
  about: \`the REST/JSON API of ${n.title} (${n.provider}), simulated

  GET ${n.apiPath}/{id}   200 record, 404 unknown, 400 malformed id
  GET /healthz\`,
  settings: { seed: DEFAULT_DATASET_SEED, size: { default: DEFAULT_SIZE, max: 5_000_000, meaning: 'number of records' } },
  start: async (settings, logger) => {
    const dataset = createDataset({ seed: settings.seed, size: settings.size });
    return { server: await startSimulator({ ...settings, dataset, logger }), ready: { records: dataset.count } };
  },
});
`;
}

/** src/index.ts of the simulator. */
export function simIndex(n: Names): string {
  return `// Public entry of the simulator of ${n.title}: the dataset and the HTTP server.
/** The id of nine digits and their check digit (the rule of @ndxp/contracts), for tests that make unknown ids. */
export { ${n.camel}IdOf as recordIdOf } from '@ndxp/contracts';
/** Every simulator's default SIM_SEED, and its dataset options (the kit's). */
export { DEFAULT_DATASET_SEED as DEFAULT_SEED } from '@ndxp/simulator-kit';
export type { DatasetOptions } from '@ndxp/simulator-kit';
export { createDataset, DEFAULT_SIZE, STATUS_TEXTS } from './dataset';
export type { Dataset, NationalRecord } from './dataset';
export { startSimulator, RECORDS_PATH } from './server';
export type { Simulator, SimulatorOptions } from './server';
`;
}
