// The readable tables printed at the end of a run. Pure string building.
import type { LedgerCheck } from './ledger-check';
import type { RatioRow, RoundResult, SystemSummary } from './results';

/** Lays out rows as an aligned text table; the first row is the header. Numbers align right. */
export function renderTable(rows: ReadonlyArray<readonly string[]>): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const numeric = (s: string): boolean => /^[-+]?[\d.,]+[x%]?$/.test(s) || s === '-';
  return rows
    .map((row, r) =>
      row
        .map((cell, i) => (r > 0 && numeric(cell) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A number with a fixed count of decimals, or "-" when missing. */
export function fmt(n: number | null | undefined, decimals = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  return n.toFixed(decimals);
}

/** A ratio as "0.62x", or "-". */
export function fmtRatio(n: number | null): string {
  return n === null ? '-' : `${n.toFixed(2)}x`;
}

const MB = 1024 * 1024;
/** Cores of foreign load above which the report warns that the machine was not quiet. */
export const OTHER_LOAD_WARNING = 0.2;

/** The three tables: throughput and latency, processes, and the ratios (with the HTTP/JSON edge's aim). */
export function renderReport(summaries: readonly SystemSummary[], ratios: readonly RatioRow[]): string {
  const main: string[][] = [
    [
      'system',
      'conc',
      'rounds',
      'req/s',
      'req/s by round',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'max ms',
      'errors',
      'server CPU µs/req',
      'other load',
    ],
  ];
  for (const s of summaries) {
    main.push([
      s.system,
      String(s.concurrency),
      String(s.rounds),
      fmt(s.rps),
      s.rpsByRound.map((r) => fmt(r)).join(' / '),
      fmt(s.latency.p50, 2),
      fmt(s.latency.p90, 2),
      fmt(s.latency.p99, 2),
      fmt(s.latency.max, 1),
      String(s.errors),
      fmt(s.serverCpuUsPerRequest),
      fmt(s.maxOtherCores, 2),
    ]);
  }
  const procs: string[][] = [['system', 'conc', 'process', 'cores', 'CPU µs/req', 'peak RSS MB']];
  for (const s of summaries) {
    for (const p of s.processes) {
      procs.push([
        s.system,
        String(s.concurrency),
        p.name,
        fmt(p.cores, 2),
        fmt(p.cpuUsPerRequest, 1),
        fmt(p.peakRssBytes === null ? null : p.peakRssBytes / MB, 1),
      ]);
    }
  }
  const out = ['Throughput and latency (ok answers only; errors counted apart)', renderTable(main), ''];
  out.push('CPU and memory per process, over the measured windows', renderTable(procs), '');
  if (ratios.length > 0) {
    const rat: string[][] = [['conc', 'system', 'vs', 'req/s', 'p50', 'p99', 'server CPU/req']];
    for (const r of ratios) {
      rat.push([
        String(r.concurrency),
        r.system,
        r.versus,
        fmtRatio(r.rps),
        fmtRatio(r.p50),
        fmtRatio(r.p99),
        fmtRatio(r.serverCpuUsPerRequest),
      ]);
    }
    out.push('Ratios system/vs (req/s above 1x: system faster; latency and CPU above 1x: system costlier)', renderTable(rat), '');
    const edge = renderEdgeAim(ratios);
    if (edge) out.push(edge, '');
  }
  const busy = summaries.filter((s) => s.maxOtherCores !== null && s.maxOtherCores > OTHER_LOAD_WARNING);
  if (busy.length > 0) {
    out.push(
      `warning: other programs kept up to ${fmt(Math.max(...busy.map((s) => s.maxOtherCores!)), 2)} cores busy ` +
        `during some rounds ("other load"); those figures competed for CPU and understate every system.`,
    );
  }
  const errored = summaries.filter((s) => s.errors > 0);
  for (const s of errored) {
    const kinds = Object.entries(s.errorsByKind)
      .map(([k, n]) => `${k}=${n}`)
      .join(', ');
    out.push(`errors ${s.system} c=${s.concurrency}: ${kinds}`);
  }
  return out.join('\n');
}

/** Issue 17's aim for the HTTP/JSON edge: mesh-http at this fraction of peer-http's req/s or better. */
export const EDGE_AIM = 0.8;

/** One line per concurrency on mesh-http/peer-http req/s against EDGE_AIM; empty without that pair. */
export function renderEdgeAim(ratios: readonly RatioRow[]): string {
  return ratios
    .filter((r) => r.system === 'mesh-http' && r.versus === 'peer-http')
    .map((r) => {
      const verdict = r.rps === null ? 'unknown' : r.rps >= EDGE_AIM ? 'meets' : 'below';
      return `HTTP/JSON edge c=${r.concurrency}: mesh-http/peer-http req/s ${fmtRatio(r.rps)} (${verdict} the ${fmtRatio(EDGE_AIM)} aim)`;
    })
    .join('\n');
}

/** One line per mesh round on how long metering took to ledger what the round left pending, and whether each request was metered once. */
export function renderMeteringNotes(rounds: readonly RoundResult[]): string {
  const lines: string[] = [];
  for (const r of rounds) {
    const m = r.extra?.['metering'] as { backlogAtStop: number | null; catchUpMs: number | null } | undefined;
    if (!m) continue;
    const caught = m.catchUpMs === null ? 'did not catch up within the wait' : `caught up ${fmt(m.catchUpMs)} ms after the load stopped`;
    const ledger = r.extra?.['ledger'] as LedgerCheck | undefined;
    lines.push(
      `metering, round ${r.round} c=${r.concurrency} ${r.system}: ${fmt(m.backlogAtStop)} events pending at stop, ${caught}` +
        (ledger ? `; ${describeLedger(ledger)}` : ''),
    );
  }
  return lines.join('\n');
}

/** The ledger check of one round in words. */
export function describeLedger(l: LedgerCheck): string {
  const counts = `ledger +${l.added} rows for ${l.ok} ok answers, ${l.duplicates} duplicates`;
  if (l.meteredOnce === null) return `${counts} (errors in the round: not checked)`;
  return l.meteredOnce ? `${counts}: each metered once` : `${counts}: MISMATCH`;
}
