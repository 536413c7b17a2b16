// A batch of request ids looked up in the SQLite ledger: which are ledgered, each with its final
// outcome (its latest outcome update, else its first record). Reconciliation against the meter
// stream asks this for every event it walks, so it is one indexed statement per table per chunk.
import { MeterEvent } from '@ndxp/contracts';
import { scanMeterEvent } from './meter-event-wire';
import type { LedgeredOutcome } from './ports';
import type { SqliteDatabase } from './sqlite';

/** Ids per statement (one JSON array parameter: the statement is prepared once for any batch). */
const LOOKUP_CHUNK = 2_000;

/** The outcome and code of stored event bytes (the wire scan; ts-proto for anything unusual). */
export function storedOutcome(bytes: Uint8Array): LedgeredOutcome {
  const scanned = scanMeterEvent(bytes);
  const e = scanned.ok ? scanned.events[0] : undefined;
  if (e) return { outcome: e.outcome, code: e.code };
  const decoded = MeterEvent.decode(bytes);
  return { outcome: decoded.outcome, code: decoded.code };
}

/** The lookup on one database: request ids in, the ledgered ones with their final outcome out. */
export function sqliteOutcomeLookup(db: SqliteDatabase): (requestIds: readonly string[]) => Map<string, LedgeredOutcome> {
  const firsts = db
    .prepare<[string], [string, Buffer]>(`SELECT request_id, event FROM ledger WHERE request_id IN (SELECT value FROM json_each(?))`)
    .raw(true);
  // In seq order, so the latest update of a transaction is the last one read.
  const updates = db
    .prepare<[string], [string, Buffer]>(
      `SELECT request_id, event FROM ledger_updates WHERE request_id IN (SELECT value FROM json_each(?)) ORDER BY seq`,
    )
    .raw(true);
  // One read transaction per chunk: both tables from the same snapshot, even with a writer in another process.
  const lookChunk = db.transaction((json: string, out: Map<string, LedgeredOutcome>): void => {
    for (const [id, event] of firsts.all(json)) out.set(id, storedOutcome(event));
    for (const [id, event] of updates.all(json)) if (out.has(id)) out.set(id, storedOutcome(event));
  });
  return (requestIds) => {
    const out = new Map<string, LedgeredOutcome>();
    for (let i = 0; i < requestIds.length; i += LOOKUP_CHUNK) {
      lookChunk(JSON.stringify(requestIds.slice(i, i + LOOKUP_CHUNK)), out);
    }
    return out;
  };
}
