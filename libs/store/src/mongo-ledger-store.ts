// The usage ledger on MongoDB. Raw rows: collection ledger, _id = request id (the unique index that
// makes a request count once). Aggregates: ledger_counters, one document per day, consumer,
// provider, service, outcome and code, bumped with upsert + $inc; totals in ledger_totals.
//
// Append is two steps, both safe to repeat:
//  1. one bulkWrite of inserts (ordered: false). A request id already present fails with E11000:
//     counted as a duplicate and skipped. New rows carry counted: false.
//  2. one transaction that reads this batch's rows still counted: false, $incs their counters and
//     the totals, and sets counted: true. A crash between 1 and 2 leaves rows uncounted; the batch
//     is then redelivered, step 1 sees duplicates, and step 2 counts those rows, once. Two writers
//     racing on one row meet a write conflict in step 2; the driver retries the transaction, which
//     then finds the row counted. So only newly ledgered events ever reach the aggregates.
//
// An event for a ledgered request id that changes its outcome (ledger-outcome.ts) is appended in
// step 2 as an outcome update: a document of the new event's fields with _id `<request id>\0<seq>`
// and `updates` naming the request id, on the chain like any record; the counters move the
// transaction from the old outcome and code to the new one (on the day it was first received).
import { MeshError, MeterEvent, type UsageQuery, type UsageReport } from '@ndxp/contracts';
import {
  Binary,
  MongoBulkWriteError,
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type MongoClient,
  type WriteError,
} from 'mongodb';
import { supersedes } from './ledger-outcome';
import { connectMongo, MONGO_SESSION } from './mongo-client';
import { mongoFinalOutcomes, type OutcomeDoc } from './mongo-ledger-outcomes';
import { counterKey, queryMongoUsage, type CounterDoc } from './mongo-ledger-usage';
import { moveMongoCountersToVietnamDays } from './mongo-ledger-vietnam-days';
import { rollupMongoCounters } from './mongo-ledger-rollup';
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
import { GENESIS_HASH, canonicalEvent, chainHash, protoCanonicalBytes } from './sqlite-ledger-chain';
import { LATENCY_BUCKETS, histogramPairs, latencyBucket } from './sqlite-ledger-latency';
import { ledgerDay } from './sqlite-ledger-store';
import { ChainWalker } from './sqlite-ledger-verify';
import type { EncodedMeterEvent } from './meter-event-wire';

/** A raw ledger row: the event's fields, keyed by request id, and whether it is in the aggregates. */
interface LedgerDoc {
  _id: string;
  consumer: string;
  provider: string;
  service: string;
  version: string;
  outcome: number;
  code: string;
  officer: string;
  purpose: string;
  receivedAtMs: number;
  durationUs: number;
  requestBytes: number;
  responseBytes: number;
  routingInstance: string;
  traceId: string;
  forwardedAtMs: number;
  answeredAtMs: number;
  respondedAtMs: number;
  adapterInstance: string;
  counted: boolean;
  /** On an outcome update: the request id of the transaction it updates (_id is `<request id>\0<seq>`). */
  updates?: string;
  /** Hash chain (set when the row is counted, in the counting transaction). */
  seq?: number;
  prevHash?: Binary;
  hash?: Binary;
}

interface ChainDoc {
  _id: 'tail' | 'checkpoint';
  seq: number;
  hash: Binary;
}

interface FirstOkDoc {
  _id: string;
  consumer: string;
  provider: string;
  day: string;
}

interface TotalsDoc {
  _id: string;
  entries: number;
  duplicatesIgnored: number;
}

const TOTALS_ID = 'totals';

function toDoc(e: MeterEvent): LedgerDoc {
  return {
    _id: e.requestId,
    consumer: e.consumer,
    provider: e.provider,
    service: e.service,
    version: e.version,
    outcome: e.outcome,
    code: e.code,
    officer: e.officer,
    purpose: e.purpose,
    receivedAtMs: Math.trunc(e.receivedAtMs),
    durationUs: Math.trunc(e.durationUs),
    requestBytes: e.requestBytes,
    responseBytes: e.responseBytes,
    routingInstance: e.routingInstance,
    traceId: e.traceId,
    forwardedAtMs: Math.trunc(e.forwardedAtMs),
    answeredAtMs: Math.trunc(e.answeredAtMs),
    respondedAtMs: Math.trunc(e.respondedAtMs),
    adapterInstance: e.adapterInstance,
    counted: false,
  };
}

