// The usage ledger on an embedded SQLite file: one row per request id (the idempotency key) holding
// the MeterEvent's bytes on a hash chain (seq, prev_hash, hash = SHA-256(prev_hash ‖ seq ‖ bytes)),
// counters per Vietnam day (Asia/Ho_Chi_Minh) and dimension with latency buckets, the first ok day per consumer and
// provider, kept in step in one transaction. A later event for a ledgered request id that changes
// its outcome (ledger-outcome.ts) is appended to the chain as a record of ledger_updates, and the
// counters move the transaction from its old outcome and code to the new one.
import { dayOfNumber, MeshError, MeterEvent, Outcome, vietnamDayNumber, type UsageQuery, type UsageReport } from '@ndxp/contracts';
import type {
  AppendResult,
  ChainVerification,
  ChainWalkProgress,
  FirstOkDay,
  LedgerRollupQuery,
  LedgeredOutcome,
  LedgerRollupRow,
  LedgerStore,
  LedgerUpgrade,
} from './ports';
import { openSqlite, type SqliteDatabase } from './sqlite';
import type { ChainHint } from './chain-hasher';
import { chainHashOfBytes } from './ledger-chain-encoding';
import { supersedes } from './ledger-outcome';
import { encodeForLedger, type EncodedMeterEvent } from './meter-event-wire';
import { GENESIS_HASH } from './sqlite-ledger-chain';
import { LATENCY_BUCKETS, encodeHistogram, latencyBucket, registerHistogramFunctions } from './sqlite-ledger-latency';
import { rollupSqliteLedger } from './sqlite-ledger-rollup';
import { sqliteOutcomeLookup } from './sqlite-ledger-outcomes';
import { migrateLedger } from './sqlite-ledger-schema';
import { queryLedgerUsage } from './sqlite-ledger-usage';
import { ChainWalker } from './sqlite-ledger-verify';

/** Outcome.OUTCOME_OK as the number an encoded event carries. */
const OUTCOME_OK: number = Outcome.OUTCOME_OK;
let cachedDay = NaN;
let cachedDayText = '1970-01-01';

/**
 * The Vietnam calendar day (Asia/Ho_Chi_Minh, YYYY-MM-DD) of an epoch-ms instant: the counters'
 * day dimension (schema 5; schemas up to 4 counted UTC days). The last day's text is cached: bulk
 * ingest sees long runs of one day.
 */
export function ledgerDay(epochMs: number): string {
  const n = vietnamDayNumber(Number.isFinite(epochMs) ? epochMs : 0);
  if (n === cachedDay) return cachedDayText;
  cachedDay = n;
  cachedDayText = Number.isFinite(n) ? dayOfNumber(n) : '1970-01-01';
  return cachedDayText;
}

/** Bound parameters per ledger row, and rows per bulk INSERT statement. */
const ROW_PARAMS = 6;
const INSERT_ROWS = 64;
const COLUMNS = 'seq, request_id, received_at_ms, event, prev_hash, hash';

/** A row of a chain walk, as read raw: the columns of COLUMNS in order. */
type WalkRow = [seq: number, requestId: string, receivedAtMs: number, event: Buffer, prevHash: Buffer | null, hash: Buffer | null];

type CounterKey = [day: string, consumer: string, provider: string, service: string, outcome: number, code: string];
type CounterDelta = { key: CounterKey; n: number; hist: Uint32Array };

/** The map under key in a map of maps, created when missing. */
function child<K, C extends Map<unknown, unknown>>(m: Map<K, C>, key: K): C {
  let c = m.get(key);
  if (!c) m.set(key, (c = new Map() as C));
  return c;
}

/** LedgerStore on SQLite. Every append is one transaction; a request id is counted at most once. */
export class SqliteLedgerStore implements LedgerStore {
  readonly acceptsChainHints = true;
  private closed = false;
  private readonly appendTx: (events: EncodedMeterEvent[], hint: ChainHint | undefined) => AppendResult;
  private readonly purgeTx: (cutoffMs: number) => number;
  private readonly selectOne;
  private readonly selectLatestUpdate;
  private readonly countUpdates;
  private readonly selectTotals;
  private readonly selectChain;
  private readonly lookupOutcomes: (requestIds: readonly string[]) => Map<string, LedgeredOutcome>;

