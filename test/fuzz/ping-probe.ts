// Times $SRV.PING round trips to given services from a worker thread, so that the busy test
// process (sending the flood) does not delay the probe: a slow answer is the service's, or the
// machine's, never the sender's. The worker also reports its own event-loop delay.
import { Worker } from 'node:worker_threads';

/** Round-trip statistics of one probed subject, ms. */
export interface PingStats {
  subject: string;
  count: number;
  failures: number;
  maxMs: number;
  p99Ms: number;
}

/** A running probe. */
export interface PingProbe {
  /** Stops probing and returns the statistics per subject and the worker's own max event-loop delay. */
  stop(): Promise<{ pings: PingStats[]; probeLoopMaxMs: number }>;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { connect } = require(workerData.transport);
const { credsAuthenticator } = require(workerData.core);
const { readFileSync } = require('node:fs');
(async () => {
  const nc = await connect({
    servers: workerData.url,
    ...(workerData.inboxPrefix ? { inboxPrefix: workerData.inboxPrefix } : {}),
    ...(workerData.credsFile ? { authenticator: credsAuthenticator(readFileSync(workerData.credsFile)) } : {}),
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const rtts = workerData.subjects.map(() => []);
  const failures = workerData.subjects.map(() => 0);
  let stop = false;
  parentPort.on('message', () => { stop = true; });
  parentPort.postMessage({ started: true });
  while (!stop) {
    for (let i = 0; i < workerData.subjects.length; i++) {
      const t0 = performance.now();
      try {
        await nc.request(workerData.subjects[i], new Uint8Array(0), { timeout: 5000 });
        rtts[i].push(performance.now() - t0);
      } catch {
        failures[i]++;
      }
    }
    await new Promise((r) => setTimeout(r, workerData.intervalMs));
  }
  await nc.close();
  const pings = workerData.subjects.map((subject, i) => {
    const sorted = rtts[i].sort((a, b) => a - b);
    return {
      subject,
      count: sorted.length,
      failures: failures[i],
      maxMs: sorted.length ? sorted[sorted.length - 1] : 0,
      p99Ms: sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] : 0,
    };
  });
  parentPort.postMessage({ pings, probeLoopMaxMs: loop.max / 1e6 });
})().catch((err) => parentPort.postMessage({ error: String(err) }));
`;

/** How the probe connects to an authorizing broker: a .creds file and the inbox prefix its role may use. */
export interface ProbeAuth {
  credsFile: string;
  inboxPrefix: string;
}

/** Starts pinging each subject in turn every `intervalMs` from a worker thread; resolves once it runs. */
export async function startPingProbe(url: string, subjects: string[], auth?: ProbeAuth, intervalMs = 20): Promise<PingProbe> {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      url,
      subjects,
      intervalMs,
      ...(auth ?? {}),
      transport: require.resolve('@nats-io/transport-node'),
      core: require.resolve('@nats-io/nats-core'),
    },
  });
  const messages: unknown[] = [];
  let wake: (() => void) | undefined;
  worker.on('message', (m: unknown) => {
    messages.push(m);
    wake?.();
  });
  worker.on('error', (err) => {
    messages.push({ error: String(err) });
    wake?.();
  });
  const next = async (): Promise<Record<string, unknown>> => {
    while (messages.length === 0) await new Promise<void>((r) => (wake = r));
    const m = messages.shift() as Record<string, unknown>;
    if (m['error']) throw new Error(`ping probe: ${JSON.stringify(m['error'])}`);
    return m;
  };
  await next();
  return {
    stop: async () => {
      worker.postMessage('stop');
      const result = await next();
      await worker.terminate();
      return result as unknown as { pings: PingStats[]; probeLoopMaxMs: number };
    },
  };
}
