// Templates of the adapter's service: config, public index, entry point, integration test, package files.
import type { Names } from '../names';

/** package.json of the adapter. */
export function adapterPackageJson(n: Names): string {
  return `${JSON.stringify(
    {
      name: n.adapterPackage,
      version: '0.1.0',
      private: true,
      description: `Adapter of ${n.title} (${n.provider})`,
      main: 'dist/index.js',
      types: 'dist/index.d.ts',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      // Only workspace packages: a scaffolded system links them from the lockfile, with no resolution
      // and so no network; an external dependency added later names its version as 'catalog:'.
      dependencies: {
        '@ndxp/adapter-sdk': 'workspace:*',
        '@ndxp/contracts': 'workspace:*',
        '@ndxp/runtime': 'workspace:*',
      },
      devDependencies: {
        [n.simulatorPackage]: 'workspace:*',
        '@ndxp/testing': 'workspace:*',
      },
    },
    null,
    2,
  )}\n`;
}

/** tsconfig.json of the adapter. */
export function adapterTsconfig(): string {
  return `{
  "extends": "../../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist" },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts"],
  "references": [
    { "path": "../../../libs/contracts" },
    { "path": "../../../libs/runtime" },
    { "path": "../../../libs/adapter-sdk" }
  ]
}
`;
}

/** src/config.ts of the adapter. */
export function adapterConfig(n: Names): string {
  const p = n.envPrefix;
  return `// Every setting of the adapter of ${n.title}, with its default, read once from the environment.
import { loadAdapterCommonConfig, loadUpstreamConfig, type AdapterCommonConfig } from '@ndxp/adapter-sdk';
import { envInt, loadCommonConfig, type CommonConfig, type Env } from '@ndxp/runtime';

/** Service name used in logs, traces, NATS connection names and $SRV discovery. */
export const SERVICE_NAME = '${n.adapterName}';

/** The adapter's settings. */
export interface AdapterConfig {
  common: CommonConfig;
  /** Where the SDK serves /healthz, /readyz and /metrics (OPS_ADDR). */
  adapter: AdapterCommonConfig;
  /** Base URL of the national system's API (the adapter appends ${n.apiPath}/{id}). */
  upstreamUrl: string;
  /** Upper bound of one upstream attempt; the request's deadline bounds it too. */
  upstreamTimeoutMs: number;
  /** Extra attempts of a failed (5xx, unreachable) upstream call, within the deadline. */
  upstreamRetries: number;
  /** Deadline given to requests that carry none. */
  defaultTimeoutMs: number;
}

/** Reads ${p}_* (and the common) settings; throws ConfigError naming the bad one. */
export function loadConfig(env: Env): AdapterConfig {
  const upstream = loadUpstreamConfig(env, '${p}', { url: 'http://127.0.0.1:${n.defaultPort}', retries: 2 });
  return {
    common: loadCommonConfig(env, SERVICE_NAME),
    adapter: loadAdapterCommonConfig(env),
    ...upstream,
    defaultTimeoutMs: envInt(env, '${p}_DEFAULT_TIMEOUT_MS', 10_000, 1, 600_000),
  };
}
`;
}

/** src/config.test.ts of the adapter. */
export function adapterConfigTest(n: Names): string {
  const p = n.envPrefix;
  return `import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('adapter loadConfig', () => {
  it('has a default for every setting', () => {
    expect(loadConfig({})).toMatchObject({
      upstreamUrl: 'http://127.0.0.1:${n.defaultPort}',
      upstreamTimeoutMs: 30000,
      upstreamRetries: 2,
      defaultTimeoutMs: 10_000,
      adapter: { healthAddr: { host: '127.0.0.1', port: 0 } },
      common: expect.objectContaining({ natsServers: ['nats://127.0.0.1:4222'] }),
    });
  });

  it('reads every setting', () => {
    const c = loadConfig({
      ${n.upstreamUrlEnv}: 'https://national.example.gov.vn/api/',
      ${p}_UPSTREAM_TIMEOUT_MS: '500',
      ${p}_UPSTREAM_RETRIES: '0',
      ${p}_DEFAULT_TIMEOUT_MS: '3000',
      OPS_ADDR: 'off',
    });
    expect(c).toMatchObject({
      upstreamUrl: 'https://national.example.gov.vn/api',
      upstreamTimeoutMs: 500,
      upstreamRetries: 0,
      defaultTimeoutMs: 3000,
      adapter: { healthAddr: undefined },
    });
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ ${n.upstreamUrlEnv}: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ ${n.upstreamUrlEnv}: 'ftp://x' })).toThrow(/${n.upstreamUrlEnv}/);
    expect(() => loadConfig({ ${p}_UPSTREAM_TIMEOUT_MS: '0' })).toThrow(/${p}_UPSTREAM_TIMEOUT_MS/);
  });
});
`;
}

