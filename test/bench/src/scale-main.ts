// `pnpm bench:scale`: does a second adapter replica raise the mesh's throughput? The real mesh
// (startMesh, every service its own process, broker authorization on) under the same closed-loop
// load with 1, then 2 replicas of the Business Registration adapter, interleaved round by round;
// prints req/s, latency and the CPU of each process (to show what bounds throughput), writes JSON.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { REPO_ROOT, serviceEntry, startMesh, type Mesh, type ServiceName } from '@ndxp/testing';
import { ArgsError } from './args';
import { findNatsServerPid } from './environment';
import { cpuSeconds } from './proc-stats';
import { BENCH_CONSUMER } from './request-shape';
import { parseScaleArgs, SCALE_HELP, type ScaleOptions } from './scale-args';
import { runClosedLoop, type LoadResult } from './scale-load';

const ADAPTER: ServiceName = 'adapter-business-registration';
const PRELOAD = join(__dirname, 'adapter-cpu-cost.js');
const TIMEOUT_MS = 10_000;

/** One measured point. */
interface ScalePoint extends LoadResult {
  round: number;
  adapterCpuUs: number;
  adapterReplicas: number;
  reqPerS: number;
  /** CPU of each process inside the window, in cores (CPU seconds / window seconds). */
  cores: Record<string, number>;
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<number> {
  let o: ScaleOptions;
  try {
    o = parseScaleArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    process.stderr.write(`bench:scale: ${e.message}\n\n${SCALE_HELP}`);
    return 2;
  }
  if (o.help) {
    process.stdout.write(SCALE_HELP);
    return 0;
  }
  const names: ServiceName[] = ['registry', 'metering', 'routing', 'simulator-business-registration', ADAPTER];
  const missing = names.map(serviceEntry).filter((e) => !existsSync(join(REPO_ROOT, e)));
  if (!existsSync(PRELOAD)) missing.push('test/bench/dist/adapter-cpu-cost.js');
  if (missing.length > 0) {
    process.stderr.write(`bench:scale: not built: ${missing.join(', ')} (run pnpm build)\n`);
    return 1;
  }
  progress('starting the mesh (auth on, simulator over HTTP)...');
  const mesh = await startMesh({
    systems: ['business-registration'],
    env: { SIM_LATENCY_MS: String(o.upstreamLatencyMs), SIM_SEED: String(DEFAULT_SEED), SIM_SIZE: String(DEFAULT_SIZE) },
  });
  const stopOnSignal = (): void => void mesh.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const nc = await mesh.connect({ kind: 'lgsp', consumer: BENCH_CONSUMER });
    const taxCodes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(1000);
    const natsPid = findNatsServerPid(true);
    // Adapter replicas running now, by instance name, with their CPU cost.
    const adapters = new Map<string, number>([[ADAPTER, 0]]);
    const setAdapters = async (n: number, costUs: number): Promise<void> => {
      const wanted = Array.from({ length: n }, (_, i) => `adapter-${costUs}us-${i + 1}`);
      // New replicas first, then the others leave (SIGTERM, drained): the mesh serves throughout.
      for (const name of wanted) {
        if (adapters.has(name)) continue;
        await mesh.start(ADAPTER, name, { NODE_OPTIONS: `--require ${PRELOAD}`, NDXP_BENCH_ADAPTER_CPU_US: String(costUs) });
        adapters.set(name, costUs);
      }
      for (const name of [...adapters.keys()]) {
        if (wanted.includes(name)) continue;
        await mesh.processes.get(name)?.stop();
        adapters.delete(name);
      }
    };
    const points: ScalePoint[] = [];
    for (let round = 1; round <= o.rounds; round++) {
      for (const costUs of o.adapterCpuUs) {
        for (const n of o.adapterReplicas) {
          await setAdapters(n, costUs);
          const measured = running(mesh, natsPid);
          let before: Array<number | null> = [];
          let selfBefore = process.cpuUsage();
          const cores: Record<string, number> = {};
          const result = await runClosedLoop(nc, {
            concurrency: o.concurrency,
            warmupMs: o.warmupMs,
            durationMs: o.durationMs,
            timeoutMs: TIMEOUT_MS,
            taxCodes,
            onWindowStart: () => {
              before = measured.map((p) => cpuSeconds(p.pid));
              selfBefore = process.cpuUsage();
            },
            onWindowEnd: (elapsedMs) => {
              measured.forEach((p, i) => {
                const a = cpuSeconds(p.pid);
                const b = before[i];
                if (a !== null && b !== null && b !== undefined) cores[p.name] = (a - b) / (elapsedMs / 1000);
              });
              const self = process.cpuUsage(selfBefore);
              cores['load-client (this process)'] = (self.user + self.system) / 1e6 / (elapsedMs / 1000);
            },
          });
          const point: ScalePoint = {
            ...result,
            round,
            adapterCpuUs: costUs,
            adapterReplicas: n,
            reqPerS: result.ok / (result.elapsedMs / 1000),
            cores,
          };
          points.push(point);
          progress(
            `round ${round}, adapter CPU ${costUs} us/call, ${n} replica(s): ${point.reqPerS.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, errors ${result.errors}`,
          );
        }
      }
    }
    process.stdout.write(renderScale(points, o));
    const out = resolve(process.cwd(), o.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ options: o, points }, null, 2)}\n`);
    progress(`results written to ${out}`);
    return 0;
  } finally {
    await mesh.stop();
  }
}

/** Processes to sample: every running service of the mesh, and its nats-server. */
function running(mesh: Mesh, natsPid: number | undefined): Array<{ name: string; pid: number }> {
  const list = [...mesh.processes.values()]
    .filter((p) => p.child.exitCode === null && p.child.signalCode === null && p.child.pid !== undefined)
    .map((p) => ({ name: p.name, pid: p.child.pid! }));
  return natsPid === undefined ? list : [...list, { name: 'nats-server', pid: natsPid }];
}

/** The results as text: one table row per point, then mean req/s per series and the gain of each replica count. */
export function renderScale(points: readonly ScalePoint[], o: ScaleOptions): string {
  const lines: string[] = [];
  lines.push('');
  lines.push(
    `Adapter replica scaling: concurrency ${o.concurrency}, ${o.durationMs / 1000} s windows, upstream latency ${o.upstreamLatencyMs} ms`,
  );
  lines.push('');
  lines.push('| adapter CPU/call | replicas | round | req/s | p50 ms | p99 ms | errors | busiest processes (cores) |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const p of points) {
    const busiest = Object.entries(p.cores)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name, c]) => `${name} ${c.toFixed(2)}`)
      .join(', ');
    lines.push(
      `| ${p.adapterCpuUs} us | ${p.adapterReplicas} | ${p.round} | ${p.reqPerS.toFixed(0)} | ${p.p50Ms.toFixed(1)} | ${p.p99Ms.toFixed(1)} | ${p.errors} | ${busiest} |`,
    );
  }
  lines.push('');
  lines.push('| adapter CPU/call | replicas | mean req/s | vs first |');
  lines.push('|---:|---:|---:|---:|');
  for (const cost of o.adapterCpuUs) {
    const mean = (n: number): number => {
      const xs = points.filter((p) => p.adapterCpuUs === cost && p.adapterReplicas === n).map((p) => p.reqPerS);
      return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    };
    const first = mean(o.adapterReplicas[0]!);
    for (const n of o.adapterReplicas) lines.push(`| ${cost} us | ${n} | ${mean(n).toFixed(0)} | x${(mean(n) / first).toFixed(2)} |`);
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench:scale failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
