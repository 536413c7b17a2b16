// Starts an N-node nats-server cluster with JetStream on loopback for tests: free ports, routes
// between every node, one trust chain shared by all nodes (the same broker authorization as
// startNatsServer({ auth: true })). One node can be killed and started again on its ports and store.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTrust, issueCreds, permissionsFor, roleName, serverAuthConfig, systemUserCreds, type Trust } from '@ndxp/broker-auth';
import { probe, type NatsServerHandle, SERVER_KEEPALIVE } from './nats-server';

/** One node of a test cluster. */
export interface ClusterNode {
  name: string;
  /** Client port. */
  port: number;
  url: string;
  /** True while the node's process runs. */
  readonly running: boolean;
  logFile: string;
}

/** A running cluster; `url` lists every node (comma separated), as NATS_URL takes it. */
export interface NatsClusterHandle extends NatsServerHandle {
  nodes: readonly ClusterNode[];
  /** SIGKILLs node `index` (its store stays). */
  kill(index: number): Promise<void>;
  /** Starts node `index` again on its ports and store; resolves once JetStream is current on every running node. */
  start(index: number): Promise<void>;
  /** Resolves once every running node's /healthz says JetStream is current (or throws after timeoutMs). */
  waitHealthy(timeoutMs?: number): Promise<void>;
}

export interface NatsClusterOptions {
  /** Number of nodes (default 3: JetStream R3 survives one node's death). */
  size?: number;
  /** Broker authorization like startNatsServer({ auth }) (default true); false: anonymous. */
  auth?: boolean | { trust?: Trust };
  /** nats-server binary (default NATS_SERVER_BIN or nats-server on PATH). */
  binary?: string;
}

