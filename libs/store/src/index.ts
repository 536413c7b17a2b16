// Public entry of @ndxp/store.
export type {
  RegistryStore,
  LedgerStore,
  LedgeredOutcome,
  ChangeResult,
  AppendResult,
  ChainVerification,
  ChainWalkProgress,
  LedgerRollupQuery,
  LedgerRollupRow,
  LedgerUpgrade,
  LedgerRollupGroup,
  FirstOkDay,
} from './ports';
/** The embedded SQLite stores. */
export { openSqlite } from './sqlite';
export type { SqliteDatabase } from './sqlite';
export { SqliteRegistryStore, openSqliteRegistryStore } from './sqlite-registry-store';
export { SqliteLedgerStore, openSqliteLedgerStore } from './sqlite-ledger-store';
/** A schema 4 (UTC-day) ledger made from a current one: for the upgrade's test and benchmark only. */
export { rewriteAsSchema4 } from './ledger-schema4';
/** The MongoDB stores (a replica set), each owning its client. */
export { MongoRegistryStore, openMongoRegistryStore } from './mongo-registry-store';
export { MongoLedgerStore, openMongoLedgerStore } from './mongo-ledger-store';
/** Choosing a store from MONGODB_URL / MONGODB_DB, the same way in every service. */
export { selectStore, describeStore, redactMongoUrl, openRegistryStore, openLedgerStore, DEFAULT_MONGODB_DB } from './open-stores';
export type { StoreSelection } from './open-stores';
/** Meter events in their protobuf bytes, as metering's ingest path hands them to the ledger. */
export { scanMeterEvent, scanMeterEventBatch, encodeForLedger } from './meter-event-wire';
export type { EncodedMeterEvent, ScannedMeterEvents } from './meter-event-wire';
/** The ledger's hash chain computed ahead on a worker thread (metering's bulk ingest). */
export { ChainHasher } from './chain-hasher';
export type { ChainHint } from './chain-hasher';
export { appendInChunks, chunkSizes, APPEND_MAX_EVENTS, HASH_AHEAD_MIN_EVENTS } from './append-in-chunks';
export type { AppendInChunksOptions } from './append-in-chunks';
