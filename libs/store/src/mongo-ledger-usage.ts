// Usage reports from MongoDB's ledger_counters: the query's filters as a $match, its dimensions as
// a $group, sorted like the SQLite store so both answer the same query the same way.
import type { UsageQuery, UsageReport, UsageRow } from '@ndxp/contracts';
import type { Collection, Document } from 'mongodb';
import { ledgerGroupBy } from './sqlite-ledger-usage';

/** _id of the counter document of a day and dimensions: joined, so an upsert finds exactly one. */
export function counterKey(day: string, d: Pick<CounterDoc, 'consumer' | 'provider' | 'service' | 'outcome' | 'code'>): string {
  return [day, d.consumer, d.provider, d.service, String(d.outcome), d.code].join('\u0000');
}

/** One counter document: a day and dimension combination and its count. */
export interface CounterDoc {
  _id: string;
  day: string;
  consumer: string;
  provider: string;
  service: string;
  outcome: number;
  code: string;
  count: number;
  /** Latency buckets b<i> (see sqlite-ledger-latency.ts); absent on counters written before them. */
  h?: Record<string, number>;
}

/** Answers a usage query; ungrouped dimensions come back empty (outcome 0), total is the sum. */
export async function queryMongoUsage(counters: Collection<CounterDoc>, query: UsageQuery): Promise<UsageReport> {
  const groupBy = ledgerGroupBy(query);
  const match: Document = {};
  if (query.fromDay || query.toDay) {
    match['day'] = { ...(query.fromDay ? { $gte: query.fromDay } : {}), ...(query.toDay ? { $lte: query.toDay } : {}) };
  }
  if (query.consumer) match['consumer'] = query.consumer;
  if (query.provider) match['provider'] = query.provider;
  const key: Document = {};
  for (const g of groupBy) key[g] = `$${g}`;
  const sort: Record<string, 1> = {};
  for (const g of groupBy) sort[`_id.${g}`] = 1;
  const pipeline: Document[] = [{ $match: match }, { $group: { _id: key, n: { $sum: '$count' } } }];
  if (groupBy.length) pipeline.push({ $sort: sort });
  const rows: UsageRow[] = [];
  let total = 0;
  for await (const r of counters.aggregate<{ _id: Partial<Record<string, string | number>>; n: number }>(pipeline)) {
    if (!r.n) continue;
    total += r.n;
    rows.push({
      consumer: String(r._id['consumer'] ?? ''),
      provider: String(r._id['provider'] ?? ''),
      service: String(r._id['service'] ?? ''),
      day: String(r._id['day'] ?? ''),
      outcome: Number(r._id['outcome'] ?? 0),
      code: String(r._id['code'] ?? ''),
      count: r.n,
    });
  }
  return { rows, total };
}
