// Every process the benchmark starts is tracked here and always ends with it: on success, on an
// error, on Ctrl-C or SIGTERM, and (as a last resort) on process exit.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { childPids } from './proc-stats';
import { WORKER_CONFIG_ENV, type FromWorker, type ToWorker, type WorkerConfig } from './worker-protocol';

const tracked = new Set<ChildProcess>();

/** Tracks a child until it exits. */
export function track(child: ChildProcess): void {
  tracked.add(child);
  child.once('exit', () => tracked.delete(child));
}

/**
 * SIGKILLs every tracked child and every other direct child of this process, except `keep` (the
 * nats-server, when the caller stops it gracefully next); synchronous.
 */
export function killAllNow(keep?: number): void {
  for (const c of tracked) {
    try {
      c.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  // Catches children started by helpers that do not hand them back when they fail (startProcess).
  for (const pid of childPids(process.pid)) {
    if (pid === keep) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Asks a child to stop with SIGTERM, and SIGKILLs it after graceMs. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A forked benchmark worker (ceiling or peer server, or the load client). */
export interface Worker {
  name: string;
  pid: number;
  child: ChildProcess;
  /** What the worker said when it was ready (e.g. its HTTP port), if anything. */
  readyDetail: string | undefined;
  send(msg: ToWorker): void;
  /** Resolves with the next message of this type; rejects if the worker fails or exits first. */
  next<T extends FromWorker['type']>(type: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>>;
  stop(): Promise<void>;
}

/** Forks dist/<script>.js with the worker configuration and waits for its "ready" message. */
export async function forkWorker(name: string, script: string, config: WorkerConfig, timeoutMs = 30_000): Promise<Worker> {
  const child = fork(join(__dirname, `${script}.js`), [], {
    env: { ...process.env, [WORKER_CONFIG_ENV]: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  track(child);
  const worker: Worker = {
    name,
    pid: child.pid ?? -1,
    child,
    readyDetail: undefined,
    send: (msg) => {
      if (child.connected) child.send(msg);
    },
    next: (type, ms) =>
      new Promise((resolve, reject) => {
        const cleanup = (): void => {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        const onMessage = (msg: FromWorker): void => {
          if (msg.type === type) {
            cleanup();
            resolve(msg as Extract<FromWorker, { type: typeof type }>);
          } else if (msg.type === 'failed') {
            cleanup();
            reject(new Error(msg.message));
          }
        };
        const onExit = (code: number | null, signal: string | null): void => {
          cleanup();
          reject(new Error(`${name} exited (${signal ?? code}) while waiting for "${type}"`));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${name} sent no "${type}" within ${ms} ms`));
        }, ms);
        child.on('message', onMessage);
        child.once('exit', onExit);
      }),
    stop: async () => {
      if (child.connected) child.send({ type: 'stop' } satisfies ToWorker);
      await stopChild(child);
    },
  };
  try {
    worker.readyDetail = (await worker.next('ready', timeoutMs)).detail;
  } catch (e) {
    await stopChild(child, 1000);
    throw e;
  }
  return worker;
}