function fromDoc(d: LedgerDoc): MeterEvent {
  return canonicalEvent({
    requestId: d.updates ?? d._id,
    consumer: d.consumer,
    provider: d.provider,
    service: d.service,
    version: d.version,
    outcome: d.outcome,
    code: d.code,
    officer: d.officer,
    purpose: d.purpose,
    receivedAtMs: d.receivedAtMs,
    durationUs: d.durationUs,
    requestBytes: d.requestBytes,
    responseBytes: d.responseBytes,
    routingInstance: d.routingInstance,
    traceId: d.traceId,
    forwardedAtMs: d.forwardedAtMs ?? 0,
    answeredAtMs: d.answeredAtMs ?? 0,
    respondedAtMs: d.respondedAtMs ?? 0,
    adapterInstance: d.adapterInstance ?? '',
    quotaTaken: false,
  });
}

const bytes = (b: Binary | undefined): Buffer => (b ? Buffer.from(b.buffer) : Buffer.alloc(0));

function counterId(d: Pick<LedgerDoc, 'receivedAtMs' | 'consumer' | 'provider' | 'service' | 'outcome' | 'code'>, day?: string): string {
  return counterKey(day ?? ledgerDay(d.receivedAtMs), d);
}

/** Creates the ledger's indexes; idempotent (createIndex of an existing index is a no-op). */
export async function ensureLedgerIndexes(db: Db): Promise<void> {
  // The request id is _id, whose unique index MongoDB keeps on every collection.
  await db.collection('ledger').createIndex({ receivedAtMs: 1 }, { name: 'ledger_by_received_at' });
  await db.collection('ledger').createIndex({ counted: 1 }, { name: 'ledger_uncounted', partialFilterExpression: { counted: false } });
  await db.collection('ledger_counters').createIndex({ day: 1, consumer: 1, provider: 1 }, { name: 'counters_by_day' });
  await db.collection('ledger').createIndex({ seq: 1 }, { name: 'ledger_by_seq', partialFilterExpression: { counted: true } });
  await db
    .collection('ledger')
    .createIndex({ updates: 1, seq: 1 }, { name: 'ledger_updates', partialFilterExpression: { updates: { $exists: true } } });
  await db
    .collection<TotalsDoc>('ledger_totals')
    .updateOne({ _id: TOTALS_ID }, { $setOnInsert: { entries: 0, duplicatesIgnored: 0 } }, { upsert: true });
}

/** LedgerStore on MongoDB (a replica set: step 2 of append is a transaction). */
export class MongoLedgerStore implements LedgerStore {
  readonly acceptsChainHints = false;
  private readonly ledger: Collection<LedgerDoc>;
  private readonly counters: Collection<CounterDoc>;
  private readonly totals: Collection<TotalsDoc>;
  private readonly chain: Collection<ChainDoc>;
  private readonly firstOk: Collection<FirstOkDoc>;
  /** The ledger collection as the outcome lookup reads it (the fields it projects). */
  private readonly outcomes: Collection<OutcomeDoc>;
  private closed = false;

  constructor(
    private readonly client: MongoClient,
    db: Db,
    private readonly ownsClient: boolean,
    /** What opening did to a ledger counted on UTC days (undefined: it was current or new). */
    readonly upgrade?: LedgerUpgrade,
  ) {
    this.ledger = db.collection<LedgerDoc>('ledger');
    this.counters = db.collection<CounterDoc>('ledger_counters');
    this.totals = db.collection<TotalsDoc>('ledger_totals');
    this.chain = db.collection<ChainDoc>('ledger_chain');
    this.firstOk = db.collection<FirstOkDoc>('ledger_first_ok');
    this.outcomes = db.collection<OutcomeDoc>('ledger');
  }

  /** The bytes are decoded (MongoDB keeps each event as a document of its fields); no hint is used. */
  async appendEncoded(events: EncodedMeterEvent[]): Promise<AppendResult> {
    return this.append(events.map((e) => MeterEvent.decode(e.bytes)));
  }

