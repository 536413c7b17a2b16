// Starting and stopping the ceiling and peer systems: each is a pair of forked worker processes.
import type { SystemName } from './args';
import { forkWorker, type Worker } from './children';
import type { WorkerConfig } from './worker-protocol';

/** A process whose CPU and memory the benchmark measures. */
export interface MeasuredProcess {
  name: string;
  pid: number;
}

/** One system, started and serving. */
export interface RunningSystem {
  system: SystemName;
  processes: MeasuredProcess[];
  /** Called after the measured window, before stop (the mesh waits for metering to catch up). */
  settle?(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

async function startPair(system: SystemName, config: WorkerConfig, scripts: [string, string]): Promise<RunningSystem> {
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
