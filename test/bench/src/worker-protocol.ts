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
  /** The HTTP/JSON systems: where to send the request, and the OAuth2 client to get a token for (mesh-http). */
  http?: HttpTarget;
}

/** Where an HTTP/JSON system takes the request. */
export interface HttpTarget {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The method's path, e.g. /BO-BKHDT-DKDN/v1/GetEnterprise. */
  path: string;
  /** The OAuth2 client-credentials client the load client asks POST /token for a bearer token with. */
  client?: { id: string; secret: string };
}

/** Every request the load client completed in the round, warm-up and the tail after the window included. */
export interface LoadTotals {
  ok: number;
  /** Answered, but not ok (an error status, a wrong answer). */
  refused: number;
  /** Not answered: timeouts and transport failures. */
  failed: number;
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
  /** detail: what the runner needs to know of the worker, e.g. the HTTP port it listens on. */
  | { type: 'ready'; detail?: string }
  | { type: 'measuring' }
  | { type: 'measured'; report: LoadReport }
  /** The load client's last word: every request it started has completed. */
  | { type: 'done'; totals: LoadTotals }
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
  start: (
    config: WorkerConfig,
    onMessage: (handler: (msg: ToWorker) => void) => void,
  ) => Promise<(() => Promise<void>) | { stop: () => Promise<void>; detail: string }>,
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
      stop = typeof s === 'function' ? s : s.stop;
      sendToRunner(typeof s === 'function' ? { type: 'ready' } : { type: 'ready', detail: s.detail });
    })
    .catch((e: unknown) => {
      sendToRunner({
        type: 'failed',
        message: `${name}: ${e instanceof Error ? e.message : String(e)}`,
      });
      shutdown(1);
    });
}