  async chainTail(): Promise<{ seq: number; hash: Buffer }> {
    const tail = await this.chain.findOne({ _id: 'tail' });
    return tail ? { seq: tail.seq, hash: bytes(tail.hash) } : { seq: 0, hash: GENESIS_HASH };
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
    const inserted = await this.insertRows(events);
    const updated = await this.foldCounters(events);
    const duplicates = events.length - inserted - updated;
    if (duplicates) await this.totals.updateOne({ _id: TOTALS_ID }, { $inc: { duplicatesIgnored: duplicates } });
    return updated ? { inserted, duplicates, updated } : { inserted, duplicates };
  }

  /** Step 1: inserts every event; returns how many were new. Throws on anything but E11000. */
  private async insertRows(events: MeterEvent[]): Promise<number> {
    const ops: AnyBulkWriteOperation<LedgerDoc>[] = events.map((e) => ({ insertOne: { document: toDoc(e) } }));
    try {
      return (await this.ledger.bulkWrite(ops, { ordered: false })).insertedCount;
    } catch (err) {
      if (!(err instanceof MongoBulkWriteError)) throw err;
      const writeErrors = ([] as WriteError[]).concat(err.writeErrors);
      if (err.err || writeErrors.some((w) => w.code !== 11000)) throw err;
      return err.insertedCount;
    }
  }

