// Tables of the embedded usage ledger: one row per transaction (its place in the hash chain, its
// request id, received time and the MeterEvent's protobuf bytes, with the chain's hashes), counters
// per day and dimension with latency buckets, the first ok day per consumer and provider, the hash
// chain's tail and retention checkpoint, and persisted totals. Created on open; the totals table
// records the schema revision (not user_version, so that the ledger may share a file with other
// embedded stores).
//
// Schema 3 keeps each record as its event's bytes rather than one column per field: a 6-column
// row appended at the end of the seq b-tree costs about a third of the CPU of schema 2's 22-column
// row clustered on the request id (what national-scale ingest is bound by). Migration from schema 2
// rewrites every record with its canonical bytes, which are what schema 2 hashed, so the chain and
// its hashes carry over unchanged.
//
// Schema 4 adds ledger_updates: the records that change a transaction's outcome (a retry that
// succeeded after a failure, see ledger-outcome.ts). Each is a chain record like any other (its own
// seq, the new event's bytes, hashed after its predecessor), kept beside the ledger table so that
// the ledger's unique request id stays the transaction's key. Migration from schema 3 only creates
// the table: no record is touched, every hash carries over.
//
// Schema 5 counts on Vietnam days (Asia/Ho_Chi_Minh) rather than UTC days: migration from schema
// 4 moves the counts of records received from 17:00 to 24:00 UTC to the next day's counter rows
// (sqlite-ledger-vietnam-days.ts); no record is touched, every hash carries over.
//
// Migration from schema 1 (no chain, no timestamps, no buckets): the missing columns are added in
// place. Rows written before have seq NULL and stay outside the chain, which starts at the first
// record ledgered after the upgrade (seq 1); their counters have no buckets (no latency data) and
// the first-ok table is filled from the old counters (day granularity, so nothing is lost).
import { MeterEvent } from '@ndxp/contracts';
import { canonicalBytes } from './ledger-chain-encoding';
import type { SqliteDatabase } from './sqlite';
import { protoCanonicalBytes } from './sqlite-ledger-chain';
import type { LedgerUpgrade } from './ports';
import { moveCountersToVietnamDays } from './sqlite-ledger-vietnam-days';

/** Schema revision, kept in ledger_totals under 'schema_version'. */
export const LEDGER_SCHEMA_VERSION = 5;

/**
 * The ledger's records (schema 3). seq is the record's place in the hash chain (records from before
 * the chain, migrated from schema 1, have seq <= 0 and no hashes); event holds the MeterEvent's
 * protobuf bytes, which the hash covers; request_id and received_at_ms repeat two of its fields for
 * the idempotency key and retention, and a chain walk checks that they still agree with it.
 */
const LEDGER_V3 = `
CREATE TABLE ledger (
  seq            INTEGER PRIMARY KEY,
  request_id     TEXT    NOT NULL,
  received_at_ms INTEGER NOT NULL,
  event          BLOB    NOT NULL,
  prev_hash      BLOB,
  hash           BLOB
);
CREATE UNIQUE INDEX ledger_by_request_id ON ledger (request_id);
-- Retention (purgeBefore) deletes by age.
CREATE INDEX ledger_by_received_at ON ledger (received_at_ms);
`;

/** Schema 1 and 2's ledger table, created only to bring an old file up to schema 2 before schema 3. */
const LEDGER_V1 = `
CREATE TABLE IF NOT EXISTS ledger (
  request_id       TEXT    NOT NULL PRIMARY KEY,
  consumer         TEXT    NOT NULL,
  provider         TEXT    NOT NULL,
  service          TEXT    NOT NULL,
  version          TEXT    NOT NULL,
  outcome          INTEGER NOT NULL,
  code             TEXT    NOT NULL,
  officer          TEXT    NOT NULL,
  purpose          TEXT    NOT NULL,
  received_at_ms   INTEGER NOT NULL,
  duration_us      INTEGER NOT NULL,
  request_bytes    INTEGER NOT NULL,
  response_bytes   INTEGER NOT NULL,
  routing_instance TEXT    NOT NULL,
  trace_id         TEXT    NOT NULL
) WITHOUT ROWID;
`;

