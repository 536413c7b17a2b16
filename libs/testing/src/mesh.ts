// Starts the whole mesh as separate processes (one per service), as the demo and the end-to-end
// tests run it: nats-server, registry, metering, routing, and for each national system its
// simulator and adapter. Each is probed for readiness from its "ready" log line. Broker
// authorization is on by default: each service connects with its own least-privilege credentials.
import { credsAuthenticator, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { ensureLgspEventsConsumer, saveTrust, inboxPrefixFor, type Role, type Trust } from '@ndxp/broker-auth';
import { Header, IssueAccessTokenRequest, IssueAccessTokenResponse, MeshError, MeteringClient, subjects } from '@ndxp/contracts';
import { credentials as grpcCredentials } from '@grpc/grpc-js';
import { withBearer } from './grpc-probe';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNatsServer, type NatsServerHandle } from './nats-server';
import { startProcess, type ServiceProcess } from './processes';

/** Root of the repository (this file is libs/testing/{src,dist}/mesh.*). */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** A national system's deployment entry (deploy/national-systems.json, appended to by `pnpm new-adapter`). */
interface DeployEntry {
  system: string;
  /** The national system's provider token (its adapter's NATS role). */
  provider: string;
  upstreamUrlEnv: string;
}

/** Reads deploy/national-systems.json; a malformed file is a plain Error naming it. */
function readDeployEntries(): DeployEntry[] {
  const file = join(REPO_ROOT, 'deploy/national-systems.json');
  const entries: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const ok = (e: unknown): e is DeployEntry =>
    typeof e === 'object' &&
    e !== null &&
    /^[a-z][a-z0-9-]*$/.test(String((e as DeployEntry).system)) &&
    /^[A-Z0-9]+(-[A-Z0-9]+)+$/.test(String((e as DeployEntry).provider)) &&
    /^[A-Z][A-Z0-9_]*$/.test(String((e as DeployEntry).upstreamUrlEnv));
  if (!Array.isArray(entries) || !entries.every(ok)) throw new Error(`${file}: expected [{ system, provider, upstreamUrlEnv }, ...]`);
  return entries;
}
const DEPLOY_ENTRIES = readDeployEntries();

/** The national systems, by package name (services/{adapters,simulators}/<system>). */
export const NATIONAL_SYSTEMS: readonly string[] = DEPLOY_ENTRIES.map((e) => e.system);
export type NationalSystem = string;

/** The variable each adapter reads its national system's base URL from. */
const UPSTREAM_URL_VARIABLE: Record<NationalSystem, string> = Object.fromEntries(DEPLOY_ENTRIES.map((e) => [e.system, e.upstreamUrlEnv]));

/** The provider token of each national system (its adapter connects as role adapter-<provider>). */
export const SYSTEM_PROVIDERS: Readonly<Record<NationalSystem, string>> = Object.fromEntries(
  DEPLOY_ENTRIES.map((e) => [e.system, e.provider]),
);

/** JetStream key-value buckets an adapter keeps state in (its default bucket names). */
const ADAPTER_KV_BUCKETS: Record<NationalSystem, string[]> = { vnpost: ['ndxp_vnpost_feed'] };

/** The broker role a service process connects as; simulators do not connect to NATS. */
export function serviceRole(name: ServiceName): Role | undefined {
  if (name === 'registry' || name === 'routing' || name === 'metering' || name === 'gateway') return { kind: name };
  if (name.startsWith('adapter-')) {
    const system = name.slice('adapter-'.length);
    const provider = SYSTEM_PROVIDERS[system];
    if (!provider) throw new Error(`no provider token for ${system} in deploy/national-systems.json`);
    return { kind: 'adapter', provider, kvBuckets: ADAPTER_KV_BUCKETS[system] ?? [] };
  }
  return undefined;
}

/** Every service process the mesh can start. */
export type ServiceName = 'registry' | 'metering' | 'routing' | 'gateway' | `simulator-${NationalSystem}` | `adapter-${NationalSystem}`;

/** Compiled entry of a service, relative to the repository root. */
export function serviceEntry(name: ServiceName): string {
  if (name.startsWith('simulator-')) return `services/simulators/${name.slice('simulator-'.length)}/dist/main.js`;
  if (name.startsWith('adapter-')) return `services/adapters/${name.slice('adapter-'.length)}/dist/main.js`;
  return `services/${name}/dist/main.js`;
}

/** The Business Registration adapter over the simulator's dataset in-process (a test-only entry, never production). */
const MEMORY_ADAPTER_ENTRY = 'test/bench/dist/memory-adapter-main.js';

