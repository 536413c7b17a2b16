// Tables of the embedded usage ledger: one row per request id, counters per day and dimension,
// and persisted totals. Created on open; the totals table records the schema revision (not
// user_version, so that the ledger may share a file with other embedded stores).
import type { SqliteDatabase } from './sqlite';

/** Schema revision, kept in ledger_totals under 'schema_version'. */
export const LEDGER_SCHEMA_VERSION = 1;

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

/** Creates the ledger tables when missing; refuses a file written by a newer schema. */
export function migrateLedger(db: SqliteDatabase): void {
  db.transaction(() => {
    db.exec(DDL);
    const row = db.prepare(`SELECT value FROM ledger_totals WHERE name = 'schema_version'`).get() as { value: number } | undefined;
    if (row && row.value > LEDGER_SCHEMA_VERSION) {
      throw new Error(`ledger schema ${row.value} is newer than this build (${LEDGER_SCHEMA_VERSION})`);
    }
    db.prepare(`INSERT OR REPLACE INTO ledger_totals (name, value) VALUES ('schema_version', ?)`).run(LEDGER_SCHEMA_VERSION);
  }).immediate();
}
