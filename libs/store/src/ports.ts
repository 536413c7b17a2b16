// The storage port: what the registry and metering services need from a store. Every
// implementation (embedded SQLite, MongoDB) passes the same contract suite (src/contract/).
import type {
  AccessToken,
  AuditEntry,
  AuditRecord,
  ConsumerLimits,
  Credential,
  Grant,
  Member,
  MeterEvent,
  RegistrySnapshot,
  ServiceDefinition,
  Subsystem,
  UsageQuery,
  UsageReport,
} from '@ndxp/contracts';
import type { ChainHint } from './chain-hasher';
import type { EncodedMeterEvent } from './meter-event-wire';

/** Result of a change: the registry revision after it, and whether anything changed. */
export interface ChangeResult {
  revision: number;
  changed: boolean;
}

/**
 * Members, subsystems, services, grants, limits, credentials and access tokens, and the audit trail
 * of access changes. Every change bumps one monotonic revision (an audit entry is not a change).
 */
export interface RegistryStore {
  /**
   * The whole registry at its current revision. revokedAccessTokens holds the tokens revoked before
   * they expire (expiresAtMs in the future, or 0); tokenKeys is left empty (the registry fills it).
   */
  snapshot(): Promise<RegistrySnapshot>;
  revision(): Promise<number>;
  /** Inserts or replaces a member and its subsystems. */
  upsertMember(member: Member, subsystems: Subsystem[]): Promise<ChangeResult>;
  /** Inserts or replaces a service definition (key: provider, service, version). */
  upsertService(service: ServiceDefinition): Promise<ChangeResult>;
  /** Adds a grant; changed is false when it already existed. */
  grant(grant: Omit<Grant, 'grantedAtMs'> & { grantedAtMs?: number }): Promise<ChangeResult>;
  /** Removes a grant; changed is false when there was none. */
  revoke(grant: Pick<Grant, 'consumer' | 'provider' | 'service'>): Promise<ChangeResult>;
  listGrants(filter: { consumer?: string; provider?: string }): Promise<Grant[]>;
  /**
   * Sets a consumer's limits (all zero removes them: unlimited); changed is false when they were
   * already so. An unknown consumer is MeshError client.not_found (field consumer).
   */
  setLimits(limits: ConsumerLimits): Promise<ChangeResult>;
  /** Limits of one consumer ('' or undefined: of every consumer that has some). */
  listLimits(consumer?: string): Promise<ConsumerLimits[]>;
  /**
   * Stores a new credential. An unknown consumer is client.not_found (field consumer); a key id
   * already stored is client.invalid_argument (field key_id).
   */
  addCredential(credential: Credential): Promise<ChangeResult>;
  /**
   * Marks one credential of a consumer revoked at revokedAtMs and returns it as stored; changed is
   * false (credential undefined when unknown) when it was revoked already or does not exist.
   */
  revokeCredential(consumer: string, keyId: string, revokedAtMs: number): Promise<ChangeResult & { credential?: Credential }>;
  /** Credentials of one consumer ('' or undefined: all), revoked ones included, oldest first. */
  listCredentials(consumer?: string): Promise<Credential[]>;
  /**
   * Stores the record of a new access token (never the token itself). A key id that is empty or
   * already stored is client.invalid_argument (field key_id).
   */
  addAccessToken(token: AccessToken): Promise<ChangeResult>;
  /**
   * Marks revoked at revokedAtMs (0: now) one token of the identity (keyId set) or every one not yet
   * revoked (keyId ''), and returns them as stored; unknown or already revoked: changed false, revoked [].
   */
  revokeAccessTokens(identity: string, keyId: string, revokedAtMs: number): Promise<ChangeResult & { revoked: AccessToken[] }>;
  /** Access tokens of one identity ('' or undefined: all), revoked ones included, oldest first (issuedAtMs, keyId). */
  listAccessTokens(identity?: string): Promise<AccessToken[]>;
  getAccessToken(keyId: string): Promise<AccessToken | undefined>;
  /**
   * Appends an entry to the audit trail at the next seq (1, 2, ...), hash-chained like the ledger
   * (see README); leaves the revision alone. An id empty or already there is client.invalid_argument (field id).
   */
  appendAudit(entry: AuditEntry): Promise<AuditRecord>;
  /** At most limit records from fromSeq (0 or 1: the start) in seq order, and the trail's last seq. */
  listAudit(fromSeq: number, limit: number): Promise<{ records: AuditRecord[]; tailSeq: number }>;
  /** Walks the whole audit trail; a problem names the record as the ledger's verifyChain does (badRequestId: the entry's id). */
  verifyAudit(): Promise<ChainVerification>;
  close(): Promise<void>;
}

/** What appending a batch of events did. */
export interface AppendResult {
  /** Events that were new. */
  inserted: number;
  /** Events whose request id was already in the ledger (redelivery or retry) and that changed nothing. */
  duplicates: number;
  /**
   * Events whose request id was already in the ledger and that changed its outcome
   * (ledger-outcome.ts: a retry that succeeded): appended as outcome updates, the transaction still
   * counted once, under its new outcome and code. Absent when 0.
   */
  updated?: number;
}