  /** What opening did to a ledger of an older schema (undefined: it was current or new). */
  readonly upgrade: LedgerUpgrade | undefined;

  constructor(private readonly db: SqliteDatabase) {
    this.upgrade = migrateLedger(db);
    registerHistogramFunctions(db);
    this.lookupOutcomes = sqliteOutcomeLookup(db);
    // A larger page cache keeps the indexes' hot pages in memory during bulk ingest (seed-history).
    db.pragma('cache_size = -131072');
    // Checkpoint the WAL every ~40 MB rather than 4 MB: hot pages (index tails, counters) are copied
    // into the main file less often during bulk ingest (about 10% less CPU per row measured).
    db.pragma('wal_autocheckpoint = 10000');
    const oneRow = `(${Array<string>(ROW_PARAMS).fill('?').join(', ')})`;
    // A request id already ledgered is skipped; a seq already taken (which the single writer never
    // reuses) is an error, not a skip.
    const insertRow = db.prepare(`INSERT INTO ledger (${COLUMNS}) VALUES ${oneRow} ON CONFLICT (request_id) DO NOTHING`);
    // Bulk path: INSERT_ROWS rows per statement, no conflict clause: a duplicate request id aborts
    // the statement (and only it), and its rows are then inserted one by one (see the transaction).
    const insertRows = db.prepare(`INSERT INTO ledger (${COLUMNS}) VALUES ${Array<string>(INSERT_ROWS).fill(oneRow).join(', ')}`);
    const rowArgs: unknown[] = new Array<unknown>(ROW_PARAMS * INSERT_ROWS);
    const bumpCounter = db.prepare(
      `INSERT INTO ledger_counters (day, consumer, provider, service, outcome, code, count, hist)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (day, consumer, provider, service, outcome, code)
       DO UPDATE SET count = count + excluded.count, hist = ndxp_hist_add(hist, excluded.hist)`,
    );
    const bumpFirstOk = db.prepare(
      `INSERT INTO ledger_first_ok (consumer, provider, day) VALUES (?, ?, ?)
       ON CONFLICT (consumer, provider) DO UPDATE SET day = excluded.day WHERE excluded.day < ledger_first_ok.day`,
    );
    // Moving a transaction off a counter row: its count and latency bucket come off; an empty row goes.
    const dropCounter = db.prepare(
      `UPDATE ledger_counters SET count = count - ?, hist = ndxp_hist_sub(hist, ?)
       WHERE day = ? AND consumer = ? AND provider = ? AND service = ? AND outcome = ? AND code = ?`,
    );
    const deleteEmptyCounter = db.prepare(
      `DELETE FROM ledger_counters WHERE day = ? AND consumer = ? AND provider = ? AND service = ? AND outcome = ? AND code = ? AND count <= 0`,
    );
    const insertUpdate = db.prepare(`INSERT INTO ledger_updates (${COLUMNS}) VALUES ${oneRow}`);
    const sameUpdate = db.prepare<[string, Buffer | Uint8Array], { n: number }>(
      `SELECT COUNT(*) AS n FROM ledger_updates WHERE request_id = ? AND event = ?`,
    );
    const bumpTotal = db.prepare(`UPDATE ledger_totals SET value = value + ? WHERE name = ?`);
    const setChain = db.prepare(`INSERT OR REPLACE INTO ledger_chain (name, seq, hash) VALUES (?, ?, ?)`);
    this.selectChain = db.prepare<[string], { seq: number; hash: Buffer }>(`SELECT seq, hash FROM ledger_chain WHERE name = ?`);
    this.selectOne = db.prepare<[string], { event: Buffer }>(`SELECT event FROM ledger WHERE request_id = ?`);
    this.selectLatestUpdate = db.prepare<[string], { event: Buffer }>(
      `SELECT event FROM ledger_updates WHERE request_id = ? ORDER BY seq DESC LIMIT 1`,
    );
    this.countUpdates = db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM ledger_updates WHERE request_id = ?`);
    this.selectTotals = db.prepare<[], { name: string; value: number }>(`SELECT name, value FROM ledger_totals`);

    // IMMEDIATE: take the write lock at BEGIN, so two processes on one file serialize cleanly, and
    // the chain's tail read here is the tail this transaction extends.
    const tx = db.transaction((events: EncodedMeterEvent[], hint: ChainHint | undefined): AppendResult => {
      const tail = this.selectChain.get('tail');
      let seq = tail?.seq ?? 0;
      let prev: Uint8Array = tail?.hash ?? GENESIS_HASH;
      // Hashes computed ahead (ChainHasher) count only if they start from this very tail; they stay
      // valid while every event takes the next seq (a duplicate shifts the rest: hashed here then).
      const hinted = hint && hint.fromSeq === seq + 1 && Buffer.from(hint.prevHash).equals(prev) ? hint : undefined;
      const hashOf = (e: EncodedMeterEvent, i: number, at: Uint8Array, atSeq: number): Uint8Array =>
        hinted && atSeq === hinted.fromSeq + i && 32 * (i + 1) <= hinted.hashes.length
          ? hinted.hashes.subarray(32 * i, 32 * (i + 1))
          : chainHashOfBytes(at, atSeq, e.bytes);
      // Counter deltas and first-ok days of this batch, folded per key so each row is written once
      // (nested maps: no key string built per event).
      const deltas: CounterDelta[] = [];
      const byDay = new Map<string, Map<string, Map<string, Map<string, Map<number, Map<string, CounterDelta>>>>>>();
      const firstOk = new Map<string, Map<string, [string, string, string]>>();
      let inserted = 0;
      let updated = 0;
      // Transactions moved off a counter row (applied after the additions, so that a row added in
      // this very transaction exists when its transaction moves on).
      const drops: [n: number, hist: Buffer, ...key: CounterKey][] = [];
      const count = (e: EncodedMeterEvent): void => {
        inserted++;
        add(e, ledgerDay(e.receivedAtMs));
      };
      const add = (e: Omit<EncodedMeterEvent, 'bytes' | 'requestId' | 'receivedAtMs'>, day: string): void => {
        const byConsumer = child(byDay, day);
        const byProvider = child(byConsumer, e.consumer);
        const byService = child(byProvider, e.provider);
        const byOutcome = child(byService, e.service);
        const byCode = child(byOutcome, e.outcome);
        let d = byCode.get(e.code);
        if (!d) {
          d = { key: [day, e.consumer, e.provider, e.service, e.outcome, e.code], n: 0, hist: new Uint32Array(LATENCY_BUCKETS) };
          byCode.set(e.code, d);
          deltas.push(d);
        }
        d.n++;
        d.hist[latencyBucket(e.durationUs)]!++;
        if (e.outcome === OUTCOME_OK) {
          let ofConsumer = firstOk.get(e.consumer);
          if (!ofConsumer) firstOk.set(e.consumer, (ofConsumer = new Map<string, [string, string, string]>()));
          const f = ofConsumer.get(e.provider);
          if (!f) ofConsumer.set(e.provider, [e.consumer, e.provider, day]);
          else if (day < f[2]) f[2] = day;
        }
      };
      /**
       * An event whose request id is ledgered: appended as an outcome update when it replaces the
       * transaction's current outcome (ledger-outcome.ts), else a duplicate (no seq taken).
       */
      const maybeUpdate = (e: EncodedMeterEvent, i: number): void => {
        const original = this.selectOne.get(e.requestId);
        if (!original || Buffer.from(e.bytes).equals(original.event)) return;
        const latest = this.selectLatestUpdate.get(e.requestId);
        const current = MeterEvent.decode(latest?.event ?? original.event);
        const next = MeterEvent.decode(e.bytes);
        if (!supersedes(current, next)) return;
        // The very event already recorded as an update (a redelivery) changes nothing.
        if (latest && sameUpdate.get(e.requestId, e.bytes)!.n > 0) return;
        const hash = hashOf(e, i, prev, seq + 1);
        insertUpdate.run(seq + 1, e.requestId, e.receivedAtMs, e.bytes, prev, hash);
        seq++;
        prev = hash;
        updated++;
        // The transaction stays on the day it was first received; it moves to the new outcome and code.
        const day = ledgerDay(MeterEvent.decode(original.event).receivedAtMs);
        const hist = new Uint32Array(LATENCY_BUCKETS);
        hist[latencyBucket(current.durationUs)] = 1;
        drops.push([1, encodeHistogram(hist), day, current.consumer, current.provider, current.service, current.outcome, current.code]);
        add(e, day);
      };
      /** One row at a time, a duplicate request id skipped without taking a seq (or appended as an update). */
      const appendOneByOne = (from: number, to: number): void => {
        for (let i = from; i < to; i++) {
          const e = events[i]!;
          const hash = hashOf(e, i, prev, seq + 1);
          if (insertRow.run(seq + 1, e.requestId, e.receivedAtMs, e.bytes, prev, hash).changes !== 1) {
            maybeUpdate(e, i);
            continue;
          }
          seq++;
          prev = hash;
          count(e);
        }
      };
      let i = 0;
      for (; i + INSERT_ROWS <= events.length; i += INSERT_ROWS) {
        // Hash the chunk as if every row is new; on a duplicate, redo it row by row.
        let s = seq;
        let p = prev;
        for (let j = 0, at = 0; j < INSERT_ROWS; j++, at += ROW_PARAMS) {
          const e = events[i + j]!;
          const hash = hashOf(e, i + j, p, ++s);
          rowArgs[at] = s;
          rowArgs[at + 1] = e.requestId;
          rowArgs[at + 2] = e.receivedAtMs;
          rowArgs[at + 3] = e.bytes;
          rowArgs[at + 4] = p;
          rowArgs[at + 5] = hash;
          p = hash;
        }
        try {
          insertRows.run(rowArgs);
        } catch (err) {
          if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
          appendOneByOne(i, i + INSERT_ROWS);
          continue;
        }
        seq = s;
        prev = p;
        for (let j = 0; j < INSERT_ROWS; j++) count(events[i + j]!);
      }
      appendOneByOne(i, events.length);
      for (const { key, n, hist } of deltas) bumpCounter.run(...key, n, encodeHistogram(hist));
      for (const [n, hist, ...key] of drops) {
        dropCounter.run(n, hist, ...key);
        deleteEmptyCounter.run(...key);
      }
      for (const ofConsumer of firstOk.values()) for (const f of ofConsumer.values()) bumpFirstOk.run(...f);
      if (inserted || updated) setChain.run('tail', seq, prev);
      const duplicates = events.length - inserted - updated;
      if (inserted) bumpTotal.run(inserted, 'entries');
      if (duplicates) bumpTotal.run(duplicates, 'duplicates_ignored');
      if (updated) bumpTotal.run(updated, 'outcome_updates');
      return updated ? { inserted, duplicates, updated } : { inserted, duplicates };
    });
    this.appendTx = (events, hint) => tx.immediate(events, hint);

    // Retention removes a prefix of the chain: records up to the last seq before the first record
    // received at or after the cutoff, keeping that record's seq and hash as the checkpoint.
    const purge = db.transaction((cutoffMs: number): number => {
      const tail = this.selectChain.get('tail');
      let deleted = db.prepare(`DELETE FROM ledger WHERE seq <= 0 AND received_at_ms < ?`).run(cutoffMs).changes;
      if (!tail) return deleted;
      const first = db
        .prepare(
          `SELECT MIN(s) AS s FROM (SELECT MIN(seq) AS s FROM ledger WHERE received_at_ms >= ? AND seq > 0
             UNION ALL SELECT MIN(seq) FROM ledger_updates WHERE received_at_ms >= ?)`,
        )
        .get(cutoffMs, cutoffMs) as { s: number | null };
      const upTo = first.s === null ? tail.seq : first.s - 1;
      const checkpoint = this.selectChain.get('checkpoint');
      if (upTo <= (checkpoint?.seq ?? 0)) return deleted;
      const last = db
        .prepare(`SELECT hash FROM ledger WHERE seq = ? UNION ALL SELECT hash FROM ledger_updates WHERE seq = ?`)
        .get(upTo, upTo) as { hash: Buffer } | undefined;
      deleted += db.prepare(`DELETE FROM ledger WHERE seq > 0 AND seq <= ?`).run(upTo).changes;
      db.prepare(`DELETE FROM ledger_updates WHERE seq <= ?`).run(upTo);
      setChain.run('checkpoint', upTo, last?.hash ?? (upTo === tail.seq ? tail.hash : GENESIS_HASH));
      return deleted;
    });
    this.purgeTx = (cutoffMs) => purge.immediate(Math.trunc(cutoffMs));
  }

  /** Events as objects take the same path as bytes off the wire, with their canonical bytes. */
  async append(events: MeterEvent[]): Promise<AppendResult> {
    return this.appendEncoded(events.map(encodeForLedger));
  }

  async appendEncoded(events: EncodedMeterEvent[], hint?: ChainHint): Promise<AppendResult> {
    for (const e of events) {
      if (!e.requestId) {
        throw new MeshError('client.invalid_argument', 'a meter event without a request id cannot be ledgered', {
          field: 'request_id',
        });
      }
    }
    if (events.length === 0) return { inserted: 0, duplicates: 0 };
    return this.appendTx(events, hint);
  }

  async chainTail(): Promise<{ seq: number; hash: Buffer }> {
    return this.selectChain.get('tail') ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** The transaction with its final outcome: its latest outcome update, else its first record. */
  async getTransaction(requestId: string): Promise<MeterEvent | undefined> {
    const row = this.selectOne.get(requestId);
    if (!row) return undefined;
    const latest = this.selectLatestUpdate.get(requestId);
    return MeterEvent.fromPartial(MeterEvent.decode(latest?.event ?? row.event));
  }

  async outcomeUpdates(requestId: string): Promise<number> {
    return this.countUpdates.get(requestId)?.n ?? 0;
  }

  async finalOutcomes(requestIds: readonly string[]): Promise<Map<string, LedgeredOutcome>> {
    return this.lookupOutcomes(requestIds);
  }

  async usage(query: UsageQuery): Promise<UsageReport> {
    return queryLedgerUsage(this.db, query);
  }

  async stats(): Promise<{ entries: number; duplicatesIgnored: number }> {
    const totals = new Map(this.selectTotals.all().map((r) => [r.name, r.value]));
    return { entries: totals.get('entries') ?? 0, duplicatesIgnored: totals.get('duplicates_ignored') ?? 0 };
  }

  /** Outcome updates appended since the ledger was created (transactions whose outcome changed, each time). */
  async outcomeUpdatesTotal(): Promise<number> {
    return this.selectTotals.all().find((r) => r.name === 'outcome_updates')?.value ?? 0;
  }

  async purgeBefore(cutoffMs: number): Promise<number> {
    return this.purgeTx(cutoffMs);
  }

  async rollup(query: LedgerRollupQuery): Promise<LedgerRollupRow[]> {
    return rollupSqliteLedger(this.db, query);
  }

  async firstOkDays(): Promise<FirstOkDay[]> {
    return this.db.prepare(`SELECT consumer, provider, day FROM ledger_first_ok ORDER BY consumer, provider`).all() as FirstOkDay[];
  }

  async verifyChain(fromSeq = 0, onProgress?: ChainWalkProgress): Promise<ChainVerification> {
    const { tail, start } = this.db.transaction(() => {
      const tail = this.selectChain.get('tail') ?? { seq: 0, hash: GENESIS_HASH };
      const checkpoint = this.selectChain.get('checkpoint') ?? { seq: 0, hash: GENESIS_HASH };
      let start = { seq: checkpoint.seq + 1, prev: checkpoint.hash };
      if (fromSeq > start.seq) {
        // A partial walk trusts the stored hash of the record before fromSeq.
        const before = this.db
          .prepare(`SELECT hash FROM ledger WHERE seq = ? UNION ALL SELECT hash FROM ledger_updates WHERE seq = ?`)
          .get(fromSeq - 1, fromSeq - 1) as { hash: Buffer | null } | undefined;
        if (before?.hash) start = { seq: fromSeq, prev: before.hash };
      }
      return { tail, start };
    })();
    const walker = new ChainWalker({ fromSeq: start.seq, prevHash: start.prev, tailSeq: tail.seq, tailHash: tail.hash });
    // Rows as arrays (raw): no object per row; the hash is over the stored bytes, so nothing is decoded.
    // Outcome updates are records of the same chain, in their own table: both are walked in seq order.
    const chunk = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM ledger WHERE seq >= ? AND seq < ? UNION ALL SELECT ${COLUMNS} FROM ledger_updates WHERE seq >= ? AND seq < ? ORDER BY 1`,
      )
      .raw(true);
    const push = (r: WalkRow): boolean =>
      walker.push({
        seq: r[0],
        requestId: r[1],
        receivedAtMs: r[2],
        bytes: r[3],
        prevHash: r[4] ?? Buffer.alloc(0),
        hash: r[5] ?? Buffer.alloc(0),
      });
    // The chain up to the tail recorded at the start, a slice of sequence numbers at a time, letting
    // the event loop run between slices: ingest and queries go on during a walk of tens of millions.
    // Records are only appended past the tail, so the slices already walked do not change under it.
    let ok = true;
    for (let from = start.seq; ok && from <= tail.seq; from += VERIFY_SLICE) {
      const to = Math.min(from + VERIFY_SLICE, tail.seq + 1);
      for (const r of chunk.all(from, to, from, to) as WalkRow[]) {
        if (!(ok = push(r))) break;
      }
      onProgress?.(Math.min(from + VERIFY_SLICE - 1, tail.seq), tail.seq);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (ok) {
      // Past the tail: what was appended during the walk stops at the current tail; a record beyond
      // it was put there by someone else (the walker names it inserted).
      this.db.transaction(() => {
        const now = this.selectChain.get('tail') ?? tail;
        const past = this.db
          .prepare(
            `SELECT ${COLUMNS} FROM ledger WHERE seq > ? UNION ALL SELECT ${COLUMNS} FROM ledger_updates WHERE seq > ? ORDER BY 1 LIMIT 1`,
          )
          .raw(true)
          .get(now.seq, now.seq) as WalkRow | undefined;
        if (past) push(past);
      })();
    }
    return walker.finish();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Sequence numbers read per slice of a chain walk (between two turns of the event loop). */
const VERIFY_SLICE = 20_000;

/** How long an append waits for another connection's write lock (better-sqlite3 waits synchronously). */
export const LEDGER_BUSY_TIMEOUT_MS = 100;

/**
 * Opens (creating if needed) the ledger in a SQLite file; ':memory:' gives a private one. A write
 * lock held elsewhere (a backup, an operator's sqlite3) fails an append after LEDGER_BUSY_TIMEOUT_MS
 * rather than the usual 5 s: the wait blocks the event loop, and metering hands a refused batch back
 * to JetStream to be delivered again anyway.
 */
export function openSqliteLedgerStore(path: string): SqliteLedgerStore {
  const db = openSqlite(path);
  db.pragma(`busy_timeout = ${LEDGER_BUSY_TIMEOUT_MS}`);
  return new SqliteLedgerStore(db);
}
