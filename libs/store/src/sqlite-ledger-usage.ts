// Usage reports from the ledger's counters table: filters and grouping turned into one SQL query.
// Column names come only from a fixed list, so no caller text is ever spliced into SQL.
import { isCalendarDay, MeshError, notADay, type UsageQuery, type UsageReport, type UsageRow } from '@ndxp/contracts';
import type { SqliteDatabase } from './sqlite';

/** Dimensions a usage query may group by, in their canonical order. */
export const LEDGER_DIMENSIONS = ['consumer', 'provider', 'service', 'day', 'outcome', 'code'] as const;
type Dimension = (typeof LEDGER_DIMENSIONS)[number];

function isDimension(s: string): s is Dimension {
  return (LEDGER_DIMENSIONS as readonly string[]).includes(s);
}

function checkDay(value: string, field: string): void {
  if (value !== '' && !isCalendarDay(value)) throw new MeshError('client.invalid_argument', notADay(field, value), { field });
}

/** Group-by dimensions of a query, deduplicated; throws client.invalid_argument on a bad name or day. */
export function ledgerGroupBy(query: UsageQuery): Dimension[] {
  checkDay(query.fromDay, 'from_day');
  checkDay(query.toDay, 'to_day');
  const out: Dimension[] = [];
  for (const g of query.groupBy) {
    if (!isDimension(g)) {
      throw new MeshError('client.invalid_argument', `cannot group by ${JSON.stringify(g)}`, { field: 'group_by' });
    }
    if (!out.includes(g)) out.push(g);
  }
  return out;
}

interface CountRow {
  consumer?: string;
  provider?: string;
  service?: string;
  day?: string;
  outcome?: number;
  code?: string;
  n: number | null;
}

/** Answers a usage query; ungrouped dimensions come back empty (outcome 0), total is the sum. */
export function queryLedgerUsage(db: SqliteDatabase, query: UsageQuery): UsageReport {
  const groupBy = ledgerGroupBy(query);
  const filters = (
    [
      ['day >= ?', query.fromDay],
      ['day <= ?', query.toDay],
      ['consumer = ?', query.consumer],
      ['provider = ?', query.provider],
    ] as const
  ).filter(([, value]) => value !== '');
  const where = filters.map(([clause]) => clause);
  const params = filters.map(([, value]) => value);
  const cols = groupBy.join(', ');
  const sql = [
    `SELECT ${cols ? `${cols}, ` : ''}SUM(count) AS n FROM ledger_counters`,
    where.length ? `WHERE ${where.join(' AND ')}` : '',
    cols ? `GROUP BY ${cols} ORDER BY ${cols}` : '',
  ].join(' ');
  const rows: UsageRow[] = [];
  let total = 0;
  for (const r of db.prepare(sql).all(...params) as CountRow[]) {
    if (!r.n) continue;
    total += r.n;
    rows.push({
      consumer: r.consumer ?? '',
      provider: r.provider ?? '',
      service: r.service ?? '',
      day: r.day ?? '',
      outcome: r.outcome ?? 0,
      code: r.code ?? '',
      count: r.n,
    });
  }
  return { rows, total };
}