/** The usage ledger: one row per request id, with counters kept in step in the same transaction. */
/** What opening did to an existing ledger of an older schema. */
export interface LedgerUpgrade {
  fromSchema: number;
  toSchema: number;
  /** Schema 5: the transactions whose counts moved from their UTC day to their Vietnam day. */
  vietnamDays?: { moved: number };
  elapsedMs: number;
}

export interface LedgerStore {
  /**
   * Appends events atomically; an event whose request id is already present is ignored unless it
   * changes the transaction's outcome (ledger-outcome.ts), which is then appended as an update.
   */
  append(events: MeterEvent[]): Promise<AppendResult>;
  /**
   * append for events still in their protobuf bytes (metering's ingest path): the SQLite ledger
   * stores and hashes the bytes as they are, without decoding them into MeterEvent objects. A hint
   * (chain hashes computed ahead, see ChainHasher) is used when it starts from the current tail.
   */
  appendEncoded(events: EncodedMeterEvent[], hint?: ChainHint): Promise<AppendResult>;
  /** Whether appendEncoded uses chain hints (worth computing them ahead). */
  readonly acceptsChainHints: boolean;
  /** What opening did to a ledger of an older schema (undefined: it was current or new). */
  readonly upgrade?: LedgerUpgrade | undefined;
  /** The last record's seq and hash (seq 0 and 32 zero bytes on an empty chain). */
  chainTail(): Promise<{ seq: number; hash: Buffer }>;
  /** The transaction with its final outcome (the latest outcome update, else the first event). */
  getTransaction(requestId: string): Promise<MeterEvent | undefined>;
  /** How many outcome updates the transaction had (0: its first event is its outcome). */
  outcomeUpdates?(requestId: string): Promise<number>;
  /**
   * Which of the request ids the ledger holds, each with its final outcome and code (as
   * getTransaction would answer it); an id not in the map is not in the ledger (never ledgered, or
   * purged by retention). For reconciliation against the meter stream, a batch of ids per call.
   */
  finalOutcomes(requestIds: readonly string[]): Promise<Map<string, LedgeredOutcome>>;
  /** Counts transactions grouped by the query's dimensions. */
  usage(query: UsageQuery): Promise<UsageReport>;
  /** Totals since the ledger was created: purging raw rows changes neither. */
  stats(): Promise<{ entries: number; duplicatesIgnored: number }>;
  /**
   * Retention: deletes raw rows received before cutoffMs (epoch ms) and returns how many. The
   * aggregates (usage, stats) are left alone; getTransaction of a purged row finds nothing.
   */
  purgeBefore(cutoffMs: number): Promise<number>;
  /** Transactions, outcomes and latency of a period, grouped (reports come from here, not raw rows). */
  rollup(query: LedgerRollupQuery): Promise<LedgerRollupRow[]>;
  /** The first UTC day each consumer had an ok answer from each provider (compliance). */
  firstOkDays(): Promise<FirstOkDay[]>;
  /** Walks the hash chain from fromSeq (default: the start or the retention checkpoint). */
  verifyChain(fromSeq?: number, onProgress?: ChainWalkProgress): Promise<ChainVerification>;
  close(): Promise<void>;
}

/** A ledgered transaction's final outcome (ledger-outcome.ts): what reconciliation compares. */
export interface LedgeredOutcome {
  /** Outcome as the stored event carries it (Outcome enum number). */
  outcome: number;
  code: string;
}

/** How a rollup groups: the whole period, per month (YYYY-MM), per day, per consumer, provider or service. */
export type LedgerRollupGroup = 'total' | 'month' | 'day' | 'consumer' | 'provider' | 'service';

/** Called now and then during a long chain walk: the seq reached and the tail the walk goes to. */
export type ChainWalkProgress = (seq: number, tailSeq: number) => void;

/** A rollup's inclusive UTC day range (YYYY-MM-DD; '' = unbounded) and grouping. */
export interface LedgerRollupQuery {
  fromDay: string;
  toDay: string;
  group: LedgerRollupGroup;
}

/** One group of a rollup, in key order. latency: [bucket upper bound µs (Infinity last), count], non-empty buckets only. */
export interface LedgerRollupRow {
  key: string;
  count: number;
  ok: number;
  clientErrors: number;
  serverErrors: number;
  latency: [number, number][];
}

/** A consumer's first ok answer from a provider. */
export interface FirstOkDay {
  consumer: string;
  provider: string;
  day: string;
}

/** Outcome of walking a hash chain (the ledger's or the audit trail's): ok with the count, or the first bad record. */
export interface ChainVerification {
  ok: boolean;
  checked: number;
  tailSeq: number;
  /** Hex SHA-256 of the last record, as the ledger records it. */
  tailHash: string;
  problem?: 'changed' | 'inserted' | 'deleted';
  badSeq?: number;
  badRequestId?: string;
  detail?: string;
}