/** src/index.ts of the adapter. */
export function adapterIndex(n: Names): string {
  return `// Public entry of the adapter of ${n.title}: start it in-process, or reuse its pure parts.
import { createUpstream, startAdapter, type RunningAdapter, type StartAdapterOptions, type Upstream } from '@ndxp/adapter-sdk';
import type { Logger, NatsConnection } from '@ndxp/runtime';
import { create${n.pascal}Adapter } from './adapter';
import type { AdapterConfig } from './config';

export { create${n.pascal}Adapter, ADAPTER_VERSION, RECORDS_PATH } from './adapter';
export { loadConfig, SERVICE_NAME } from './config';
export type { AdapterConfig } from './config';
export { mapRecord, mapStatus, mapDate } from './mapper';
export { validateRecordId } from './record-id';
export type { RecordIdResult, ValidRecordId, InvalidRecordId } from './record-id';

/** The national system's client as the config describes it. */
export function create${n.pascal}Upstream(
  config: Pick<AdapterConfig, 'upstreamUrl' | 'upstreamTimeoutMs' | 'upstreamRetries'>,
  logger?: Logger,
): Upstream {
  return createUpstream({
    name: ${JSON.stringify(n.title)},
    baseUrl: config.upstreamUrl,
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    ...(logger ? { logger } : {}),
  });
}

/** Starts serving ${n.service} on NATS; \`stop()\` drains in-flight requests. */
export async function start${n.pascal}Adapter(options: {
  config: AdapterConfig;
  nc: NatsConnection;
  logger: Logger;
  tracer?: StartAdapterOptions['tracer'];
  /** Overrides the upstream built from config. */
  upstream?: Upstream;
}): Promise<RunningAdapter> {
  const upstream = options.upstream ?? create${n.pascal}Upstream(options.config, options.logger);
  return startAdapter(create${n.pascal}Adapter(upstream), {
    nc: options.nc,
    logger: options.logger,
    ...(options.tracer ? { tracer: options.tracer } : {}),
    defaultTimeoutMs: options.config.defaultTimeoutMs,
    healthAddr: options.config.adapter.healthAddr,
    instanceId: options.config.common.instanceId,
  });
}
`;
}

/** src/main.ts of the adapter. */
export function adapterMain(n: Names): string {
  const p = n.envPrefix;
  return `// Entry point: serves ${n.service} of ${n.title} on NATS until SIGTERM/SIGINT.
import { connectNats, createLogger, handleHelp, runService, startTelemetry } from '@ndxp/runtime';
import { loadConfig, SERVICE_NAME } from './config';
import { start${n.pascal}Adapter } from './index';

const HELP = \`${n.adapterName}: the mesh's adapter of ${n.title} (${n.provider})

Serves ndxp.svc.${n.provider}.${n.service} (queue group ndxp-adapter-${n.provider}, NATS service
"${n.adapterName}" for $SRV discovery).

Environment:
  ${n.upstreamUrlEnv.padEnd(24)} base URL of the national system (default http://127.0.0.1:${n.defaultPort})
  ${`${p}_UPSTREAM_TIMEOUT_MS`.padEnd(24)} cap of one upstream attempt; the time left bounds it first (default 30000)
  ${`${p}_UPSTREAM_RETRIES`.padEnd(24)} extra attempts after a 5xx or unreachable upstream, within the deadline (default 2)
  ${`${p}_DEFAULT_TIMEOUT_MS`.padEnd(24)} deadline of requests that carry none (default 10000)
  ${'OPS_ADDR'.padEnd(24)} host:port of /healthz, /readyz and /metrics (default 127.0.0.1:0; off disables)
  NATS_URL (nats://127.0.0.1:4222), NATS_USER, NATS_PASSWORD, NATS_CREDS, LOG_LEVEL (info),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, NDXP_INSTANCE_ID\`;

handleHelp(process.argv, HELP);

runService(SERVICE_NAME, async () => {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: SERVICE_NAME, level: config.common.logLevel, instanceId: config.common.instanceId });
  const telemetry = startTelemetry({ service: SERVICE_NAME, otlpTracesEndpoint: config.common.otlpTracesEndpoint });
  const nc = await connectNats(config.common, SERVICE_NAME, logger);
  const adapter = await start${n.pascal}Adapter({ config, nc, logger, tracer: telemetry.tracer });
  logger.info({ upstreamUrl: config.upstreamUrl, id: adapter.id, healthPort: adapter.healthPort }, 'ready');
  // Stopped in reverse: the adapter drains first, then the connection, then telemetry flushes.
  return { logger, stoppers: [() => telemetry.shutdown(), () => nc.drain(), () => adapter.stop()] };
});
`;
}

