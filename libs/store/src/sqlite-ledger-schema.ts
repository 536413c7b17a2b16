// Tables of the embedded usage ledger: one row per request id, counters per day and dimension with
// latency buckets, the first ok day per consumer and provider, the hash chain's tail and retention
// checkpoint, and persisted totals. Created on open; the totals table records the schema revision
// (not user_version, so that the ledger may share a file with other embedded stores).
//
// Migration from schema 1 (no chain, no timestamps, no buckets): the missing columns are added in
// place. Rows written before have seq NULL and stay outside the chain, which starts at the first
// record ledgered after the upgrade (seq 1); their counters have no buckets (no latency data) and
// the first-ok table is filled from the old counters (day granularity, so nothing is lost).
import type { SqliteDatabase } from './sqlite';

/** Schema revision, kept in ledger_totals under 'schema_version'. */
export const LEDGER_SCHEMA_VERSION = 2;

const DDL = `
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

-- Retention (purgeBefore) deletes by age.
CREATE INDEX IF NOT EXISTS ledger_by_received_at ON ledger (received_at_ms);

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

INSERT OR IGNORE INTO ledger_totals (name, value) VALUES ('entries', 0), ('duplicates_ignored', 0);
`;

/** Columns schema 2 adds to existing tables (ALTER TABLE ADD COLUMN, so old files upgrade in place). */
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
-- Not UNIQUE on purpose: the single writer keeps seq unique, and verify must be able to see (and
-- name) a second record slipped in at an existing seq.
CREATE INDEX IF NOT EXISTS ledger_by_seq ON ledger (seq) WHERE seq IS NOT NULL;

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

/** Creates the ledger tables when missing, upgrades a schema 1 file; refuses a newer schema. */
export function migrateLedger(db: SqliteDatabase): void {
  db.transaction(() => {
    db.exec(DDL);
    const row = db.prepare(`SELECT value FROM ledger_totals WHERE name = 'schema_version'`).get() as { value: number } | undefined;
    if (row && row.value > LEDGER_SCHEMA_VERSION) {
      throw new Error(`ledger schema ${row.value} is newer than this build (${LEDGER_SCHEMA_VERSION})`);
    }
    for (const [table, column, decl] of ADDED_COLUMNS) {
      const cols = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
      if (!cols.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${decl}`);
    }
    db.exec(DDL_V2);
    if (!row || row.value < 2) {
      db.exec(`INSERT OR IGNORE INTO ledger_first_ok (consumer, provider, day)
               SELECT consumer, provider, MIN(day) FROM ledger_counters WHERE outcome = 1 GROUP BY consumer, provider`);
    }
    db.prepare(`INSERT OR REPLACE INTO ledger_totals (name, value) VALUES ('schema_version', ?)`).run(LEDGER_SCHEMA_VERSION);
  }).immediate();
}
