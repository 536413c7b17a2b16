// Options of `pnpm bench:scale` (node test/bench/dist/scale-main.js), every default in one place.
import { ArgsError, parseDuration } from './args';

/** What one scaling run measures. */
export interface ScaleOptions {
  /** Adapter replica counts measured, in order, each round (default 1,2). */
  adapterReplicas: number[];
  /** Synthetic CPU cost per upstream call in each adapter, microseconds; one series per value (default 0,2000). */
  adapterCpuUs: number[];
  /** Requests kept in flight by the closed-loop client (default 32). */
  concurrency: number;
  /** Measured window per point (default 8 s) and unmeasured load before it (default 2 s). */
  durationMs: number;
  warmupMs: number;
  /** Repetitions of the whole series, interleaved (default 2). */
  rounds: number;
  /** Added latency of the Business Registration simulator, ms (SIM_LATENCY_MS; default 0). */
  upstreamLatencyMs: number;
  /** Where the JSON results go (default bench-results/scale-<timestamp>.json). */
  out: string;
  help: boolean;
}

/** Usage text of the scaling benchmark. */
export const SCALE_HELP = `Usage: pnpm bench:scale [options]   (or: node test/bench/dist/scale-main.js [options])

Runs the mesh (startMesh: broker authorization, registry, metering, routing, the Business
Registration simulator over HTTP and its adapter, each its own process) and puts the same closed-loop
load on it with 1, then 2 adapter replicas, printing req/s, latency and each process's CPU.

Options:
  --adapter-replicas <list>  adapter replica counts to measure (1,2)
  --adapter-cpu-us <list>    synthetic CPU cost per upstream call in each adapter, us (0,2000);
                             0 is the adapter as it is
  --concurrency <n>          requests in flight (32)
  --duration <time>          measured window per point (8s)
  --warmup <time>            load before each window, not measured (2s)
  --rounds <n>               repetitions, interleaved (2)
  --upstream-latency <ms>    SIM_LATENCY_MS of the simulator (0)
  --out <file>               JSON results (bench-results/scale-<timestamp>.json)
  --quick                    --duration 3s --warmup 1s --rounds 1
  --help
`;

const VALUED = new Set(['adapter-replicas', 'adapter-cpu-us', 'concurrency', 'duration', 'warmup', 'rounds', 'upstream-latency', 'out']);

/** Parses argv (without node and script); throws ArgsError on anything it does not understand. */
export function parseScaleArgs(argv: readonly string[], now: Date = new Date()): ScaleOptions {
  const given = new Map<string, string>();
  let quick = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--quick') quick = true;
    else if (arg.startsWith('--') && VALUED.has(arg.slice(2).split('=')[0]!)) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ArgsError(`--${name} needs a value`);
      given.set(name, value);
    } else throw new ArgsError(`unknown argument ${JSON.stringify(arg)}`);
  }
  const list = (name: string, text: string, min: number, max: number): number[] => {
    const out = text.split(',').map((s) => int(name, s, min, max));
    return [...new Set(out)];
  };
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    adapterReplicas: list('adapter-replicas', given.get('adapter-replicas') ?? '1,2', 1, 8),
    adapterCpuUs: list('adapter-cpu-us', given.get('adapter-cpu-us') ?? '0,2000', 0, 1_000_000),
    concurrency: int('concurrency', given.get('concurrency') ?? '32', 1, 10_000),
    durationMs: parseDuration('duration', given.get('duration') ?? (quick ? '3s' : '8s')),
    warmupMs: parseDuration('warmup', given.get('warmup') ?? (quick ? '1s' : '2s'), true),
    rounds: int('rounds', given.get('rounds') ?? (quick ? '1' : '2'), 1, 100),
    upstreamLatencyMs: int('upstream-latency', given.get('upstream-latency') ?? '0', 0, 600_000),
    out: given.get('out') ?? `bench-results/scale-${stamp}.json`,
    help,
  };
}

function int(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new ArgsError(`--${name} takes whole numbers, got ${JSON.stringify(text)}`);
  const n = Number(text);
  if (n < min || n > max) throw new ArgsError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}
