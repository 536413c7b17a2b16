// How the runner talks to the processes it forks (the ceiling and peer servers and the load
// client): configuration in one environment variable, then messages over the IPC channel.
import type { SystemName } from './args';
import type { HistogramData } from './latency-histogram';

/** Environment variable holding a worker's JSON configuration. */
export const WORKER_CONFIG_ENV = 'NDXP_BENCH_WORKER';

/** Configuration every forked worker receives. */
export interface WorkerConfig {
  natsUrl: string;
  datasetSeed: string | number;
  datasetSize: number;
}

/** What the load client is asked to do. */
export interface LoadPlan {
  system: SystemName;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Per-request timeout and deadline, ms. */
  timeoutMs: number;
  taxCodes: string[];
}

/** What the load client reports at the end of the measured window. */
export interface LoadReport {
  elapsedMs: number;
  ok: number;
  errors: number;
  errorsByKind: Record<string, number>;
  latency: HistogramData;
}

/** Messages the runner sends to a worker. */
export type ToWorker = { type: 'run'; plan: LoadPlan } | { type: 'stop' };

/** Messages a worker sends to the runner. */
export type FromWorker =
  | { type: 'ready'; detail?: string }
  | { type: 'measuring' }
  | { type: 'measured'; report: LoadReport }
  | { type: 'failed'; message: string };

/** Reads the worker configuration from the environment. */
export function readWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const raw = env[WORKER_CONFIG_ENV];
  if (!raw) throw new Error(`${WORKER_CONFIG_ENV} is not set: this script is started by the benchmark runner`);
  return JSON.parse(raw) as WorkerConfig;
}

/** Sends a message to the runner (no-op when the channel is gone). */
export function sendToRunner(msg: FromWorker): void {
  if (process.connected && process.send) process.send(msg);
}

/**
 * Runs a worker: starts it, reports ready, and stops it (then exits) when the runner asks, sends
 * a signal, or disappears (IPC channel closed), so a worker never outlives its runner.
 */
export function runWorker(
  name: string,
  start: (config: WorkerConfig, onMessage: (handler: (msg: ToWorker) => void) => void) => Promise<() => Promise<void>>,
): void {
  let stop: (() => Promise<void>) | undefined;
  let stopping = false;
  const handlers: Array<(msg: ToWorker) => void> = [];
  const shutdown = (code: number): void => {
    if (stopping) return;
    stopping = true;
    const hardExit = setTimeout(() => process.exit(code), 3000);
    hardExit.unref();
    void (stop ? stop() : Promise.resolve()).catch(() => undefined).then(() => process.exit(code));
  };
  process.on('message', (msg: ToWorker) => {
    if (msg.type === 'stop') shutdown(0);
    else for (const h of handlers) h(msg);
  });
  process.on('disconnect', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  process.on('SIGINT', () => shutdown(0));
  start(readWorkerConfig(), (h) => handlers.push(h))
    .then((s) => {
      stop = s;
      sendToRunner({ type: 'ready' });
    })
    .catch((e: unknown) => {
      sendToRunner({
        type: 'failed',
        message: `${name}: ${e instanceof Error ? e.message : String(e)}`,
      });
      shutdown(1);
    });
}