/** Starts the cluster and waits until JetStream has a meta leader and every node is current. */
export async function startNatsCluster(options: NatsClusterOptions = {}): Promise<NatsClusterHandle> {
  const size = options.size ?? 3;
  if (size < 1) throw new Error('a cluster needs at least one node');
  const bin = options.binary ?? process.env['NATS_SERVER_BIN'] ?? 'nats-server';
  const dir = mkdtempSync(join(tmpdir(), 'ndxp-nats-cluster-'));
  const auth = options.auth ?? true;
  const trust = auth ? ((typeof auth === 'object' ? auth.trust : undefined) ?? createTrust()) : undefined;
  const ports = await freePorts(size * 3);
  const specs = Array.from({ length: size }, (_, i) => ({
    name: `n${i + 1}`,
    port: ports[i * 3]!,
    clusterPort: ports[i * 3 + 1]!,
    httpPort: ports[i * 3 + 2]!,
    dir: join(dir, `n${i + 1}`),
  }));
  const configs: string[] = [];
  for (const s of specs) {
    mkdirSync(s.dir, { recursive: true });
    const authConfig = trust ? await serverAuthConfig(trust, { resolverDir: join(s.dir, 'jwt') }) : '';
    const routes = specs.filter((o) => o !== s).map((o) => `nats-route://127.0.0.1:${o.clusterPort}`);
    const file = join(s.dir, 'nats.conf');
    writeFileSync(
      file,
      [
        `server_name: ${s.name}`,
        `listen: "127.0.0.1:${s.port}"`,
        `http: "127.0.0.1:${s.httpPort}"`,
        // As production: fsync every second, the broker's keep-alive (nats-server.ts).
        `jetstream { store_dir: "${join(s.dir, 'js')}", sync_interval: "1s" }`,
        SERVER_KEEPALIVE,
        `cluster { name: ndxp-test, listen: "127.0.0.1:${s.clusterPort}", routes: [${routes.map((r) => JSON.stringify(r)).join(', ')}] }`,
        authConfig,
      ].join('\n'),
    );
    configs.push(file);
  }
  const children: Array<ChildProcess | undefined> = specs.map(() => undefined);
  const alive = (i: number): boolean => {
    const c = children[i];
    return c !== undefined && c.exitCode === null && c.signalCode === null;
  };
  const launch = async (i: number): Promise<void> => {
    const s = specs[i]!;
    const child = spawn(bin, ['-c', configs[i]!], { stdio: ['ignore', 'ignore', 'pipe'] });
    children[i] = child;
    child.stderr?.pipe(createWriteStream(join(s.dir, 'nats-server.log'), { flags: 'a' }));
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const exited = new Promise<never>((_, reject) => {
      child.once('error', (e) => reject(new Error(`cannot start ${bin}: ${e.message}`)));
      child.once('exit', (code) => reject(new Error(`nats-server ${s.name} exited with ${code}: ${stderr}`)));
    });
    exited.catch(() => undefined);
    await Promise.race([probe(s.port), exited]);
    child.removeAllListeners('exit');
  };
  const stopNode = async (i: number, signal: NodeJS.Signals): Promise<void> => {
    const child = children[i];
    if (!child || !alive(i)) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await done;
  };
  const waitHealthy = async (timeoutMs = 30_000): Promise<void> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const states = await Promise.all(specs.map((s, i) => (alive(i) ? jetStreamHealthy(s.httpPort) : Promise.resolve(true))));
      if (states.every(Boolean)) return;
      if (Date.now() > until) throw new Error(`JetStream of the cluster not healthy in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stopAll = async (): Promise<void> => {
    await Promise.all(specs.map((_, i) => stopNode(i, 'SIGTERM')));
  };
  try {
    await Promise.all(specs.map((_, i) => launch(i)));
    await waitHealthy();
  } catch (err) {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  let issued = 0;
  const writeCreds = (folder: string | undefined, name: string, text: string): string => {
    const target = folder ?? join(dir, 'creds');
    mkdirSync(target, { recursive: true });
    const file = join(target, `${name.replace(/[^\w.-]/g, '_')}-${++issued}.creds`);
    writeFileSync(file, text, { mode: 0o600 });
    return file;
  };
  const needTrust = (): Trust => {
    if (!trust) throw new Error('this cluster was not started with auth');
    return trust;
  };
  const nodes: ClusterNode[] = specs.map((s, i) => ({
    name: s.name,
    port: s.port,
    url: `nats://127.0.0.1:${s.port}`,
    get running() {
      return alive(i);
    },
    logFile: join(s.dir, 'nats-server.log'),
  }));
  const handle: NatsClusterHandle = {
    url: nodes.map((n) => n.url).join(','),
    port: specs[0]!.port,
    owned: true,
    nodes,
    kill: (i) => stopNode(i, 'SIGKILL'),
    start: async (i) => {
      if (alive(i)) return;
      await launch(i);
      await waitHealthy();
    },
    waitHealthy,
    stop: async () => {
      await stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stopNode(0, 'SIGKILL');
      await launch(0);
      await waitHealthy();
    },
    logFile: nodes[0]!.logFile,
    log: () => nodes.map((n) => readOr(n.logFile)).join('\n'),
    trust,
    credsFile: async (role, folder) =>
      writeCreds(folder, roleName(role), (await issueCreds(needTrust(), roleName(role), permissionsFor(role))).creds),
    systemCredsFile: async (folder) => writeCreds(folder, 'system', await systemUserCreds(needTrust())),
    caFile: undefined,
    clientCertFile: undefined,
    clientKeyFile: undefined,
    [Symbol.asyncDispose]: async () => handle.stop(),
  };
  return handle;
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Ports free on 127.0.0.1 now (all held open together, so they are distinct). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const s = createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const a = s.address();
    if (!a || typeof a === 'string') throw new Error('no port');
    return a.port;
  });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** GET /healthz on the monitoring port: 200 once the node's JetStream is current with the cluster. */
function jetStreamHealthy(httpPort: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpGet({ host: '127.0.0.1', port: httpPort, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}