  /**
   * Step 2: in one transaction, counts this batch's uncounted rows into the aggregates, then appends
   * the batch's outcome updates (returns how many).
   */
  private async foldCounters(events: MeterEvent[]): Promise<number> {
    const ids = [...new Set(events.map((e) => e.requestId))];
    const session = this.client.startSession(MONGO_SESSION);
    let updated = 0;
    try {
      await session.withTransaction(async () => {
        updated = 0;
        const originals = await this.ledger.find({ _id: { $in: ids } }, { session }).toArray();
        const rows = originals.filter((r) => !r.counted);
        // The chain stays linear across replicas: the tail is read and written in this transaction,
        // so two writers extending it meet a write conflict and the driver retries one of them.
        const order = new Map(ids.map((id, i) => [id, i]));
        rows.sort((a, b) => order.get(a._id)! - order.get(b._id)!);
        const tail = await this.chain.findOne({ _id: 'tail' }, { session });
        let seq = tail?.seq ?? 0;
        let prev = tail ? bytes(tail.hash) : GENESIS_HASH;
        const chained: AnyBulkWriteOperation<LedgerDoc>[] = [];
        const firstOk = new Map<string, FirstOkDoc>();
        for (const r of rows) {
          seq++;
          const hash = chainHash(prev, seq, fromDoc(r));
          chained.push({
            updateOne: {
              filter: { _id: r._id, counted: false },
              update: { $set: { counted: true, seq, prevHash: new Binary(prev), hash: new Binary(hash) } },
            },
          });
          prev = hash;
          if (r.outcome === 1) {
            const day = ledgerDay(r.receivedAtMs);
            const id = `${r.consumer}\u0000${r.provider}`;
            const f = firstOk.get(id);
            if (!f || day < f.day) firstOk.set(id, { _id: id, consumer: r.consumer, provider: r.provider, day });
          }
        }
        const deltas = new Map<string, { fields: Omit<CounterDoc, '_id' | 'count' | 'h'>; n: number; h: number[] }>();
        const fold = (r: LedgerDoc, day: string, n: 1 | -1): void => {
          const id = counterId(r, day);
          let d = deltas.get(id);
          if (!d) {
            const fields = { day, consumer: r.consumer, provider: r.provider, service: r.service, outcome: r.outcome, code: r.code };
            d = { fields, n: 0, h: new Array<number>(LATENCY_BUCKETS).fill(0) };
            deltas.set(id, d);
          }
          d.n += n;
          d.h[latencyBucket(r.durationUs)]! += n;
        };
        for (const r of rows) fold(r, ledgerDay(r.receivedAtMs), 1);
        // Outcome updates: every event of the batch that is not its transaction's stored first event
        // nor an update already recorded, and that replaces the current outcome.
        const byId = new Map(originals.map((r) => [r._id, r]));
        const recorded = await this.ledger
          .find({ updates: { $in: ids }, counted: true }, { session })
          .sort({ seq: 1 })
          .toArray();
        const latest = new Map<string, LedgerDoc>();
        const seen = new Set(originals.map((r) => Buffer.from(protoCanonicalBytes(fromDoc(r))).toString('base64')));
        for (const u of recorded) {
          latest.set(u.updates!, u);
          seen.add(Buffer.from(protoCanonicalBytes(fromDoc(u))).toString('base64'));
        }
        const updates: LedgerDoc[] = [];
        for (const e of events) {
          const original = byId.get(e.requestId);
          if (!original) continue;
          const key = Buffer.from(protoCanonicalBytes(e)).toString('base64');
          if (seen.has(key)) continue;
          const current = latest.get(e.requestId) ?? original;
          if (!supersedes(current, canonicalEvent(e))) continue;
          seen.add(key);
          seq++;
          const doc: LedgerDoc = { ...toDoc(e), _id: `${e.requestId}\u0000${seq}`, updates: e.requestId, counted: true };
          const hash = chainHash(prev, seq, e);
          doc.seq = seq;
          doc.prevHash = new Binary(prev);
          doc.hash = new Binary(hash);
          prev = hash;
          updates.push(doc);
          latest.set(e.requestId, doc);
          const day = ledgerDay(original.receivedAtMs);
          fold(current, day, -1);
          fold(doc, day, 1);
          if (doc.outcome === 1) {
            const id = `${doc.consumer}\u0000${doc.provider}`;
            const f = firstOk.get(id);
            if (!f || day < f.day) firstOk.set(id, { _id: id, consumer: doc.consumer, provider: doc.provider, day });
          }
        }
        updated = updates.length;
        if (rows.length === 0 && updates.length === 0) return;
        await this.counters.bulkWrite(
          [...deltas.entries()].map(([id, { fields, n, h }]) => {
            const inc: Record<string, number> = { count: n };
            h.forEach((c, i) => {
              if (c) inc[`h.b${i}`] = c;
            });
            return { updateOne: { filter: { _id: id }, update: { $inc: inc, $setOnInsert: fields }, upsert: true } };
          }),
          { session, ordered: true },
        );
        if (chained.length) {
          const marked = await this.ledger.bulkWrite(chained, { session, ordered: true });
          if (marked.modifiedCount !== rows.length) throw new Error('ledger rows changed under the counting transaction');
        }
        if (updates.length) await this.ledger.insertMany(updates, { session, ordered: true });
        // Counter documents a transaction moved off entirely.
        await this.counters.deleteMany({ _id: { $in: [...deltas.keys()] }, count: { $lte: 0 } }, { session });
        await this.chain.updateOne({ _id: 'tail' }, { $set: { seq, hash: new Binary(prev) } }, { session, upsert: true });
        if (firstOk.size) {
          await this.firstOk.bulkWrite(
            [...firstOk.values()].map((f) => ({
              updateOne: {
                filter: { _id: f._id },
                update: { $min: { day: f.day }, $setOnInsert: { consumer: f.consumer, provider: f.provider } },
                upsert: true,
              },
            })),
            { session },
          );
        }
        await this.totals.updateOne({ _id: TOTALS_ID }, { $inc: { entries: rows.length } }, { session, upsert: true });
      });
    } finally {
      await session.endSession();
    }
    return updated;
  }

  /** The transaction with its final outcome: its latest outcome update, else its first event. */
  async getTransaction(requestId: string): Promise<MeterEvent | undefined> {
    const doc = await this.ledger.findOne({ _id: requestId });
    if (!doc) return undefined;
    const latest = await this.ledger.find({ updates: requestId, counted: true }).sort({ seq: -1 }).limit(1).next();
    return fromDoc(latest ?? doc);
  }

  async outcomeUpdates(requestId: string): Promise<number> {
    return this.ledger.countDocuments({ updates: requestId, counted: true });
  }

  async finalOutcomes(requestIds: readonly string[]): Promise<Map<string, LedgeredOutcome>> {
    return mongoFinalOutcomes(this.outcomes, requestIds);
  }

  async usage(query: UsageQuery): Promise<UsageReport> {
    return queryMongoUsage(this.counters, query);
  }