export interface MeshOptions {
  /** Folder for SQLite files and logs; a new temporary folder when omitted. */
  dataDir?: string;
  /** Also start the gateway (gRPC and HTTP/JSON) for LGSPs not on NATS (plaintext on 127.0.0.1; off by default). */
  gateway?: boolean;
  /** National systems to start (simulator and adapter each); all four by default. */
  systems?: readonly NationalSystem[];
  /** OTLP/HTTP traces endpoint given to every service. */
  otlpTracesEndpoint?: string;
  /**
   * Where the Business Registration adapter gets its data: the simulator over HTTP (default), or the
   * simulator's dataset in the adapter's process (the test-only entry test/bench/dist/memory-adapter-main.js).
   */
  adapterUpstream?: 'http' | 'memory';
  logLevel?: string;
  /** Extra environment for every service (e.g. SIM_STEP_MS for the Vietnam Post simulator). */
  env?: Record<string, string>;
  /** Write each service's output to <dataDir>/<name>.log. */
  logToFiles?: boolean;
  /** Called as each part becomes ready. */
  onReady?: (name: string, detail: string) => void;
  /** Broker authorization with per-service credentials (default true; false runs an anonymous broker). */
  auth?: boolean;
  /** TLS between every client and the broker, with certificates made at start (default false). */
  tls?: boolean;
  /**
   * Run on this broker (e.g. startNatsCluster's handle, whose url lists every node) instead of
   * starting one; `auth` must match how it was started. stop() leaves it running.
   */
  nats?: NatsServerHandle;
}

