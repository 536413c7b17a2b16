// One way for every service to choose its store: MONGODB_URL set → MongoDB (database MONGODB_DB,
// default "ndxp"); otherwise the embedded SQLite file the service names.
import { openMongoLedgerStore } from './mongo-ledger-store';
import { openMongoRegistryStore } from './mongo-registry-store';
import type { LedgerStore, RegistryStore } from './ports';
import { openSqliteLedgerStore } from './sqlite-ledger-store';
import { openSqliteRegistryStore } from './sqlite-registry-store';

/** Default MongoDB database name. */
export const DEFAULT_MONGODB_DB = 'ndxp';

/** Which store a service uses, read from the environment. */
export type StoreSelection = { kind: 'mongodb'; url: string; dbName: string } | { kind: 'sqlite'; path: string };

/** Reads MONGODB_URL and MONGODB_DB; sqlitePath is the service's embedded file when no URL is set. */
export function selectStore(env: Record<string, string | undefined>, sqlitePath: string): StoreSelection {
  const url = (env['MONGODB_URL'] ?? '').trim();
  if (!url) return { kind: 'sqlite', path: sqlitePath };
  if (!/^mongodb(\+srv)?:\/\//.test(url)) {
    throw new Error(`MONGODB_URL must start with mongodb:// or mongodb+srv://, got ${JSON.stringify(redactMongoUrl(url))}`);
  }
  const dbName = (env['MONGODB_DB'] ?? '').trim() || DEFAULT_MONGODB_DB;
  if (!/^[^/\\. "$*<>:|?]{1,63}$/.test(dbName)) throw new Error(`MONGODB_DB is not a valid database name: ${JSON.stringify(dbName)}`);
  return { kind: 'mongodb', url, dbName };
}

/** A MongoDB URL with its password replaced by "***", fit for logs. */
export function redactMongoUrl(url: string): string {
  return url.replace(/^(mongodb(?:\+srv)?:\/\/[^:/@]*):[^@]*@/, '$1:***@');
}

/** Where a selection points, fit for logs (no password). */
export function describeStore(s: StoreSelection): string {
  return s.kind === 'mongodb' ? `mongodb ${redactMongoUrl(s.url)} db ${s.dbName}` : `sqlite ${s.path}`;
}

/** Opens the registry store a selection names. */
export async function openRegistryStore(s: StoreSelection): Promise<RegistryStore> {
  return s.kind === 'mongodb' ? openMongoRegistryStore(s.url, s.dbName) : openSqliteRegistryStore(s.path);
}

/** Opens the usage ledger a selection names. */
export async function openLedgerStore(s: StoreSelection): Promise<LedgerStore> {
  return s.kind === 'mongodb' ? openMongoLedgerStore(s.url, s.dbName) : openSqliteLedgerStore(s.path);
}
