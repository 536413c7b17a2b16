// MongoDB's counters on Vietnam days (see sqlite-ledger-vietnam-days.ts for the SQLite ledger):
// counters written by builds that counted UTC days move, once, to Vietnam days (Asia/Ho_Chi_Minh).
// A transaction received from 17:00 to 24:00 UTC falls on the next Vietnam day: its count and
// latency bucket (of its final outcome) move to the next day's counter document. Records are not
// touched, so the hash chain carries over. The moves are read first, then applied in one
// transaction that also writes the marker (ledger_totals 'calendar'), so a crash or a second
// replica opening at once applies them exactly once.
import { dayOfNumber, VIETNAM_TIME_ZONE } from '@ndxp/contracts';
import type { AnyBulkWriteOperation, Db, MongoClient } from 'mongodb';
import { MONGO_SESSION } from './mongo-client';
import { counterKey, type CounterDoc } from './mongo-ledger-usage';
import type { EncodedMeterEvent } from './meter-event-wire';
import type { LedgerUpgrade } from './ports';
import { LATENCY_BUCKETS, latencyBucket } from './sqlite-ledger-latency';

const DAY_MS = 86_400_000;
const VIETNAM_MIDNIGHT_UTC_MS = 17 * 3_600_000;
const CALENDAR_ID = 'calendar';
const PAGE = 1000;

/** The fields of a ledger document the move reads: those the ledger counts, and its keys. */
type Row = Omit<EncodedMeterEvent, 'bytes' | 'requestId'> & { _id: string; updates?: string; seq?: number };

interface Delta {
  fields: Omit<CounterDoc, '_id' | 'count' | 'h'>;
  n: number;
  h: number[];
}

/** Moves UTC-day counters to Vietnam days once; undefined when there was nothing to move. */
export async function moveMongoCountersToVietnamDays(client: MongoClient, db: Db): Promise<LedgerUpgrade | undefined> {
  const totals = db.collection<{ _id: string; calendar?: string; atMs?: number }>('ledger_totals');
  if (await totals.findOne({ _id: CALENDAR_ID })) return undefined;
  const started = performance.now();
  const ledger = db.collection<Row>('ledger');
  const deltas = new Map<string, Delta>();
  const fold = (r: Row, day: string, n: 1 | -1): void => {
    const id = counterKey(day, r);
    let d = deltas.get(id);
    if (!d) {
      const fields = { day, consumer: r.consumer, provider: r.provider, service: r.service, outcome: r.outcome, code: r.code };
      deltas.set(id, (d = { fields, n: 0, h: new Array<number>(LATENCY_BUCKETS).fill(0) }));
    }
    d.n += n;
    d.h[latencyBucket(r.durationUs)]! += n;
  };
  const late = {
    counted: true,
    updates: { $exists: false },
    $expr: { $gte: [{ $mod: [{ $add: [{ $mod: ['$receivedAtMs', DAY_MS] }, DAY_MS] }, DAY_MS] }, VIETNAM_MIDNIGHT_UTC_MS] },
  };
  let moved = 0;
  let page: Row[] = [];
  const flush = async (): Promise<void> => {
    const latest = new Map<string, Row>();
    const ups = await ledger
      .find({ updates: { $in: page.map((r) => r._id) }, counted: true })
      .sort({ seq: 1 })
      .toArray();
    for (const u of ups) latest.set(u.updates!, u);
    for (const r of page) {
      const final = latest.get(r._id) ?? r;
      const utc = Math.floor(r.receivedAtMs / DAY_MS);
      fold(final, dayOfNumber(utc), -1);
      fold(final, dayOfNumber(utc + 1), 1);
      moved++;
    }
    page = [];
  };
  for await (const r of ledger.find(late)) {
    page.push(r);
    if (page.length >= PAGE) await flush();
  }
  if (page.length) await flush();
  const session = client.startSession(MONGO_SESSION);
  let applied = false;
  try {
    await session.withTransaction(async () => {
      applied = false;
      if (await totals.findOne({ _id: CALENDAR_ID }, { session })) return;
      const counters = db.collection<CounterDoc>('ledger_counters');
      const ops: AnyBulkWriteOperation<CounterDoc>[] = [...deltas.entries()].map(([id, { fields, n, h }]) => {
        const inc: Record<string, number> = { count: n };
        h.forEach((c, i) => {
          if (c) inc[`h.b${i}`] = c;
        });
        return { updateOne: { filter: { _id: id }, update: { $inc: inc, $setOnInsert: fields }, upsert: true } };
      });
      if (ops.length) await counters.bulkWrite(ops, { session, ordered: true });
      await counters.deleteMany({ _id: { $in: [...deltas.keys()] }, count: { $lte: 0 } }, { session });
      // Each pair's first ok day, on the new days.
      const firstOk = db.collection<{ _id: string; consumer: string; provider: string; day: string }>('ledger_first_ok');
      const pairs = new Map<string, { consumer: string; provider: string }>();
      for (const { fields } of deltas.values()) {
        if (fields.outcome === 1) pairs.set(`${fields.consumer}\u0000${fields.provider}`, fields);
      }
      for (const [id, { consumer, provider }] of pairs) {
        const first = await counters
          .find({ consumer, provider, outcome: 1 }, { session, projection: { day: 1 } })
          .sort({ day: 1 })
          .limit(1)
          .next();
        if (first) await firstOk.updateOne({ _id: id }, { $set: { consumer, provider, day: first.day } }, { session, upsert: true });
      }
      await totals.insertOne({ _id: CALENDAR_ID, calendar: VIETNAM_TIME_ZONE, atMs: Date.now() }, { session });
      applied = true;
    });
  } finally {
    await session.endSession();
  }
  if (!applied || moved === 0) return undefined;
  return { fromSchema: 4, toSchema: 5, vietnamDays: { moved }, elapsedMs: performance.now() - started };
}
