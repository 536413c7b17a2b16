// Starting and stopping the ceiling, peer and peer-http systems: each is a pair of forked worker processes.
import { getEnterpriseService } from '@ndxp/contracts';
import type { SystemName } from './args';
import { forkWorker, type Worker } from './children';
import type { HttpTarget, LoadTotals, WorkerConfig } from './worker-protocol';

/** A process whose CPU and memory the benchmark measures. */
export interface MeasuredProcess {
  name: string;
  pid: number;
}

/** One system, started and serving. */
export interface RunningSystem {
  system: SystemName;
  processes: MeasuredProcess[];
  /** Where the load client sends HTTP/JSON (peer-http, mesh-http); NATS systems have none. */
  http?: HttpTarget;
  /**
   * Called once the load client has stopped, before stop, with every request it completed (the mesh
   * waits for metering to catch up and checks the ledger against them).
   */
  settle?(load: LoadTotals): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

async function startPair(
  system: SystemName,
  config: WorkerConfig,
  scripts: [string, string],
): Promise<RunningSystem & { workers: Worker[] }> {
  const workers: Worker[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(workers.map((w) => w.stop()));
  };
  try {
    // The adapter side first, so the front process finds it serving.
    for (const script of scripts) workers.push(await forkWorker(script, script, config));
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    system,
    processes: workers.map((w) => ({ name: w.name, pid: w.pid })),
    workers,
    stop,
  };
}

/** Ceiling: raw nats.js adapter and router processes. */
export function startCeiling(config: WorkerConfig): Promise<RunningSystem> {
  return startPair('ceiling', config, ['ceiling-adapter', 'ceiling-router']);
}

/** Peer: Moleculer adapter and gateway brokers. */
export function startPeer(config: WorkerConfig): Promise<RunningSystem> {
  return startPair('peer', config, ['peer-adapter', 'peer-gateway']);
}

/** peer-http: the ceiling's adapter process behind a fastify front (peer-http-front.ts) on a free port. */
export async function startPeerHttp(config: WorkerConfig): Promise<RunningSystem> {
  const pair = await startPair('peer-http', config, ['ceiling-adapter', 'peer-http-front']);
  const port = Number(pair.workers[1]?.readyDetail);
  if (!Number.isInteger(port) || port <= 0) {
    await pair.stop();
    throw new Error(`peer-http-front reported no port (${String(pair.workers[1]?.readyDetail)})`);
  }
  return { ...pair, http: { origin: `http://127.0.0.1:${port}`, path: getEnterpriseService.httpPath } };
}
