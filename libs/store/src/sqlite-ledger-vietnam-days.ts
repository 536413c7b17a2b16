// Schema 5: the counters' day is the Vietnam calendar day (Asia/Ho_Chi_Minh, UTC+7) rather than the
// UTC day of schemas 1 to 4. Only counters move: no record is touched, so the hash chain and every
// hash carry over. A transaction received from 17:00 to 24:00 UTC falls on the next Vietnam day;
// each such record (with its final outcome: its latest outcome update) takes one count and its
// latency bucket from its UTC day's counter row to the next day's. Counts whose records retention
// has already deleted have nothing to say when in the day they came: they keep their day.
import { dayOfNumber, MeterEvent } from '@ndxp/contracts';
import type { SqliteDatabase } from './sqlite';
import { LATENCY_BUCKETS, decodeHistogram, encodeHistogram, latencyBucket } from './sqlite-ledger-latency';

const DAY_MS = 86_400_000;
/** 17:00 UTC: 00:00 of the next day in Hà Nội. */
const VIETNAM_MIDNIGHT_UTC_MS = 17 * 3_600_000;

interface Move {
  fromDay: string;
  toDay: string;
  consumer: string;
  provider: string;
  service: string;
  outcome: number;
  code: string;
  n: number;
  hist: Uint32Array;
}

/** What the move did: the transactions whose counts changed day. */
export interface VietnamDayMove {
  moved: number;
}

/**
 * Moves the counters of a schema 1 to 4 ledger from UTC days to Vietnam days, inside the caller's
 * transaction (migrateLedger's). Histograms are summed here: the SQL functions of
 * registerHistogramFunctions are not registered yet.
 */
export function moveCountersToVietnamDays(db: SqliteDatabase): VietnamDayMove {
  const moves = new Map<string, Move>();
  const rows = db.prepare<[number, number, number], { received_at_ms: number; event: Buffer; latest: Buffer | null }>(
    `SELECT l.received_at_ms, l.event,
         (SELECT u.event FROM ledger_updates u WHERE u.request_id = l.request_id ORDER BY u.seq DESC LIMIT 1) AS latest
       FROM ledger l WHERE ((l.received_at_ms % ?) + ?) % ? >= ${VIETNAM_MIDNIGHT_UTC_MS}`,
  );
  let moved = 0;
  for (const r of rows.iterate(DAY_MS, DAY_MS, DAY_MS)) {
    const e = MeterEvent.decode(r.latest ?? r.event);
    const utc = Math.floor(r.received_at_ms / DAY_MS);
    const fromDay = dayOfNumber(utc);
    const toDay = dayOfNumber(utc + 1);
    const key = [fromDay, e.consumer, e.provider, e.service, e.outcome, e.code].join('\u0000');
    let m = moves.get(key);
    if (!m) {
      const { consumer, provider, service, outcome, code } = e;
      m = { fromDay, toDay, consumer, provider, service, outcome, code, n: 0, hist: new Uint32Array(LATENCY_BUCKETS) };
      moves.set(key, m);
    }
    m.n++;
    m.hist[latencyBucket(e.durationUs)]!++;
    moved++;
  }
  const counterOf = db.prepare<[string, string, string, string, number, string], { count: number; hist: Buffer | null }>(
    `SELECT count, hist FROM ledger_counters WHERE day = ? AND consumer = ? AND provider = ? AND service = ? AND outcome = ? AND code = ?`,
  );
  const setCounter = db.prepare(
    `UPDATE ledger_counters SET count = ?, hist = ? WHERE day = ? AND consumer = ? AND provider = ? AND service = ? AND outcome = ? AND code = ?`,
  );
  const deleteCounter = db.prepare(
    `DELETE FROM ledger_counters WHERE day = ? AND consumer = ? AND provider = ? AND service = ? AND outcome = ? AND code = ?`,
  );
  const addCounter = db.prepare<[string, string, string, string, number, string, number, Buffer, number, Buffer]>(
    `INSERT INTO ledger_counters (day, consumer, provider, service, outcome, code, count, hist) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, consumer, provider, service, outcome, code) DO UPDATE SET count = count + ?, hist = ?`,
  );
  // Moves are applied in day order so that a row a move adds to (the next day) is read after it.
  for (const m of [...moves.values()].sort((a, b) => (a.fromDay < b.fromDay ? -1 : a.fromDay > b.fromDay ? 1 : 0))) {
    const dims = [m.consumer, m.provider, m.service, m.outcome, m.code] as const;
    const from = counterOf.get(m.fromDay, ...dims);
    // A counter smaller than its records (which the store never writes) moves only what it holds.
    const n = Math.min(m.n, from?.count ?? 0);
    if (n <= 0) continue;
    const left = decodeHistogram(from!.hist ?? null);
    for (let i = 0; i < LATENCY_BUCKETS; i++) left[i] = Math.max(0, left[i]! - m.hist[i]!);
    if (from!.count - n <= 0) deleteCounter.run(m.fromDay, ...dims);
    else setCounter.run(from!.count - n, from!.hist ? encodeHistogram(left) : null, m.fromDay, ...dims);
    const to = counterOf.get(m.toDay, ...dims);
    const sum = decodeHistogram(to?.hist ?? null);
    for (let i = 0; i < LATENCY_BUCKETS; i++) sum[i]! += m.hist[i]!;
    const blob = encodeHistogram(sum);
    addCounter.run(m.toDay, ...dims, n, encodeHistogram(m.hist), n, blob);
  }
  // The first ok day of each pair, on the new days (a pair without a counter left keeps its day).
  db.exec(`UPDATE ledger_first_ok SET day = (
             SELECT MIN(c.day) FROM ledger_counters c
             WHERE c.outcome = 1 AND c.consumer = ledger_first_ok.consumer AND c.provider = ledger_first_ok.provider)
           WHERE EXISTS (SELECT 1 FROM ledger_counters c
             WHERE c.outcome = 1 AND c.consumer = ledger_first_ok.consumer AND c.provider = ledger_first_ok.provider)`);
  return { moved };
}
