// Starts a real nats-server for tests: local binary on a free port with a temporary JetStream
// directory and production's keep-alive pings, or reuses NATS_URL. Readiness is probed (ports
// file, then a TCP INFO line). Optionally with broker authorization (a fresh trust chain) and TLS
// (certificates made now with openssl).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createTrust, issueCreds, permissionsFor, roleName, serverAuthConfig, systemUserCreds, type Trust } from '@ndxp/broker-auth';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { existsSync } from 'node:fs';
import { containerRuntimeReachable, startNatsContainer } from './nats-container';
import { PLAIN_SERVER_FIELDS, type NatsServerHandle } from './nats-server-handle';
import { makeTestCerts } from './test-certs';

export type { NatsServerHandle } from './nats-server-handle';

export interface NatsServerOptions {
  /** Extra server configuration, in nats-server config syntax, appended to the generated file. */
  config?: string;
  /** Use this binary instead of nats-server from PATH (NATS_SERVER_BIN also sets it). */
  binary?: string;
  /** Ignore NATS_URL and always start a private server (needed by tests that kill the server). */
  private?: boolean;
  /** Broker authorization: a fresh trust chain (or the one given) and no anonymous access. Implies `private`. */
  auth?: boolean | { trust?: Trust };
  /** TLS for client connections; `verify` also requires a client certificate. Implies `private`. */
  tls?: boolean | { verify?: boolean };
  /** Where the server's log goes (default <temporary folder>/nats-server.log). */
  logFile?: string;
}

/** The broker's keep-alive in nats-server config syntax, as production sets it (`options.config` may override it). */
export const SERVER_KEEPALIVE = 'ping_interval: "2s"\nping_max: 2';

/**
 * Starts (or reuses) a nats-server with JetStream: NATS_URL when set (unless `private`), else the
 * local binary, else a container via testcontainers when a Docker engine is reachable.
 */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServerHandle> {
  const reuse = process.env['NATS_URL'];
  if (reuse && !options.private && !options.auth && !options.tls) {
    const port = Number(new URL(reuse.split(',')[0]!).port || 4222);
    return {
      url: reuse,
      port,
      owned: false,
      stop: async () => undefined,
      restart: async () => {
        throw new Error('cannot restart a reused NATS_URL server');
      },
      ...PLAIN_SERVER_FIELDS,
      [Symbol.asyncDispose]: async () => undefined,
    };
  }
  const bin = options.binary ?? process.env['NATS_SERVER_BIN'] ?? 'nats-server';
  if (!onPath(bin) && !options.config && !options.auth && !options.tls) {
    if (await containerRuntimeReachable()) return startNatsContainer();
    throw new Error(
      `${bin} is not installed and no Docker engine is reachable: install nats-server (apt-get install nats-server) or set NATS_URL`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'ndxp-nats-'));
  const logFile = options.logFile ?? join(dir, 'nats-server.log');
  const trust = options.auth ? ((typeof options.auth === 'object' ? options.auth.trust : undefined) ?? createTrust()) : undefined;
  const authConfig = trust ? await serverAuthConfig(trust, { resolverDir: join(dir, 'jwt') }) : '';
  const verify = typeof options.tls === 'object' && options.tls.verify === true;
  const certs = options.tls ? makeTestCerts(join(dir, 'tls')) : undefined;
  const tlsConfig = certs
    ? `tls { cert_file: ${JSON.stringify(certs.serverCertFile)}, key_file: ${JSON.stringify(certs.serverKeyFile)}, ca_file: ${JSON.stringify(certs.caFile)}, verify: ${verify}, timeout: 2 }`
    : '';
  let port = 0;
  const writeConfig = (p: number): string => {
    const file = join(dir, 'nats.conf');
    writeFileSync(
      file,
      [
        `listen: "127.0.0.1:${p === 0 ? -1 : p}"`,
        // As production: JetStream's files are fsynced every second (deploy/nats/values.yaml).
        `jetstream { store_dir: "${join(dir, 'js')}", sync_interval: "1s" }`,
        `ports_file_dir: "${dir}"`,
        // As deployed (deploy/nats/values.yaml): a client that answers no ping for about 6 s (3 pings
        // 2 s apart, 2 allowed unanswered) is dropped, so a frozen replica loses its queue-group share.
        SERVER_KEEPALIVE,
        tlsConfig,
        authConfig,
        options.config ?? '',
      ].join('\n'),
    );
    return file;
  };
  let issued = 0;
  const writeCreds = (folder: string | undefined, name: string, text: string): string => {
    const target = folder ?? join(dir, 'creds');
    mkdirSync(target, { recursive: true });
    const file = join(target, `${name.replace(/[^\w.-]/g, '_')}-${++issued}.creds`);
    writeFileSync(file, text, { mode: 0o600 });
    return file;
  };
  const needTrust = (): Trust => {
    if (!trust) throw new Error('this nats-server was not started with auth');
    return trust;
  };
  let child: ChildProcess;
  const launch = async (): Promise<void> => {
    for (const f of readdirSync(dir)) if (f.endsWith('.ports')) rmSync(join(dir, f));
    const conf = writeConfig(port);
    child = spawn(bin, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.pipe(createWriteStream(logFile, { flags: 'a' }));
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const exited = new Promise<never>((_, reject) => {
      child.once('error', (e) => reject(new Error(`cannot start ${bin}: ${e.message}`)));
      child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}: ${stderr}`)));
    });
    port = await Promise.race([waitForPortsFile(dir, child.pid!), exited]);
    await Promise.race([probe(port), exited]);
    child.removeAllListeners('exit');
  };
  await launch();
  const stopChild = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await done;
  };
  const handle: NatsServerHandle = {
    get url() {
      return `${certs ? 'tls' : 'nats'}://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    owned: true,
    get pid() {
      return child.pid;
    },
    stop: async () => {
      await stopChild('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async (o = {}) => {
      await stopChild('SIGKILL');
      if (o.downMs) await new Promise((r) => setTimeout(r, o.downMs));
      await launch();
    },
    logFile,
    log: () => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
    trust,
    credsFile: async (role, folder) =>
      writeCreds(folder, roleName(role), (await issueCreds(needTrust(), roleName(role), permissionsFor(role))).creds),
    systemCredsFile: async (folder) => writeCreds(folder, 'system', await systemUserCreds(needTrust())),
    caFile: certs?.caFile,
    clientCertFile: certs?.clientCertFile,
    clientKeyFile: certs?.clientKeyFile,
    [Symbol.asyncDispose]: async () => handle.stop(),
  };
  return handle;
}

/** True when `bin` is a path that exists or a command found on PATH. */
function onPath(bin: string): boolean {
  if (bin.includes('/')) return existsSync(bin);
  return (process.env['PATH'] ?? '').split(delimiter).some((d) => d && existsSync(join(d, bin)));
}

async function waitForPortsFile(dir: string, pid: number, timeoutMs = 10_000): Promise<number> {
  const file = join(dir, `nats-server_${pid}.ports`);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const ports = JSON.parse(readFileSync(file, 'utf8')) as { nats?: string[] };
      const first = ports.nats?.[0];
      if (first) return Number(new URL(first).port);
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`nats-server wrote no ports file in ${timeoutMs} ms`);
}

/** Resolves when the server at port answers a TCP connection with its INFO line. */
export async function probe(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect({ host: '127.0.0.1', port });
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('INFO'));
      });
      s.once('error', () => resolve(false));
      s.setTimeout(1000, () => {
        s.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing answered on port ${port} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
