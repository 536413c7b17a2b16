// Report arithmetic, pure: rollup rows of the ledger into report rows with success rate, latency
// percentiles from summed buckets, per-day averages over the period and month-on-month growth.
import { MeshError } from '@ndxp/contracts';
import type { LedgerRollupGroup, LedgerRollupRow } from '@ndxp/store';
import type { Report, ReportRow } from '@ndxp/contracts';
import { daysBetween, monthDaysIn, monthsOf, type Period } from './report-period';

/** Groupings a report offers. */
export const REPORT_GROUPS = ['total', 'month', 'day', 'consumer', 'provider'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** Checks a group name ('' means month); throws client.invalid_argument (field group). */
export function checkGroup(group: string): ReportGroup & LedgerRollupGroup {
  const g = group.trim() || 'month';
  if (!(REPORT_GROUPS as readonly string[]).includes(g)) {
    throw new MeshError('client.invalid_argument', `group must be one of ${REPORT_GROUPS.join(', ')}, got ${JSON.stringify(group)}`, {
      field: 'group',
    });
  }
  return g as ReportGroup;
}

/**
 * The latency (ms) under which a fraction p of the transactions fell: the upper bound of the bucket
 * holding the p-th transaction (so at most one bucket width, √2, above the true value). The open
 * last bucket reports the largest finite bound. 0 when there is no latency data.
 */
export function percentileMs(latency: [number, number][], p: number): number {
  const total = latency.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return 0;
  const target = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  let lastFinite = 0;
  for (const [upper, c] of latency) {
    if (Number.isFinite(upper)) lastFinite = upper;
    seen += c;
    if (seen >= target) return (Number.isFinite(upper) ? upper : lastFinite) / 1000;
  }
  return lastFinite / 1000;
}

function mergeLatency(rows: LedgerRollupRow[]): [number, number][] {
  const m = new Map<number, number>();
  for (const r of rows) for (const [u, c] of r.latency) m.set(u, (m.get(u) ?? 0) + c);
  return [...m.entries()].sort((a, b) => a[0] - b[0]);
}

function reportRow(key: string, r: Omit<LedgerRollupRow, 'key'>, days: number): ReportRow {
  return {
    key,
    count: r.count,
    ok: r.ok,
    clientErrors: r.clientErrors,
    serverErrors: r.serverErrors,
    successRate: r.count ? r.ok / r.count : 0,
    p50Ms: percentileMs(r.latency, 0.5),
    p95Ms: percentileMs(r.latency, 0.95),
    p99Ms: percentileMs(r.latency, 0.99),
    days,
    perDay: days ? r.count / days : 0,
    growth: 0,
    hasGrowth: false,
  };
}

const EMPTY: Omit<LedgerRollupRow, 'key'> = { count: 0, ok: 0, clientErrors: 0, serverErrors: 0, latency: [] };

/** Builds a report from rollup rows of the period (month groups list every month, empty ones too). */
export function buildReport(period: Period, group: ReportGroup, rows: LedgerRollupRow[]): Report {
  const periodDays = daysBetween(period.fromDay, period.toDay);
  let out: ReportRow[];
  if (group === 'month') {
    const byKey = new Map(rows.map((r) => [r.key, r]));
    out = monthsOf(period).map((month) => reportRow(month, byKey.get(month) ?? EMPTY, monthDaysIn(month, period)));
    for (let i = 1; i < out.length; i++) {
      const prev = out[i - 1]!.count;
      if (prev > 0) {
        out[i]!.growth = (out[i]!.count - prev) / prev;
        out[i]!.hasGrowth = true;
      }
    }
  } else if (group === 'total') {
    out = [];
  } else {
    out = rows.map((r) => reportRow(r.key, r, group === 'day' ? 1 : periodDays));
  }
  const sum = (f: 'count' | 'ok' | 'clientErrors' | 'serverErrors'): number => rows.reduce((n, r) => n + r[f], 0);
  const total = reportRow(
    '',
    {
      count: sum('count'),
      ok: sum('ok'),
      clientErrors: sum('clientErrors'),
      serverErrors: sum('serverErrors'),
      latency: mergeLatency(rows),
    },
    periodDays,
  );
  return { fromDay: period.fromDay, toDay: period.toDay, group, rows: out, total };
}
