// What one measured round records, and how rounds add up per system and concurrency with the
// ratios of the mesh against the others. Pure functions: unit-tested, no I/O.
import type { SystemName } from './args';
import { LatencyHistogram, type HistogramData, type LatencySummary } from './latency-histogram';
import type { LoadTotals } from './worker-protocol';

/** CPU and memory of one process over one measured window. */
export interface ProcessSample {
  /** Stable role name, e.g. "ceiling-router", "nats-server", "load-client". */
  name: string;
  pid: number;
  /** user + system CPU seconds spent inside the measured window; null when /proc could not be read. */
  cpuSeconds: number | null;
  /** VmHWM at the end of the round, bytes; null when unknown. */
  peakRssBytes: number | null;
}

/** One measured round of one system at one concurrency. */
export interface RoundResult {
  system: SystemName;
  concurrency: number;
  /** 1-based repetition number. */
  round: number;
  elapsedMs: number;
  /** Answers with Ndxp-Status "ok" (or the peer's successful return) inside the window. */
  ok: number;
  /** Any other outcome inside the window: error status, timeout, transport error. */
  errors: number;
  errorsByKind: Record<string, number>;
  /** Latencies of the ok answers. */
  latency: HistogramData;
  processes: ProcessSample[];
  /**
   * Cores kept busy during the window by anything other than the measured processes (other
   * programs on the machine, the kernel); high values mean the round competed for CPU.
   */
  otherCores: number | null;
  /** Every request of the round (warm-up and the tail after the window included), by outcome. */
  totals?: LoadTotals;
  /** What the system reported after the load stopped (the mesh: how long metering took to catch up). */
  extra?: Record<string, unknown>;
}

/** Per-process figures over all rounds of one system and concurrency. */
export interface ProcessSummary {
  name: string;
  cpuSeconds: number | null;
  /** Average cores busy during the measured windows (cpuSeconds / measured seconds). */
  cores: number | null;
  /** CPU microseconds per ok answer. */
  cpuUsPerRequest: number | null;
  peakRssBytes: number | null;
}

/** All rounds of one system at one concurrency, added up. */
export interface SystemSummary {
  system: SystemName;
  concurrency: number;
  rounds: number;
  ok: number;
  errors: number;
  errorsByKind: Record<string, number>;
  seconds: number;
  /** ok answers per second over all measured windows. */
  rps: number;
  /** Requests/s of each round, to show the spread. */
  rpsByRound: number[];
  latency: LatencySummary;
  processes: ProcessSummary[];
  /** CPU µs per ok answer, summed over every process except the load client (nats-server included). */
  serverCpuUsPerRequest: number | null;
  /** Highest otherCores of any round (see RoundResult.otherCores). */
  maxOtherCores: number | null;
}

/** One system against another at one concurrency (e.g. mesh/peer); null where either side is missing or zero. */
export interface RatioRow {
  concurrency: number;
  /** The mesh side of the pair: mesh or mesh-http. */
  system: SystemName;
  versus: SystemName;
  rps: number | null;
  p50: number | null;
  p99: number | null;
  serverCpuUsPerRequest: number | null;
}

/** Name of the process that generates load: its CPU is shown but not counted as the system's. */
export const CLIENT_PROCESS = 'load-client';