/** src/adapter.int.test.ts: real nats-server, the simulator in-process. */
export function adapterIntTest(n: Names): string {
  return `import type { RunningAdapter } from '@ndxp/adapter-sdk';
import { ${n.request}, ${n.record}, ${n.serviceConst}, Header, subjects } from '@ndxp/contracts';
import { createLogger } from '@ndxp/runtime';
import { createDataset, recordIdOf, startSimulator, type Simulator } from '${n.simulatorPackage}';
import { connectTo, headers, startNatsServer, type NatsConnection, type NatsServerHandle } from '@ndxp/testing';
import { loadConfig } from './config';
import { start${n.pascal}Adapter } from './index';
import { mapRecord } from './mapper';

const SUBJECT = subjects.service(${n.serviceConst}.provider, ${n.serviceConst}.service);
const logger = createLogger({ service: '${n.adapterName}-test', level: 'silent' });
const dataset = createDataset({ seed: 'adapter-int', size: 3000 });

/** A valid id that this dataset does not hold. */
function unknownId(): string {
  for (let i = 0; ; i++) {
    const id = recordIdOf(String(i).padStart(9, '0'));
    if (!dataset.get(id)) return id;
  }
}

interface Answer {
  status: string | undefined;
  field: string | undefined;
  record: ${n.record} | undefined;
}

async function lookup(nc: NatsConnection, id: string, deadlineMs = 5000): Promise<Answer> {
  const h = headers();
  h.set(Header.RequestId, \`t-\${Date.now()}-\${Math.random().toString(36).slice(2)}\`);
  h.set(Header.Consumer, 'TINH-01-LGSP');
  h.set(Header.Deadline, String(Date.now() + deadlineMs));
  const msg = await nc.request(SUBJECT, ${n.request}.encode({ id }).finish(), { headers: h, timeout: 5000 });
  const status = msg.headers?.get(Header.Status);
  return {
    status,
    field: msg.headers?.get(Header.ErrorField) || undefined,
    record: status === 'ok' ? ${n.record}.decode(msg.data) : undefined,
  };
}

describe('${n.adapterName} on NATS with the simulator', () => {
  let server: NatsServerHandle;
  let client: NatsConnection;
  const cleanups: Array<() => Promise<unknown>> = [];

  /** Starts the simulator and an adapter on its own connection; only one adapter runs at a time. */
  async function run(opts: { latencyMs?: number; simulatorDown?: boolean } = {}): Promise<Simulator> {
    while (cleanups.length) await cleanups.pop()!();
    const sim = await startSimulator({ dataset, latencyMs: opts.latencyMs ?? 0 });
    cleanups.push(() => sim.close().catch(() => undefined));
    if (opts.simulatorDown) await sim.close();
    const nc = await connectTo(server);
    cleanups.push(() => nc.close());
    const config = loadConfig({ ${n.upstreamUrlEnv}: sim.url, OPS_ADDR: 'off', ${n.envPrefix}_UPSTREAM_RETRIES: '0' });
    const adapter: RunningAdapter = await start${n.pascal}Adapter({ config, nc, logger });
    cleanups.push(() => adapter.stop());
    return sim;
  }

  beforeAll(async () => {
    server = await startNatsServer();
    client = await connectTo(server);
  });
  afterAll(async () => {
    while (cleanups.length) await cleanups.pop()!();
    await client?.close();
    await server?.stop();
  });

  it('answers a valid id with the mapped record', async () => {
    const sim = await run();
    const id = dataset.sampleIds(3)[1]!;
    const answer = await lookup(client, id);
    expect(answer.status).toBe('ok');
    expect(answer.record).toEqual(mapRecord(dataset.get(id)));
    expect(answer.record?.name).not.toBe('');
    expect(sim.lookups).toBe(1);
  });

  it('answers client.not_found for a valid id the national system does not hold', async () => {
    await run();
    expect((await lookup(client, unknownId())).status).toBe('client.not_found');
  });

  it('answers client.invalid_argument on id for a malformed id, without calling the simulator', async () => {
    const sim = await run();
    const valid = dataset.sampleIds(1)[0]!;
    const wrongCheck = valid.slice(0, 9) + String((Number(valid[9]) + 1) % 10);
    expect(await lookup(client, wrongCheck)).toMatchObject({ status: 'client.invalid_argument', field: 'id' });
    expect((await lookup(client, '')).status).toBe('client.invalid_argument');
    expect((await lookup(client, \` \${valid}\`)).status).toBe('client.invalid_argument');
    expect(sim.lookups).toBe(0);
  });

  it('answers server.upstream_failure when the simulator is down', async () => {
    await run({ simulatorDown: true });
    expect((await lookup(client, dataset.sampleIds(1)[0]!)).status).toBe('server.upstream_failure');
  });

  it('answers server.timeout when the simulator is slower than the deadline', async () => {
    await run({ latencyMs: 1500 });
    const t0 = Date.now();
    expect((await lookup(client, dataset.sampleIds(1)[0]!, 300)).status).toBe('server.timeout');
    expect(Date.now() - t0).toBeLessThan(1200);
  });
});
`;
}
