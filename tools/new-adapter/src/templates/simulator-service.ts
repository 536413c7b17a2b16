// Templates of the simulator's service: config, HTTP server, entry point, public index, package files.
import type { Names } from '../names';

/** package.json of the simulator. */
export function simPackageJson(n: Names): string {
  return `${JSON.stringify(
    {
      name: n.simulatorPackage,
      version: '0.1.0',
      private: true,
      description: `Simulator of the REST/JSON API of ${n.title} (${n.provider})`,
      main: 'dist/index.js',
      types: 'dist/index.d.ts',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      dependencies: { '@ndxp/runtime': 'workspace:*', '@ndxp/simulator-kit': 'workspace:*' },
    },
    null,
    2,
  )}\n`;
}

/** tsconfig.json of the simulator. */
export function simTsconfig(): string {
  return `{
  "extends": "../../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist" },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts"],
  "references": [{ "path": "../../../libs/runtime" }, { "path": "../../../libs/simulator-kit" }]
}
`;
}

/** src/config.ts of the simulator. */
export function simConfig(): string {
  return `// Every setting of the simulator, with its default, read once from the environment.
import type { Env } from '@ndxp/runtime';
import { loadSimulatorSettings, type SimulatorSettings } from '@ndxp/simulator-kit';
import { DEFAULT_SEED, DEFAULT_SIZE } from './dataset';

/** The simulator's settings (SIM_ERROR_RATE answers 503). */
export interface SimulatorConfig extends SimulatorSettings {
  /** Records to generate (SIM_SIZE). */
  size: number;
}

/** Reads SIM_* settings; throws ConfigError naming the bad one. */
export function loadConfig(env: Env): SimulatorConfig {
  return loadSimulatorSettings(env, { seed: DEFAULT_SEED, size: { default: DEFAULT_SIZE, max: 5_000_000 } });
}
`;
}

/** src/config.test.ts of the simulator. */
export function simConfigTest(): string {
  return `import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('simulator loadConfig', () => {
  it('has a default for every setting', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 0,
      seed: 'ndxp-2021',
      size: 20_000,
      latencyMs: 0,
      errorRate: 0,
      logLevel: 'info',
    });
  });

  it('reads every setting', () => {
    const c = loadConfig({ SIM_PORT: '8090', SIM_SEED: 's', SIM_SIZE: '10', SIM_LATENCY_MS: '5', SIM_ERROR_RATE: '0.25' });
    expect(c).toMatchObject({ port: 8090, seed: 's', size: 10, latencyMs: 5, errorRate: 0.25 });
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ SIM_ERROR_RATE: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ SIM_ERROR_RATE: 'x' })).toThrow(/SIM_ERROR_RATE/);
    expect(() => loadConfig({ SIM_PORT: '70000' })).toThrow(/SIM_PORT/);
    expect(() => loadConfig({ SIM_SIZE: '0' })).toThrow(/SIM_SIZE/);
  });
});
`;
}

/** src/server.ts of the simulator: GET <apiPath>/{id}, GET /healthz over node:http. */
export function simServer(n: Names): string {
  return `// The national system's REST/JSON API over node:http: GET ${n.apiPath}/{id}, GET /healthz.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson as send, startSimulatorHttp, type CountingSimulator, type Simulate, type SimulatorServerOptions } from '@ndxp/simulator-kit';
import type { Dataset } from './dataset';

/** Where the records are served. */
export const RECORDS_PATH = '${n.apiPath}';

/** How to run the simulator's HTTP server. */
export interface SimulatorOptions extends SimulatorServerOptions {
  dataset: Dataset;
}

/** A running simulator; \`lookups\` counts the calls on the records path. */
export type Simulator = CountingSimulator;

const RECORD_PATH = new RegExp(\`^\${RECORDS_PATH}/([^/?#]*)$\`);
const ID_SHAPE = /^[0-9]{10}$/;

/** Starts the HTTP server (127.0.0.1 and a free port by default) and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { dataset } = options;
  let lookups = 0;

  const handle = (req: IncomingMessage, res: ServerResponse, simulate: Simulate): void => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'GET') return send(res, 405, { maLoi: 'METHOD_NOT_ALLOWED', thongBao: 'Chỉ hỗ trợ GET' });
    const m = RECORD_PATH.exec(path);
    if (!m) return send(res, 404, { maLoi: 'NOT_FOUND', thongBao: 'Không tìm thấy đường dẫn' });
    lookups++;
    let id: string;
    try {
      id = decodeURIComponent(m[1]!);
    } catch {
      id = '';
    }
    simulate(req, res, () => {
      if (!ID_SHAPE.test(id)) return send(res, 400, { maLoi: 'INVALID_ID', thongBao: 'Mã số không hợp lệ' });
      const record = dataset.get(id);
      if (!record) return send(res, 404, { maLoi: 'NOT_FOUND', thongBao: 'Không tìm thấy bản ghi' });
      send(res, 200, record);
    });
  };

  const server = await startSimulatorHttp({
    ...options,
    health: () => ({ trangThai: 'ok', soBanGhi: dataset.count }),
    handle,
    unavailable: (res) => send(res, 503, { maLoi: 'SERVICE_UNAVAILABLE', thongBao: 'Hệ thống đang bận, vui lòng thử lại sau' }),
    internalError: (res) => send(res, 500, { maLoi: 'INTERNAL', thongBao: 'Lỗi hệ thống' }),
  });
  return {
    url: server.url,
    port: server.port,
    get lookups() {
      return lookups;
    },
    close: () => server.close(),
  };
}
`;
}