const DDL = `
CREATE TABLE IF NOT EXISTS ledger_counters (
  day      TEXT    NOT NULL,
  consumer TEXT    NOT NULL,
  provider TEXT    NOT NULL,
  service  TEXT    NOT NULL,
  outcome  INTEGER NOT NULL,
  code     TEXT    NOT NULL,
  count    INTEGER NOT NULL,
  PRIMARY KEY (day, consumer, provider, service, outcome, code)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS ledger_totals (
  name  TEXT    NOT NULL PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;

INSERT OR IGNORE INTO ledger_totals (name, value) VALUES ('entries', 0), ('duplicates_ignored', 0), ('outcome_updates', 0);
`;

/** Columns schema 2 adds to schema 1's tables (ALTER TABLE ADD COLUMN). */
const ADDED_COLUMNS: [table: string, column: string, decl: string][] = [
  ['ledger', 'forwarded_at_ms', 'INTEGER NOT NULL DEFAULT 0'],
  ['ledger', 'answered_at_ms', 'INTEGER NOT NULL DEFAULT 0'],
  ['ledger', 'responded_at_ms', 'INTEGER NOT NULL DEFAULT 0'],
  ['ledger', 'adapter_instance', "TEXT NOT NULL DEFAULT ''"],
  ['ledger', 'seq', 'INTEGER'],
  ['ledger', 'prev_hash', 'BLOB'],
  ['ledger', 'hash', 'BLOB'],
  ['ledger_counters', 'hist', 'BLOB'],
];

const DDL_V2 = `
CREATE TABLE IF NOT EXISTS ledger_first_ok (
  consumer TEXT NOT NULL,
  provider TEXT NOT NULL,
  day      TEXT NOT NULL,
  PRIMARY KEY (consumer, provider)
) WITHOUT ROWID;

-- 'tail': the last record's seq and hash; 'checkpoint': the last record retention deleted.
CREATE TABLE IF NOT EXISTS ledger_chain (
  name TEXT    NOT NULL PRIMARY KEY,
  seq  INTEGER NOT NULL,
  hash BLOB    NOT NULL
) WITHOUT ROWID;
`;

/**
 * Schema 4: outcome updates, on the same chain as the ledger's records (seq unique across both
 * tables, which a chain walk checks). request_id names the transaction the record updates.
 */
const DDL_V4 = `
CREATE TABLE IF NOT EXISTS ledger_updates (
  seq            INTEGER PRIMARY KEY,
  request_id     TEXT    NOT NULL,
  received_at_ms INTEGER NOT NULL,
  event          BLOB    NOT NULL,
  prev_hash      BLOB    NOT NULL,
  hash           BLOB    NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_updates_by_request_id ON ledger_updates (request_id, seq);
`;

function columnsOf(db: SqliteDatabase, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
}

/** Schema 2's columns of an event, in MeterEvent field order. */
const V2_EVENT_COLUMNS = `request_id, consumer, provider, service, version, outcome, code, officer, purpose, received_at_ms,
  duration_us, request_bytes, response_bytes, routing_instance, trace_id, forwarded_at_ms, answered_at_ms, responded_at_ms,
  adapter_instance`;

/** A schema 2 row's event columns (V2_EVENT_COLUMNS order) as its canonical bytes. */
function v2EventBytes(...c: unknown[]): Uint8Array {
  const event = MeterEvent.fromPartial({
    requestId: c[0] as string,
    consumer: c[1] as string,
    provider: c[2] as string,
    service: c[3] as string,
    version: c[4] as string,
    outcome: c[5] as number,
    code: c[6] as string,
    officer: c[7] as string,
    purpose: c[8] as string,
    receivedAtMs: c[9] as number,
    durationUs: c[10] as number,
    requestBytes: c[11] as number,
    responseBytes: c[12] as number,
    routingInstance: c[13] as string,
    traceId: c[14] as string,
    forwardedAtMs: c[15] as number,
    answeredAtMs: c[16] as number,
    respondedAtMs: c[17] as number,
    adapterInstance: c[18] as string,
  });
  return canonicalBytes(event, protoCanonicalBytes);
}

