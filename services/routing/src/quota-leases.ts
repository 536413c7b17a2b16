// Daily quotas that hold across every routing replica, whatever their number. The quota's count
// lives in the JetStream key-value bucket ndxp_limits, one key per consumer and Vietnam day holding
// how many requests all replicas together have been granted. A replica leases a block of them with
// a conditional write (the key's revision), serves from the block without a round trip, and leases
// the next one ahead of need when half is spent. Blocks shrink as the quota runs out (a quarter of
// what is left per replica, at most LEASE_BLOCK_MAX), so near the end each request is leased on its
// own and the quota is never exceeded. A replica that stops gives back what it holds; one that is
// killed loses it (the consumer gets fewer than N: the bound the routing README states).
import { jetstream, StorageType } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import { LIMITS_BUCKET } from '@ndxp/contracts';
import { whilePlacing } from '@ndxp/runtime';
import { isWrongRevision } from './kv-revision';

/** Most requests one lease takes. */
export const LEASE_BLOCK_MAX = 64;
/** How long the bucket keeps a day's count: two days, so a day's key outlives the day. */
const BUCKET_MAX_AGE_MS = 2 * 86_400_000;
/** Conditional writes lost to other replicas before a lease gives up (and counts as unreachable). */
const MAX_RACES = 20;
/** A consumer found exhausted is looked at again after this long (a stopped replica may give tokens back), ms. */
const EXHAUSTED_RECHECK_MS = 1_000;

/** What taking one request of a quota gave. */
export type QuotaTake = 'ok' | 'exhausted' | 'unreachable';

interface Lease {
  /** Requests in hand. */
  tokens: number;
  /** The size of the last block (the next is fetched when half of it is left). */
  block: number;
  /** Requests waiting for a block now (a burst larger than a block is leased for at once). */
  waiting: number;
  /** Requests taken since the last lease, and when it was (performance.now()): the rate of use. */
  takenSinceLease: number;
  leasedAt: number;
  /** A lease under way. */
  pending: Promise<void> | undefined;
  /** When the shared count said nothing is left (performance.now()). */
  exhaustedAt: number | undefined;
  /** The last lease failed: the bucket could not be reached. */
  unreachable: boolean;
}

/** Counters for STATS and metrics. */
export interface QuotaStats {
  leases: number;
  /** Leases that failed: the bucket unreachable, slow or contended past MAX_RACES. */
  storeFailures: number;
}

/** The quota leases of one routing replica. */
export class QuotaLeases {
  readonly stats: QuotaStats = { leases: 0, storeFailures: 0 };
  private readonly leases = new Map<string, Lease>();

  private constructor(
    private readonly kv: KV,
    /** How many routing replicas are alive (this one included), for the block size. */
    private readonly replicas: () => number,
    private readonly onError: (op: string, err: Error) => void,
  ) {}

  /** Opens the bucket, creating it when missing. */
  static async open(
    nc: NatsConnection,
    options: { timeoutMs: number; replicas: number; liveReplicas: () => number },
    onError: (op: string, err: Error) => void,
  ): Promise<QuotaLeases> {
    await whilePlacing(() =>
      new Kvm(nc).create(LIMITS_BUCKET, { history: 1, ttl: BUCKET_MAX_AGE_MS, storage: StorageType.File, replicas: options.replicas }),
    );
    const kv = await new Kvm(jetstream(nc, { timeout: options.timeoutMs })).open(LIMITS_BUCKET);
    return new QuotaLeases(kv, options.liveReplicas, onError);
  }

  /**
   * Takes one request of `consumer`'s quota for `day`: at once from the block in hand, else after a
   * lease. 'unreachable' when the bucket could not be asked (the caller's policy decides).
   */
  take(consumer: string, day: number, quota: number): QuotaTake | Promise<QuotaTake> {
    const key = `${consumer}.${day}`;
    let lease = this.leases.get(key);
    if (!lease) {
      lease = {
        tokens: 0,
        block: 0,
        waiting: 0,
        takenSinceLease: 0,
        leasedAt: performance.now(),
        pending: undefined,
        exhaustedAt: undefined,
        unreachable: false,
      };
      this.leases.set(key, lease);
      this.forgetOtherDays(day);
    }
    if (lease.tokens > 0) {
      lease.tokens--;
      lease.takenSinceLease++;
      // Ahead of need: the next block comes while this one's second half is served.
      if (lease.tokens <= lease.block / 2 && !lease.pending && lease.exhaustedAt === undefined) void this.startLease(key, lease, quota);
      return 'ok';
    }
    return this.takeAfterLease(key, lease, quota);
  }