/** A running mesh. */
export interface Mesh {
  nats: NatsServerHandle;
  dataDir: string;
  processes: Map<string, ServiceProcess>;
  registryGrpcPort: number;
  meteringGrpcPort: number;
  /** Port of metering's HTTP report API and dashboard. */
  meteringHttpPort: number;
  /** Port of the gRPC gateway (0 unless started). */
  gatewayGrpcPort: number;
  /** Port of the gateway's HTTP/JSON edge (0 unless started). */
  gatewayHttpPort: number;
  /** Base URL of each started simulator. */
  simulatorUrls: Partial<Record<NationalSystem, string>>;
  /** The trust chain of the broker (with `auth`); also saved as <dataDir>/trust.json. */
  trust: Trust | undefined;
  /** Environment every service of this mesh is started with (NATS credentials are added per role). */
  env(instance: string): Record<string, string>;
  /** A .creds file of the LGSP `consumer` (one per consumer, made on first use). Only with `auth`. */
  lgspCredsFile(consumer: string): Promise<string>;
  /** A .creds file of the ops role (registry and metering APIs, service discovery). Only with `auth`. */
  opsCredsFile(): Promise<string>;
  /** A .creds file of any role (a new user each call). Only with `auth`. */
  credsFile(role: Role): Promise<string>;
  /**
   * A new access token from the registry (IssueAccessToken over NATS as ops) for the APIs off NATS:
   * roles such as "ops", "oversight", "owner:<provider>", "lgsp:<consumer>".
   */
  accessToken(identity: string, roles: string[], expiresInS?: number): Promise<string>;
  /** The TLS CA a client must trust (with `tls`). */
  tlsCaFile: string | undefined;
  /**
   * A NATS connection as `role` (its credentials with `auth`, its inbox prefix, the CA with `tls`);
   * without auth an anonymous one. Connections still open are closed by stop().
   */
  connect(role: Role): Promise<NatsConnection>;
  /**
   * A gRPC client of metering's query API with a fresh access token of `roles` (ops by default);
   * closed by stop().
   */
  meteringClient(roles?: string[]): Promise<MeteringClient>;
  /**
   * The sum of a Prometheus counter or gauge of one process (from /metrics on the port it logged),
   * over the series whose labels include `labels`.
   */
  metricSum(process: string, metric: string, labels?: Record<string, string>): Promise<number>;
  /** What createClient of @ndxp/lgsp-client needs to connect as `consumer` to this mesh. */
  clientOptions(consumer: string): Promise<{ consumer: string; servers: string; credsFile?: string; tls?: { caFile: string } }>;
  /**
   * Starts (or restarts after a stop) one service; `instance` names a further replica, `env` adds
   * variables. A restarted simulator keeps its port, so adapters keep reaching it.
   */
  start(name: ServiceName, instance?: string, env?: Record<string, string>): Promise<ServiceProcess>;
  /** Stops everything: services in reverse start order by SIGTERM, then nats-server. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts the mesh; on failure everything already started is stopped. */
export async function startMesh(options: MeshOptions = {}): Promise<Mesh> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ndxp-mesh-'));
  const systems = options.systems ?? NATIONAL_SYSTEMS;
  const unknown = systems.filter((s) => !NATIONAL_SYSTEMS.includes(s));
  if (unknown.length > 0) throw new Error(`not in deploy/national-systems.json: ${unknown.join(', ')}`);
  const auth = options.auth ?? true;
  const memoryUpstream = options.adapterUpstream === 'memory';
  const nats =
    options.nats ??
    (await startNatsServer({
      private: !process.env['NATS_URL'],
      auth,
      ...(options.tls ? { tls: true } : {}),
      logFile: join(dataDir, 'nats-server.log'),
    }));
  options.onReady?.('nats-server', nats.url);
  const credsDir = join(dataDir, 'creds');
  mkdirSync(credsDir, { recursive: true });
  const registryAuthEnv: Record<string, string> = nats.trust
    ? {
        REGISTRY_AUTH_TRUST: saveTrust(dataDir, nats.trust),
        REGISTRY_AUTH_SYSTEM_CREDS: await nats.systemCredsFile(credsDir),
      }
    : {};
  const roleCreds = new Map<string, Promise<string>>();
  const credsOnce = (key: string, role: Role): Promise<string> => {
    let file = roleCreds.get(key);
    if (!file) {
      file = nats.credsFile(role, credsDir);
      roleCreds.set(key, file);
    }
    return file;
  };
  const opened: NatsConnection[] = [];
  const grpcClients: MeteringClient[] = [];
  const lgspFiles = new Map<string, Promise<string>>();
  let opsConnection: Promise<NatsConnection> | undefined;
  const natsEnv = async (name: ServiceName): Promise<Record<string, string>> => {
    const role = serviceRole(name);
    if (!role || !auth) return {};
    return {
      NATS_CREDS: await credsOnce(`service:${name}`, role),
      NATS_INBOX_PREFIX: inboxPrefixFor(role),
      ...(name === 'registry' ? registryAuthEnv : {}),
    };
  };
  const processes = new Map<string, ServiceProcess>();
  const order: string[] = [];
  const simulatorUrls: Partial<Record<NationalSystem, string>> = {};
  const upstreamUrls = (): Record<string, string> =>
    Object.fromEntries(Object.entries(simulatorUrls).flatMap(([system, url]) => (url ? [[UPSTREAM_URL_VARIABLE[system] ?? '', url]] : [])));
  const mesh: Mesh = {
    nats,
    dataDir,
    processes,
    registryGrpcPort: 0,
    meteringHttpPort: 0,
    gatewayGrpcPort: 0,
    gatewayHttpPort: 0,
    meteringGrpcPort: 0,
    simulatorUrls,
    trust: nats.trust,
    tlsCaFile: nats.caFile,
    lgspCredsFile: (consumer) => {
      let file = lgspFiles.get(consumer);
      if (!file) {
        // Onboarding as ops would: the LGSP's durable event consumer exists before it binds to it.
        file = credsOnce(`lgsp:${consumer}`, { kind: 'lgsp', consumer }).then(async (f) => {
          opsConnection ??= mesh.connect({ kind: 'ops' });
          await ensureLgspEventsConsumer(await opsConnection, consumer);
          return f;
        });
        lgspFiles.set(consumer, file);
      }
      return file;
    },
    opsCredsFile: () => credsOnce('ops', { kind: 'ops' }),
    accessToken: async (identity, roles, expiresInS = 0) => {
      opsConnection ??= mesh.connect({ kind: 'ops' });
      const body = IssueAccessTokenRequest.encode({ identity, roles, expiresInS }).finish();
      const reply = await (await opsConnection).request(subjects.registry('IssueAccessToken'), body, { timeout: 10_000 });
      const failure = reply.headers ? MeshError.fromHeaders(reply.headers) : undefined;
      if (failure) throw failure;
      if (reply.headers?.get(Header.Status) !== 'ok') throw new Error('registry answered IssueAccessToken without a status');
      return IssueAccessTokenResponse.decode(reply.data).token;
    },
    credsFile: (role) => nats.credsFile(role, credsDir),
    meteringClient: async (roles = ['ops']) => {
      const client = new MeteringClient(
        `127.0.0.1:${mesh.meteringGrpcPort}`,
        grpcCredentials.createInsecure(),
        withBearer(await mesh.accessToken(`e2e-${roles.join('-')}`, roles)),
      );
      grpcClients.push(client);
      return client;
    },
    metricSum: async (name, metric, labels = {}) => {
      const logs = processes.get(name)?.logs ?? [];
      const port = logs.map((l) => l['opsPort']).find((p) => typeof p === 'number');
      if (port === undefined) throw new Error(`${name} logged no ops port`);
      const text = await (await fetch(`http://127.0.0.1:${String(port)}/metrics`)).text();
      const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
      return text
        .split('\n')
        .filter((l) => (l.startsWith(`${metric}{`) || l.startsWith(`${metric} `)) && wanted.every((w) => l.includes(w)))
        .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    },
    connect: async (role) => {
      const file = !auth
        ? undefined
        : role.kind === 'lgsp'
          ? await mesh.lgspCredsFile(role.consumer)
          : await credsOnce(`role:${JSON.stringify(role)}`, role);
      const nc = await connect({
        servers: nats.url.split(','),
        inboxPrefix: inboxPrefixFor(role),
        ...(file ? { authenticator: credsAuthenticator(readFileSync(file)) } : {}),
        ...(nats.caFile ? { tls: { caFile: nats.caFile } } : {}),
      });
      opened.push(nc);
      return nc;
    },
    clientOptions: async (consumer) => ({
      consumer,
      servers: nats.url,
      ...(auth ? { credsFile: await mesh.lgspCredsFile(consumer) } : {}),
      ...(nats.caFile ? { tls: { caFile: nats.caFile } } : {}),
    }),
    env: (instance) => ({
      NATS_URL: nats.url,
      ...(nats.caFile ? { NATS_TLS_CA: nats.caFile } : {}),
      LOG_LEVEL: options.logLevel ?? 'info',
      NDXP_INSTANCE_ID: instance,
      REGISTRY_DB: join(dataDir, 'registry.sqlite'),
      REGISTRY_GRPC_ADDR: '127.0.0.1:0',
      METERING_DB: join(dataDir, 'ledger.sqlite'),
      METERING_GRPC_ADDR: '127.0.0.1:0',
      GATEWAY_GRPC_ADDR: '127.0.0.1:0',
      GATEWAY_HTTP_ADDR: '127.0.0.1:0',
      OPS_ADDR: '127.0.0.1:0',
      METERING_HTTP_ADDR: '127.0.0.1:0',
      SIM_PORT: '0',
      ...upstreamUrls(),
      ...(options.otlpTracesEndpoint ? { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: options.otlpTracesEndpoint } : {}),
      ...options.env,
    }),
    start: async (name, instance = name, env = {}) => {
      const known = name.startsWith('simulator-') ? simulatorUrls[name.slice('simulator-'.length)] : undefined;
      const proc = await startProcess({
        name: instance,
        script: join(REPO_ROOT, name === 'adapter-business-registration' && memoryUpstream ? MEMORY_ADAPTER_ENTRY : serviceEntry(name)),
        env: { ...mesh.env(instance), ...(await natsEnv(name)), ...(known ? { SIM_PORT: new URL(known).port } : {}), ...env },
        ...(options.logToFiles ? { logFile: join(dataDir, `${instance}.log`) } : {}),
      });
      const ready = proc.logs.find((r) => r['msg'] === 'ready') ?? {};
      if (name === 'registry') mesh.registryGrpcPort = Number(ready['grpcPort'] ?? 0);
      if (name === 'metering') mesh.meteringHttpPort = Number(ready['httpPort'] ?? 0);
      if (name === 'gateway') {
        mesh.gatewayGrpcPort = Number(ready['grpcPort'] ?? 0);
        mesh.gatewayHttpPort = Number(ready['httpPort'] ?? 0);
      }
      if (name === 'metering') mesh.meteringGrpcPort = Number(ready['grpcPort'] ?? 0);
      if (name.startsWith('simulator-') && typeof ready['url'] === 'string') {
        simulatorUrls[name.slice('simulator-'.length)] = ready['url'];
      }
      processes.set(instance, proc);
      if (!order.includes(instance)) order.push(instance);
      options.onReady?.(instance, `pid ${proc.child.pid}`);
      return proc;
    },
    stop: async () => {
      for (const c of grpcClients.splice(0)) c.close();
      for (const nc of opened.splice(0)) if (!nc.isClosed()) await nc.close().catch(() => undefined);
      for (const name of [...order].reverse()) {
        const p = processes.get(name);
        if (p && p.child.exitCode === null && p.child.signalCode === null) await p.stop();
      }
      if (!options.nats) await nats.stop();
    },
    [Symbol.asyncDispose]: async () => mesh.stop(),
  };
  try {
    await mesh.start('registry');
    await mesh.start('metering');
    await mesh.start('routing');
    for (const system of systems) {
      if (system !== 'business-registration' || !memoryUpstream) await mesh.start(`simulator-${system}`);
    }
    for (const system of systems) await mesh.start(`adapter-${system}`);
    if (options.gateway) await mesh.start('gateway');
  } catch (err) {
    await mesh.stop().catch(() => undefined);
    throw err;
  }
  return mesh;
}
