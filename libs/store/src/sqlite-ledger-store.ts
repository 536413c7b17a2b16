// The usage ledger on an embedded SQLite file: one row per request id (the idempotency key),
// counters per UTC day and dimension kept in step in the same transaction, persisted totals.
import { MeshError, MeterEvent, type UsageQuery, type UsageReport } from '@ndxp/contracts';
import type { AppendResult, ChainVerification, FirstOkDay, LedgerRollupQuery, LedgerRollupRow, LedgerStore } from './ports';
import { openSqlite, type SqliteDatabase } from './sqlite';
import { migrateLedger } from './sqlite-ledger-schema';
import { queryLedgerUsage } from './sqlite-ledger-usage';

interface LedgerRow {
  request_id: string;
  consumer: string;
  provider: string;
  service: string;
  version: string;
  outcome: number;
  code: string;
  officer: string;
  purpose: string;
  received_at_ms: number;
  duration_us: number;
  request_bytes: number;
  response_bytes: number;
  routing_instance: string;
  trace_id: string;
}

/** UTC day (YYYY-MM-DD) of an epoch-ms instant: the counters' day dimension. */
export function utcDay(epochMs: number): string {
  const d = new Date(Number.isFinite(epochMs) ? epochMs : 0);
  return Number.isNaN(d.getTime()) ? '1970-01-01' : d.toISOString().slice(0, 10);
}

function toRow(e: MeterEvent): LedgerRow {
  return {
    request_id: e.requestId,
    consumer: e.consumer,
    provider: e.provider,
    service: e.service,
    version: e.version,
    outcome: e.outcome,
    code: e.code,
    officer: e.officer,
    purpose: e.purpose,
    received_at_ms: Math.trunc(e.receivedAtMs),
    duration_us: Math.trunc(e.durationUs),
    request_bytes: e.requestBytes,
    response_bytes: e.responseBytes,
    routing_instance: e.routingInstance,
    trace_id: e.traceId,
  };
}

function fromRow(r: LedgerRow): MeterEvent {
  return MeterEvent.fromPartial({
    requestId: r.request_id,
    consumer: r.consumer,
    provider: r.provider,
    service: r.service,
    version: r.version,
    outcome: r.outcome,
    code: r.code,
    officer: r.officer,
    purpose: r.purpose,
    receivedAtMs: r.received_at_ms,
    durationUs: r.duration_us,
    requestBytes: r.request_bytes,
    responseBytes: r.response_bytes,
    routingInstance: r.routing_instance,
    traceId: r.trace_id,
  });
}

/** LedgerStore on SQLite. Every append is one transaction; a request id is counted at most once. */
export class SqliteLedgerStore implements LedgerStore {
  private closed = false;
  private readonly appendTx: (events: MeterEvent[]) => AppendResult;
  private readonly selectOne;
  private readonly selectTotals;

  constructor(private readonly db: SqliteDatabase) {
    migrateLedger(db);
    const insertRow = db.prepare(
      `INSERT OR IGNORE INTO ledger (request_id, consumer, provider, service, version, outcome, code, officer,
         purpose, received_at_ms, duration_us, request_bytes, response_bytes, routing_instance, trace_id)
       VALUES (@request_id, @consumer, @provider, @service, @version, @outcome, @code, @officer,
         @purpose, @received_at_ms, @duration_us, @request_bytes, @response_bytes, @routing_instance, @trace_id)`,
    );
    const bumpCounter = db.prepare(
      `INSERT INTO ledger_counters (day, consumer, provider, service, outcome, code, count)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (day, consumer, provider, service, outcome, code) DO UPDATE SET count = count + excluded.count`,
    );
    const bumpTotal = db.prepare(`UPDATE ledger_totals SET value = value + ? WHERE name = ?`);
    this.selectOne = db.prepare<[string], LedgerRow>(`SELECT * FROM ledger WHERE request_id = ?`);
    this.selectTotals = db.prepare<[], { name: string; value: number }>(`SELECT name, value FROM ledger_totals`);

    // IMMEDIATE: take the write lock at BEGIN, so two processes on one file serialize cleanly.
    const tx = db.transaction((events: MeterEvent[]): AppendResult => {
      // Counter deltas of this batch, folded per key so each counter row is written once.
      const deltas = new Map<string, { key: [string, string, string, string, number, string]; n: number }>();
      let inserted = 0;
      for (const e of events) {
        if (insertRow.run(toRow(e)).changes !== 1) continue;
        inserted++;
        const key: [string, string, string, string, number, string] = [
          utcDay(e.receivedAtMs),
          e.consumer,
          e.provider,
          e.service,
          e.outcome,
          e.code,
        ];
        const k = key.join('\u0000');
        const d = deltas.get(k);
        if (d) d.n++;
        else deltas.set(k, { key, n: 1 });
      }
      for (const { key, n } of deltas.values()) bumpCounter.run(...key, n);
      const duplicates = events.length - inserted;
      if (inserted) bumpTotal.run(inserted, 'entries');
      if (duplicates) bumpTotal.run(duplicates, 'duplicates_ignored');
      return { inserted, duplicates };
    });
    this.appendTx = (events) => tx.immediate(events);
  }

  async append(events: MeterEvent[]): Promise<AppendResult> {
    for (const e of events) {
      if (!e.requestId) {
        throw new MeshError('client.invalid_argument', 'a meter event without a request id cannot be ledgered', {
          field: 'request_id',
        });
      }
    }
    if (events.length === 0) return { inserted: 0, duplicates: 0 };
    return this.appendTx(events);
  }

  async getTransaction(requestId: string): Promise<MeterEvent | undefined> {
    const row = this.selectOne.get(requestId);
    return row ? fromRow(row) : undefined;
  }

  async usage(query: UsageQuery): Promise<UsageReport> {
    return queryLedgerUsage(this.db, query);
  }

  async stats(): Promise<{ entries: number; duplicatesIgnored: number }> {
    const totals = new Map(this.selectTotals.all().map((r) => [r.name, r.value]));
    return { entries: totals.get('entries') ?? 0, duplicatesIgnored: totals.get('duplicates_ignored') ?? 0 };
  }

  async purgeBefore(cutoffMs: number): Promise<number> {
    return this.db.prepare(`DELETE FROM ledger WHERE received_at_ms < ?`).run(Math.trunc(cutoffMs)).changes;
  }

  async rollup(_query: LedgerRollupQuery): Promise<LedgerRollupRow[]> {
    throw new MeshError('server.unavailable', 'rollup is not implemented yet');
  }

  async firstOkDays(): Promise<FirstOkDay[]> {
    throw new MeshError('server.unavailable', 'firstOkDays is not implemented yet');
  }

  async verifyChain(_fromSeq?: number): Promise<ChainVerification> {
    throw new MeshError('server.unavailable', 'verifyChain is not implemented yet');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Opens (creating if needed) the ledger in a SQLite file; ':memory:' gives a private one. */
export function openSqliteLedgerStore(path: string): SqliteLedgerStore {
  return new SqliteLedgerStore(openSqlite(path));
}