  private async takeAfterLease(key: string, lease: Lease, quota: number): Promise<QuotaTake> {
    lease.waiting++;
    try {
      // Each round leases a block or learns the quota is spent or the store unreachable: it ends.
      for (;;) {
        if (lease.exhaustedAt !== undefined && performance.now() - lease.exhaustedAt < EXHAUSTED_RECHECK_MS) return 'exhausted';
        await (lease.pending ?? this.startLease(key, lease, quota));
        if (lease.tokens > 0) {
          lease.tokens--;
          lease.takenSinceLease++;
          return 'ok';
        }
        if (lease.unreachable) return 'unreachable';
        if (lease.exhaustedAt !== undefined) return 'exhausted';
        // Waiters before this one took the block: lease again.
      }
    } finally {
      lease.waiting--;
    }
  }

  private startLease(key: string, lease: Lease, quota: number): Promise<void> {
    const p = this.lease(key, lease, quota).finally(() => {
      if (lease.pending === p) lease.pending = undefined;
    });
    lease.pending = p;
    return p;
  }

  /** Leases the next block with a conditional write on the day's count. */
  private async lease(key: string, lease: Lease, quota: number): Promise<void> {
    try {
      for (let race = 0; race < MAX_RACES; race++) {
        const entry = await this.kv.get(key);
        const granted = entry?.operation === 'PUT' ? Number(entry.string()) || 0 : 0;
        const left = quota - granted;
        if (left <= 0) {
          lease.exhaustedAt = performance.now();
          lease.unreachable = false;
          return;
        }
        // A quarter of what is left per replica, at most LEASE_BLOCK_MAX or a second of this
        // replica's use of the quota, whichever is larger (a busy consumer leases about twice a
        // second, whatever its rate), or as many as are waiting when a burst is larger.
        const share = Math.floor(left / (4 * Math.max(1, this.replicas())));
        const elapsed = Math.max(1, performance.now() - lease.leasedAt);
        const perSecond = Math.ceil((lease.takenSinceLease * 1000) / elapsed);
        const block = Math.max(1, Math.min(share, Math.max(LEASE_BLOCK_MAX, lease.waiting, perSecond)));
        try {
          await this.kv.put(key, String(granted + block), { previousSeq: entry?.revision ?? 0 });
        } catch (err) {
          if (isWrongRevision(err)) continue;
          throw err;
        }
        this.stats.leases++;
        lease.tokens += block;
        lease.block = block;
        lease.takenSinceLease = 0;
        lease.leasedAt = performance.now();
        lease.exhaustedAt = undefined;
        lease.unreachable = false;
        return;
      }
      throw new Error(`quota count ${key} contended past ${MAX_RACES} writes`);
    } catch (err) {
      this.stats.storeFailures++;
      lease.unreachable = true;
      this.onError('lease', err as Error);
    }
  }

  /** Gives back what this replica holds (on stop, or when a consumer's limits change). */
  async giveBack(consumer?: string): Promise<void> {
    const returns: Array<Promise<void>> = [];
    for (const [key, lease] of this.leases) {
      if (consumer !== undefined && !key.startsWith(`${consumer}.`)) continue;
      const tokens = lease.tokens;
      lease.tokens = 0;
      lease.exhaustedAt = undefined;
      if (tokens > 0) returns.push(this.unlease(key, tokens));
    }
    await Promise.all(returns);
  }

  private async unlease(key: string, tokens: number): Promise<void> {
    try {
      for (let race = 0; race < MAX_RACES; race++) {
        const entry = await this.kv.get(key);
        if (entry?.operation !== 'PUT') return;
        const granted = Number(entry.string()) || 0;
        try {
          await this.kv.put(key, String(Math.max(0, granted - tokens)), { previousSeq: entry.revision });
          return;
        } catch (err) {
          if (!isWrongRevision(err)) throw err;
        }
      }
    } catch (err) {
      this.stats.storeFailures++;
      this.onError('give back', err as Error);
    }
  }

  private forgetOtherDays(day: number): void {
    const suffix = `.${day}`;
    for (const key of this.leases.keys()) if (!key.endsWith(suffix)) this.leases.delete(key);
  }
}
