// The storage port: what the registry and metering services need from a store. Every
// implementation (embedded SQLite, MongoDB) passes the same contract suite (src/contract/).
import type { Grant, Member, MeterEvent, RegistrySnapshot, ServiceDefinition, Subsystem, UsageQuery, UsageReport } from '@ndxp/contracts';

/** Result of a change: the registry revision after it, and whether anything changed. */
export interface ChangeResult {
  revision: number;
  changed: boolean;
}

/** Members, subsystems, services and grants. Every change bumps one monotonic revision. */
export interface RegistryStore {
  /** The whole registry at its current revision. */
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
  close(): Promise<void>;
}

/** What appending a batch of events did. */
export interface AppendResult {
  /** Events that were new. */
  inserted: number;
  /** Events whose request id was already in the ledger (redelivery or retry): not counted again. */
  duplicates: number;
}

/** The usage ledger: one row per request id, with counters kept in step in the same transaction. */
export interface LedgerStore {
  /** Appends events atomically; an event whose request id is already present is ignored. */
  append(events: MeterEvent[]): Promise<AppendResult>;
  getTransaction(requestId: string): Promise<MeterEvent | undefined>;
  /** Counts transactions grouped by the query's dimensions. */
  usage(query: UsageQuery): Promise<UsageReport>;
  /** Totals since the ledger was created: purging raw rows changes neither. */
  stats(): Promise<{ entries: number; duplicatesIgnored: number }>;
  /**
   * Retention: deletes raw rows received before cutoffMs (epoch ms) and returns how many. The
   * aggregates (usage, stats) are left alone; getTransaction of a purged row finds nothing.
   */
  purgeBefore(cutoffMs: number): Promise<number>;
  close(): Promise<void>;
}
