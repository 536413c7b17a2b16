// Starts the whole mesh as separate processes (one per service), as the demo and the end-to-end
// tests run it: nats-server, registry, metering, routing, the Business Registration simulator and
// adapter. Each is probed for readiness from its "ready" log line.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNatsServer, type NatsServerHandle } from './nats-server';
import { startProcess, type ServiceProcess } from './processes';

/** Root of the repository (this file is libs/testing/{src,dist}/mesh.*). */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** Compiled entry of each service, relative to the repository root. */
export const SERVICE_ENTRIES = {
  registry: 'services/registry/dist/main.js',
  metering: 'services/metering/dist/main.js',
  routing: 'services/routing/dist/main.js',
  simulator: 'services/simulators/business-registration/dist/main.js',
  adapter: 'services/adapters/business-registration/dist/main.js',
} as const;

export type ServiceName = keyof typeof SERVICE_ENTRIES;

export interface MeshOptions {
  /** Folder for SQLite files and logs; a new temporary folder when omitted. */
  dataDir?: string;
  /** OTLP/HTTP traces endpoint given to every service. */
  otlpTracesEndpoint?: string;
  /** Where the adapter gets its data: the simulator over HTTP (default) or in memory. */
  adapterUpstream?: 'http' | 'memory';
  logLevel?: string;
  /** Write each service's output to <dataDir>/<name>.log. */
  logToFiles?: boolean;
  /** Called as each part becomes ready. */
  onReady?: (name: string, detail: string) => void;
}

/** A running mesh. */
export interface Mesh {
  nats: NatsServerHandle;
  dataDir: string;
  processes: Map<string, ServiceProcess>;
  registryGrpcPort: number;
  meteringGrpcPort: number;
  /** Environment every service of this mesh is started with. */
  env(name: string): Record<string, string>;
  /** Starts (or restarts after a stop) one service by name; `instance` allows several replicas. */
  start(name: ServiceName, instance?: string): Promise<ServiceProcess>;
  /** Stops everything: services in reverse start order by SIGTERM, then nats-server. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts the mesh; on failure everything already started is stopped. */
export async function startMesh(options: MeshOptions = {}): Promise<Mesh> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ndxp-mesh-'));
  const nats = await startNatsServer({ private: !process.env['NATS_URL'] });
  options.onReady?.('nats-server', nats.url);
  const processes = new Map<string, ServiceProcess>();
  const order: string[] = [];
  let simulatorUrl = '';
  const mesh: Mesh = {
    nats,
    dataDir,
    processes,
    registryGrpcPort: 0,
    meteringGrpcPort: 0,
    env: (name) => ({
      NATS_URL: nats.url,
      LOG_LEVEL: options.logLevel ?? 'info',
      NDXP_INSTANCE_ID: name,
      REGISTRY_DB: join(dataDir, 'registry.sqlite'),
      REGISTRY_GRPC_ADDR: '127.0.0.1:0',
      METERING_DB: join(dataDir, 'ledger.sqlite'),
      METERING_GRPC_ADDR: '127.0.0.1:0',
      SIM_PORT: '0',
      BR_UPSTREAM: options.adapterUpstream ?? 'http',
      BR_UPSTREAM_URL: simulatorUrl,
      ...(options.otlpTracesEndpoint ? { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: options.otlpTracesEndpoint } : {}),
    }),
    start: async (name, instance = name) => {
      const proc = await startProcess({
        name: instance,
        script: join(REPO_ROOT, SERVICE_ENTRIES[name]),
        env: mesh.env(instance),
        ...(options.logToFiles ? { logFile: join(dataDir, `${instance}.log`) } : {}),
      });
      const ready = proc.logs.find((r) => r['msg'] === 'ready') ?? {};
      if (name === 'registry') mesh.registryGrpcPort = Number(ready['grpcPort'] ?? 0);
      if (name === 'metering') mesh.meteringGrpcPort = Number(ready['grpcPort'] ?? 0);
      if (name === 'simulator') simulatorUrl = typeof ready['url'] === 'string' ? ready['url'] : '';
      processes.set(instance, proc);
      if (!order.includes(instance)) order.push(instance);
      options.onReady?.(instance, `pid ${proc.child.pid}`);
      return proc;
    },
    stop: async () => {
      for (const name of [...order].reverse()) {
        const p = processes.get(name);
        if (p && p.child.exitCode === null && p.child.signalCode === null) await p.stop();
      }
      await nats.stop();
    },
    [Symbol.asyncDispose]: async () => mesh.stop(),
  };
  try {
    await mesh.start('registry');
    await mesh.start('metering');
    await mesh.start('routing');
    if ((options.adapterUpstream ?? 'http') === 'http') await mesh.start('simulator');
    await mesh.start('adapter');
  } catch (err) {
    await mesh.stop().catch(() => undefined);
    throw err;
  }
  return mesh;
}
