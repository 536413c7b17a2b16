// Rollups for reports from MongoDB's ledger_counters: counts summed by $group, latency buckets
// summed in the same pass (each bucket a field h.b<i>), so the answer matches the SQLite store's.
import type { Collection, Document } from 'mongodb';
import type { CounterDoc } from './mongo-ledger-usage';
import type { LedgerRollupQuery, LedgerRollupRow } from './ports';
import { LATENCY_BUCKETS } from './sqlite-ledger-latency';

const GROUP_KEYS: Record<LedgerRollupQuery['group'], unknown> = {
  total: '',
  month: { $substrBytes: ['$day', 0, 7] },
  day: '$day',
  consumer: '$consumer',
  provider: '$provider',
  service: '$service',
};

/** Runs a rollup over the counters collection. */
export async function rollupMongoCounters(
  counters: Collection<CounterDoc>,
  query: LedgerRollupQuery,
  pairs: (counts: number[]) => [number, number][],
): Promise<LedgerRollupRow[]> {
  const match: Document = {};
  if (query.fromDay || query.toDay) {
    match['day'] = { ...(query.fromDay ? { $gte: query.fromDay } : {}), ...(query.toDay ? { $lte: query.toDay } : {}) };
  }
  const sumIf = (outcome: number): Document => ({ $sum: { $cond: [{ $eq: ['$outcome', outcome] }, '$count', 0] } });
  const group: Document = { _id: GROUP_KEYS[query.group], n: { $sum: '$count' }, ok: sumIf(1), client: sumIf(2), server: sumIf(3) };
  for (let i = 0; i < LATENCY_BUCKETS; i++) group[`b${i}`] = { $sum: { $ifNull: [`$h.b${i}`, 0] } };
  const out: LedgerRollupRow[] = [];
  for await (const r of counters.aggregate<Record<string, number> & { _id: string }>([
    { $match: match },
    { $group: group },
    { $sort: { _id: 1 } },
  ])) {
    if (!r['n']) continue;
    out.push({
      key: String(r._id),
      count: r['n'],
      ok: r['ok'] ?? 0,
      clientErrors: r['client'] ?? 0,
      serverErrors: r['server'] ?? 0,
      latency: pairs(Array.from({ length: LATENCY_BUCKETS }, (_, i) => r[`b${i}`] ?? 0)),
    });
  }
  return out;
}
