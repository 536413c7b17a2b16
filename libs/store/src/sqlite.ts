// Opening the embedded SQLite file with the settings every embedded store uses.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDatabase = Database.Database;

/** Opens (creating folders as needed) a SQLite file in WAL mode; ':memory:' opens a private one. */
export function openSqlite(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: the WAL is fsynced at every commit, so a ledger batch acknowledged to JetStream survives a
  // power loss; at 500 rows a commit it measured no slower than NORMAL (pnpm bench:durability).
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return db;
}