  async stats(): Promise<{ entries: number; duplicatesIgnored: number }> {
    const t = await this.totals.findOne({ _id: TOTALS_ID });
    return { entries: t?.entries ?? 0, duplicatesIgnored: t?.duplicatesIgnored ?? 0 };
  }

  async purgeBefore(cutoffMs: number): Promise<number> {
    // Retention removes a prefix of the chain (as on SQLite): records up to the last seq before the
    // first record received at or after the cutoff; that record's seq and hash become the checkpoint.
    // Rows not yet in the aggregates stay until a redelivery counts them.
    const cutoff = Math.trunc(cutoffMs);
    const tail = await this.chain.findOne({ _id: 'tail' });
    if (!tail) return (await this.ledger.deleteMany({ receivedAtMs: { $lt: cutoff }, counted: true })).deletedCount;
    const first = await this.ledger
      .find({ counted: true, receivedAtMs: { $gte: cutoff } })
      .sort({ seq: 1 })
      .limit(1)
      .next();
    const upTo = first?.seq !== undefined ? first.seq - 1 : tail.seq;
    const checkpoint = await this.chain.findOne({ _id: 'checkpoint' });
    if (upTo <= (checkpoint?.seq ?? 0)) return 0;
    const last = await this.ledger.findOne({ seq: upTo, counted: true });
    const deleted = (await this.ledger.deleteMany({ counted: true, seq: { $lte: upTo }, updates: { $exists: false } })).deletedCount;
    await this.ledger.deleteMany({ counted: true, seq: { $lte: upTo }, updates: { $exists: true } });
    await this.chain.updateOne({ _id: 'checkpoint' }, { $set: { seq: upTo, hash: last?.hash ?? tail.hash } }, { upsert: true });
    return deleted;
  }

  async rollup(query: LedgerRollupQuery): Promise<LedgerRollupRow[]> {
    return rollupMongoCounters(this.counters, query, histogramPairs);
  }

  async firstOkDays(): Promise<FirstOkDay[]> {
    const docs = await this.firstOk.find({}).sort({ consumer: 1, provider: 1 }).toArray();
    return docs.map((d) => ({ consumer: d.consumer, provider: d.provider, day: d.day }));
  }

  async verifyChain(fromSeq = 0, onProgress?: ChainWalkProgress): Promise<ChainVerification> {
    const tail = await this.chain.findOne({ _id: 'tail' });
    const checkpoint = await this.chain.findOne({ _id: 'checkpoint' });
    let start = { seq: (checkpoint?.seq ?? 0) + 1, prev: checkpoint ? bytes(checkpoint.hash) : GENESIS_HASH };
    if (fromSeq > start.seq) {
      const before = await this.ledger.findOne({ seq: fromSeq - 1, counted: true });
      if (before) start = { seq: fromSeq, prev: bytes(before.hash) };
    }
    const walker = new ChainWalker({
      fromSeq: start.seq,
      prevHash: start.prev,
      tailSeq: tail?.seq ?? 0,
      tailHash: tail ? bytes(tail.hash) : GENESIS_HASH,
    });
    const cursor = this.ledger.find({ counted: true, seq: { $gte: start.seq } }).sort({ seq: 1, _id: 1 });
    try {
      let walked = 0;
      for await (const d of cursor) {
        const requestId = d.updates ?? d._id;
        if (!walker.push({ seq: d.seq!, prevHash: bytes(d.prevHash), hash: bytes(d.hash), requestId, event: fromDoc(d) })) break;
        if (++walked % 20_000 === 0) onProgress?.(d.seq!, tail?.seq ?? 0);
      }
    } finally {
      await cursor.close();
    }
    return walker.finish();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) await this.client.close();
  }
}

/** Connects to MongoDB, ensures the ledger's indexes and returns the store (which owns the client). */
export async function openMongoLedgerStore(url: string, dbName: string): Promise<MongoLedgerStore> {
  const client = await connectMongo(url);
  try {
    const db = client.db(dbName);
    await ensureLedgerIndexes(db);
    const upgrade = await moveMongoCountersToVietnamDays(client, db);
    return new MongoLedgerStore(client, db, true, upgrade);
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }
}
