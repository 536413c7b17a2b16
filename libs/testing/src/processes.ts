// Starts a service as its own process for end-to-end tests and waits until it logs readiness.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** A service process started by a test. */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** All JSON log records the process wrote so far. */
  logs: Array<Record<string, unknown>>;
  /** SIGTERM, wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, wait for exit. */
  kill(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface StartProcessOptions {
  name: string;
  /** Path of the compiled main.js. */
  script: string;
  env: Record<string, string>;
  args?: string[];
  /** Options for node itself, e.g. ['--cpu-prof'] (placed before the script). */
  execArgv?: string[];
  /** Log message that means ready; default "ready". */
  readyMessage?: string;
  timeoutMs?: number;
  /** Also append stdout and stderr to this file. */
  logFile?: string;
  /** Keep at most this many parsed log records in memory (default 10,000; older ones are dropped). */
  keepLogs?: number;
}

/** Spawns `node script` and resolves once it logs `{"msg":"ready"}` (JSON lines on stdout). */
export async function startProcess(options: StartProcessOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [...(options.execArgv ?? []), options.script, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const keep = options.keepLogs ?? 10_000;
  if (options.logFile) {
    const out = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  }
  const readyMessage = options.readyMessage ?? 'ready';
  let stderr = '';
  let buffer = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${options.name} not ready in ${options.timeoutMs ?? 20_000} ms: ${stderr}`)),
      options.timeoutMs ?? 20_000,
    );
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        try {
          const rec = JSON.parse(line) as Record<string, unknown>;
          logs.push(rec);
          if (logs.length > keep) logs.splice(0, logs.length - keep);
          if (rec['msg'] === readyMessage) {
            clearTimeout(timer);
            resolve();
          }
        } catch {
          logs.push({ raw: line });
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-8000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before ready: ${stderr}`));
    });
  });
  await ready;
  const waitExit = (): Promise<number | null> =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child.exitCode)
      : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const proc: ServiceProcess = {
    name: options.name,
    child,
    logs,
    stop: async () => {
      const done = waitExit();
      child.kill('SIGTERM');
      return done;
    },
    kill: async () => {
      const done = waitExit();
      child.kill('SIGKILL');
      await done;
    },
    [Symbol.asyncDispose]: async () => {
      if (child.exitCode === null && child.signalCode === null) await proc.kill();
    },
  };
  return proc;
}