/** a / b, or null when either is missing, not finite, or b is zero. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/** Adds up the rounds of each system and concurrency, in the order first seen. */
export function summarize(rounds: readonly RoundResult[]): SystemSummary[] {
  const groups = new Map<string, RoundResult[]>();
  for (const r of rounds) {
    const key = `${r.system}/${r.concurrency}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  return [...groups.values()].map(summarizeGroup);
}

function summarizeGroup(group: RoundResult[]): SystemSummary {
  const first = group[0]!;
  const hist = new LatencyHistogram();
  const errorsByKind: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  let ms = 0;
  for (const r of group) {
    hist.merge(r.latency);
    ok += r.ok;
    errors += r.errors;
    ms += r.elapsedMs;
    for (const [k, n] of Object.entries(r.errorsByKind)) errorsByKind[k] = (errorsByKind[k] ?? 0) + n;
  }
  const seconds = ms / 1000;
  const processes = summarizeProcesses(group, seconds, ok);
  const serverParts = processes.filter((p) => p.name !== CLIENT_PROCESS);
  const serverCpu = serverParts.some((p) => p.cpuSeconds === null) ? null : serverParts.reduce((s, p) => s + (p.cpuSeconds ?? 0), 0);
  return {
    system: first.system,
    concurrency: first.concurrency,
    rounds: group.length,
    ok,
    errors,
    errorsByKind,
    seconds,
    rps: seconds > 0 ? ok / seconds : 0,
    rpsByRound: group.map((r) => (r.elapsedMs > 0 ? (r.ok * 1000) / r.elapsedMs : 0)),
    latency: hist.summary(),
    processes,
    serverCpuUsPerRequest: serverCpu === null || ok === 0 ? null : (serverCpu * 1e6) / ok,
    maxOtherCores: group.some((r) => r.otherCores === null) ? null : Math.max(...group.map((r) => r.otherCores!)),
  };
}

function summarizeProcesses(group: RoundResult[], seconds: number, ok: number): ProcessSummary[] {
  const names: string[] = [];
  for (const r of group) for (const p of r.processes) if (!names.includes(p.name)) names.push(p.name);
  return names.map((name) => {
    const samples = group.flatMap((r) => r.processes.filter((p) => p.name === name));
    const cpuKnown = samples.length === group.length && samples.every((p) => p.cpuSeconds !== null);
    const cpu = cpuKnown ? samples.reduce((s, p) => s + p.cpuSeconds!, 0) : null;
    const rss = samples.map((p) => p.peakRssBytes).filter((v): v is number => v !== null);
    return {
      name,
      cpuSeconds: cpu,
      cores: cpu === null || seconds === 0 ? null : cpu / seconds,
      cpuUsPerRequest: cpu === null || ok === 0 ? null : (cpu * 1e6) / ok,
      peakRssBytes: rss.length > 0 ? Math.max(...rss) : null,
    };
  });
}

/**
 * The pairs the ratios compare, mesh side first: over NATS the mesh against the ceiling, the peer and
 * mesh-unshared; over HTTP/JSON the gateway's edge against the fastify peer (issue 17's aim: 0.8x
 * or better in req/s) and against the mesh over NATS (what the edge adds).
 */
export const RATIO_PAIRS: ReadonlyArray<readonly [SystemName, SystemName]> = [
  ['mesh', 'ceiling'],
  ['mesh', 'peer'],
  ['mesh', 'mesh-unshared'],
  ['mesh-http', 'peer-http'],
  ['mesh-http', 'mesh'],
];

/** The ratios of every pair of RATIO_PAIRS present, per concurrency, in the order the summaries give them. */
export function meshRatios(summaries: readonly SystemSummary[]): RatioRow[] {
  const rows: RatioRow[] = [];
  const find = (system: SystemName, c: number): SystemSummary | undefined =>
    summaries.find((s) => s.system === system && s.concurrency === c);
  const concurrencies = [...new Set(summaries.map((s) => s.concurrency))];
  for (const concurrency of concurrencies) {
    for (const [system, versus] of RATIO_PAIRS) {
      const mine = find(system, concurrency);
      const other = find(versus, concurrency);
      if (!mine || !other) continue;
      rows.push({
        concurrency,
        system,
        versus,
        rps: ratio(mine.rps, other.rps),
        p50: ratio(mine.latency.p50, other.latency.p50),
        p99: ratio(mine.latency.p99, other.latency.p99),
        serverCpuUsPerRequest: ratio(mine.serverCpuUsPerRequest, other.serverCpuUsPerRequest),
      });
    }
  }
  return rows;
}
