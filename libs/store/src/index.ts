// Public entry of @ndxp/store.
export type { RegistryStore, LedgerStore, ChangeResult, AppendResult } from './ports';