/**
 * Rewrites a schema 2 ledger table as schema 3: each record's canonical bytes (what schema 2
 * hashed) become its event, so every hash still verifies. Records from before the chain get
 * seq -n+1..0 in the order they were received.
 */
function rewriteLedgerV2(db: SqliteDatabase): void {
  db.exec(`DROP INDEX IF EXISTS ledger_by_received_at; DROP INDEX IF EXISTS ledger_by_seq; ALTER TABLE ledger RENAME TO ledger_v2;`);
  db.exec(LEDGER_V3);
  db.function('ndxp_v2_event', { varargs: true, deterministic: true }, v2EventBytes);
  db.exec(`
    INSERT INTO ledger (seq, request_id, received_at_ms, event, prev_hash, hash)
      SELECT seq, request_id, received_at_ms, ndxp_v2_event(${V2_EVENT_COLUMNS}), prev_hash, hash
      FROM ledger_v2 WHERE seq IS NOT NULL;
    INSERT INTO ledger (seq, request_id, received_at_ms, event, prev_hash, hash)
      SELECT ROW_NUMBER() OVER (ORDER BY received_at_ms, request_id) - (SELECT COUNT(*) FROM ledger_v2 WHERE seq IS NULL),
        request_id, received_at_ms, ndxp_v2_event(${V2_EVENT_COLUMNS}), NULL, NULL
      FROM ledger_v2 WHERE seq IS NULL;
    DROP TABLE ledger_v2;`);
}

/**
 * Creates the ledger tables when missing, upgrades a schema 1 to 4 file (in one transaction: a
 * crash leaves the old schema); refuses a newer schema. Returns what an upgrade did.
 */
export function migrateLedger(db: SqliteDatabase): LedgerUpgrade | undefined {
  const started = performance.now();
  return db
    .transaction((): LedgerUpgrade | undefined => {
      const fresh = columnsOf(db, 'ledger').length === 0;
      if (fresh) db.exec(LEDGER_V3);
      db.exec(DDL);
      const row = db.prepare(`SELECT value FROM ledger_totals WHERE name = 'schema_version'`).get() as { value: number } | undefined;
      if (row && row.value > LEDGER_SCHEMA_VERSION) {
        throw new Error(`ledger schema ${row.value} is newer than this build (${LEDGER_SCHEMA_VERSION})`);
      }
      if (!fresh && !columnsOf(db, 'ledger').includes('event')) {
        db.exec(LEDGER_V1);
        for (const [table, column, decl] of ADDED_COLUMNS) {
          if (!columnsOf(db, table).includes(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${decl}`);
        }
        rewriteLedgerV2(db);
      }
      if (!columnsOf(db, 'ledger_counters').includes('hist')) db.exec(`ALTER TABLE ledger_counters ADD COLUMN hist BLOB`);
      db.exec(DDL_V2);
      db.exec(DDL_V4);
      if (!row || row.value < 2) {
        db.exec(`INSERT OR IGNORE INTO ledger_first_ok (consumer, provider, day)
               SELECT consumer, provider, MIN(day) FROM ledger_counters WHERE outcome = 1 GROUP BY consumer, provider`);
      }
      const vietnamDays = !fresh && (!row || row.value < 5) ? moveCountersToVietnamDays(db) : undefined;
      db.prepare(`INSERT OR REPLACE INTO ledger_totals (name, value) VALUES ('schema_version', ?)`).run(LEDGER_SCHEMA_VERSION);
      if (fresh || row?.value === LEDGER_SCHEMA_VERSION) return undefined;
      return {
        fromSchema: row?.value ?? 1,
        toSchema: LEDGER_SCHEMA_VERSION,
        ...(vietnamDays ? { vietnamDays } : {}),
        elapsedMs: performance.now() - started,
      };
    })
    .immediate();
}
