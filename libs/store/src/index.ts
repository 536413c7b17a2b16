// Public entry of @ndxp/store.
export type { RegistryStore, LedgerStore, ChangeResult, AppendResult } from './ports';
export { openSqlite } from './sqlite';
export type { SqliteDatabase } from './sqlite';
export { SqliteRegistryStore, openSqliteRegistryStore } from './sqlite-registry-store';
export { SqliteLedgerStore, openSqliteLedgerStore } from './sqlite-ledger-store';
