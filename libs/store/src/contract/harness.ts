// What the contract suite needs from a store implementation: fresh empty databases, and on each
// any number of store instances (a second instance stands for another process or replica).
import type { LedgerStore, RegistryStore } from '../ports';

/** One empty database of a store; every open gives a new instance on the same data. */
export interface StoreDatabase {
  openLedger(): Promise<LedgerStore>;
  openRegistry(): Promise<RegistryStore>;
  /** Alters the stored audit trail behind the stores' back: the record at seq gets other entry bytes, or is deleted. */
  tamperAudit(seq: number, change: { entry: Uint8Array } | 'delete'): Promise<void>;
  /** Alters the ledger's record at seq behind the stores' back: its event's code becomes `code`. */
  tamperLedgerCode(seq: number, code: string): Promise<void>;
  /** Closes every instance opened here and removes the data. */
  drop(): Promise<void>;
}

/** A store implementation under test. */
export interface StoreHarness {
  /** Runs once before the suite (e.g. start or reach the server). */
  setup(): Promise<void>;
  /** Runs once after the suite. */
  teardown(): Promise<void>;
  freshDatabase(): Promise<StoreDatabase>;
}

/** Tracks opened instances so drop() can close them all. */
export function closeAll(stores: { close(): Promise<void> }[]): Promise<void> {
  return Promise.all(stores.map((s) => s.close().catch(() => undefined))).then(() => undefined);
}