/** src/server.int.test.ts of the simulator. */
export function simServerTest(): string {
  return `import { createDataset } from './dataset';
import { RECORDS_PATH, startSimulator, type Simulator } from './server';

describe('simulator HTTP API', () => {
  const dataset = createDataset({ seed: 'http-test', size: 2000 });
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ dataset });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('answers 200 with the record of a known id', async () => {
    const id = dataset.sampleIds(1)[0]!;
    const res = await fetch(\`\${sim.url}\${RECORDS_PATH}/\${id}\`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\\/json/);
    expect(await res.json()).toEqual(dataset.get(id));
  });

  it('answers 404 JSON for a well-formed unknown id', async () => {
    const res = await fetch(\`\${sim.url}\${RECORDS_PATH}/0000000000\`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ maLoi: 'NOT_FOUND' });
  });

  it('answers 400 for a malformed id', async () => {
    for (const bad of ['12345', '123456789a', '%20']) {
      const res = await fetch(\`\${sim.url}\${RECORDS_PATH}/\${bad}\`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ maLoi: 'INVALID_ID' });
    }
  });

  it('answers /healthz without counting it as a lookup', async () => {
    const before = sim.lookups;
    const res = await fetch(\`\${sim.url}/healthz\`);
    expect(await res.json()).toMatchObject({ trangThai: 'ok', soBanGhi: dataset.count });
    expect(sim.lookups).toBe(before);
  });

  it('answers 503 at the configured error rate and delays by the configured latency', async () => {
    const failing = await startSimulator({ dataset, errorRate: 1 });
    const slow = await startSimulator({ dataset, latencyMs: 150 });
    try {
      const id = dataset.sampleIds(1)[0]!;
      expect((await fetch(\`\${failing.url}\${RECORDS_PATH}/\${id}\`)).status).toBe(503);
      const t0 = Date.now();
      expect((await fetch(\`\${slow.url}\${RECORDS_PATH}/\${id}\`)).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    } finally {
      await failing.close();
      await slow.close();
    }
  });
});
`;
}

/** src/main.ts of the simulator. */
export function simMain(n: Names): string {
  return `// Entry point: serves the simulated API of ${n.title} until SIGTERM/SIGINT.
import { createLogger, handleHelp, runService } from '@ndxp/runtime';
import { loadConfig } from './config';
import { createDataset } from './dataset';
import { startSimulator } from './server';

const HELP = \`${n.simulatorName}: the REST/JSON API of ${n.title} (${n.provider}), simulated

  GET ${n.apiPath}/{id}   200 record, 404 unknown, 400 malformed id
  GET /healthz

Environment:
  SIM_HOST        listen address (default 127.0.0.1)
  SIM_PORT        port, 0 = a free one (default 0)
  SIM_SEED        data seed (default ndxp-2021)
  SIM_SIZE        number of records (default 20000)
  SIM_LATENCY_MS  latency added to each answer (default 0)
  SIM_ERROR_RATE  fraction 0..1 of requests answered 503 (default 0)
  LOG_LEVEL       pino level (default info)\`;

handleHelp(process.argv, HELP);

runService('${n.simulatorName}', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: '${n.simulatorName}', level: config.logLevel });
  const dataset = createDataset({ seed: config.seed, size: config.size });
  const sim = await startSimulator({
    dataset,
    host: config.host,
    port: config.port,
    latencyMs: config.latencyMs,
    errorRate: config.errorRate,
    logger,
  });
  logger.info({ port: sim.port, url: sim.url, records: dataset.count, seed: config.seed }, 'ready');
  return { logger, stoppers: [() => sim.close()] };
});
`;
}

/** src/index.ts of the simulator. */
export function simIndex(n: Names): string {
  return `// Public entry of the simulator of ${n.title}: the dataset, the id check and the HTTP server.
export { computeCheckDigit, isValidRecordId, recordIdOf } from './record-id';
export { createDataset, DEFAULT_SEED, DEFAULT_SIZE, STATUS_TEXTS } from './dataset';
export type { Dataset, DatasetOptions, NationalRecord } from './dataset';
export { startSimulator, RECORDS_PATH } from './server';
export type { Simulator, SimulatorOptions } from './server';
export { loadConfig } from './config';
export type { SimulatorConfig } from './config';
`;
}
