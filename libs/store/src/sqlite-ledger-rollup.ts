// Rollups for reports from the counters table: one GROUP BY over (day × dimension) rows, latency
// buckets summed by ndxp_hist_sum. Cost grows with distinct counter keys, not with transactions.
import { MeshError } from '@ndxp/contracts';
import type { LedgerRollupQuery, LedgerRollupRow } from './ports';
import type { SqliteDatabase } from './sqlite';
import { histogramPairs } from './sqlite-ledger-latency';

/** SQL of each grouping's key (a fixed list: no caller text reaches SQL). */
const GROUP_KEYS: Record<LedgerRollupQuery['group'], string> = {
  total: "''",
  month: 'substr(day, 1, 7)',
  day: 'day',
  consumer: 'consumer',
  provider: 'provider',
  service: 'service',
};

interface RollupSqlRow {
  key: string;
  n: number;
  ok: number;
  client: number;
  server: number;
  h: string | null;
}

/** Runs a rollup on the counters of a SQLite ledger. */
export function rollupSqliteLedger(db: SqliteDatabase, query: LedgerRollupQuery): LedgerRollupRow[] {
  const key = GROUP_KEYS[query.group];
  if (!key) throw new MeshError('client.invalid_argument', `cannot group a rollup by ${JSON.stringify(query.group)}`, { field: 'group' });
  const where: string[] = [];
  const params: string[] = [];
  if (query.fromDay) {
    where.push('day >= ?');
    params.push(query.fromDay);
  }
  if (query.toDay) {
    where.push('day <= ?');
    params.push(query.toDay);
  }
  const sql = `SELECT ${key} AS key, SUM(count) AS n,
      SUM(CASE WHEN outcome = 1 THEN count ELSE 0 END) AS ok,
      SUM(CASE WHEN outcome = 2 THEN count ELSE 0 END) AS client,
      SUM(CASE WHEN outcome = 3 THEN count ELSE 0 END) AS server,
      ndxp_hist_sum(hist) AS h
    FROM ledger_counters ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    GROUP BY 1 ORDER BY 1`;
  const rows = db.prepare(sql).all(...params) as RollupSqlRow[];
  return rows
    .filter((r) => r.n > 0)
    .map((r) => ({
      key: r.key,
      count: r.n,
      ok: r.ok,
      clientErrors: r.client,
      serverErrors: r.server,
      latency: histogramPairs(r.h ? (JSON.parse(r.h) as number[]) : []),
    }));
}
