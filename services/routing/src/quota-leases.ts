// Daily quotas that hold across every routing replica, whatever their number. The quota's count
// lives in the JetStream key-value bucket ndxp_limits, one key per consumer and Vietnam day holding
// how many requests all replicas together have been granted. A replica leases a block of them with
// a conditional write (the key's revision), serves from the block without a round trip, and leases
// the next one ahead of need when half is spent. Blocks shrink as the quota runs out (a quarter of
// what is left per replica, at most LEASE_BLOCK_MAX), so near the end each request is leased on its
// own and the quota is never exceeded.
//
// Each replica also keeps a record of what it holds (held.<run>.<consumer>.<day>: granted to it
// less what it gave back). One that stops gives back what is left in hand. One that is killed is
// reclaimed by the others once it has gone silent (RoutingPeers): they count the tokens it spent
// from its meter events (quota_taken, published before each answer) and give back the rest, so the
// consumer still gets exactly N. Whoever deletes a held record (conditionally, on its revision) is
// the one that gives its tokens back: the replica itself on stop, or one reclaimer. A replica taken
// for gone that was only frozen or cut off rewrites its record before it serves from its block
// again, and drops the block if it was reclaimed meanwhile.
import { jetstream, jetstreamManager, StorageType, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import { LIMITS_BUCKET } from '@ndxp/contracts';
import { whilePlacing, type Logger } from '@ndxp/runtime';
import { isWrongRevision } from './kv-revision';
import { heldKeyOf, MAX_RACES, reclaimGone, subtractFromCount } from './quota-reclaim';
import { PEER_EXPIRY_MS } from './routing-peers';

/** Most requests one lease takes. */
export const LEASE_BLOCK_MAX = 64;
/** How long the bucket keeps a day's count: two days, so a day's key outlives the day. */
const BUCKET_MAX_AGE_MS = 2 * 86_400_000;
/** A consumer found exhausted is looked at again after this long (a stopped replica may give tokens back), ms. */
const EXHAUSTED_RECHECK_MS = 1_000;
/** A replica gone silent is reclaimed this long after the others notice, ms. */
const RECLAIM_DELAY_MS = 500;
/** A reclaim that failed (the store unreachable) is tried again after this long, ms, this many times in all. */
const RECLAIM_RETRY_MS = 1_000;
const RECLAIM_ATTEMPTS = 20;
/** Every so often a replica looks for held records of replicas gone unnoticed (all of them restarted), ms. */
const RECLAIM_SCAN_MS = 30_000;
/** This replica's own timer came this late: it was frozen or blocked, and may have been taken for gone, ms. */
const SUSPECT_GAP_MS = 1_500;
/** Period of that timer, ms. */
const TICK_MS = 250;
/** After this long a new replica knows the live ones, and scans for held records of gone ones, ms. */
const PEER_SETTLE_MS = PEER_EXPIRY_MS + 1_000;

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
  /** Granted to this replica for the day less what it gave back, as its held record says. */
  held: number;
  /** Revision of the held record (0: not written yet). */
  heldRevision: number;
}

/** How this replica knows which others are alive (RoutingPeers). */
export interface PeerView {
  /** Run ids heard from lately. */
  aliveRuns(): ReadonlySet<string>;
  /** Listened long enough that a run not heard from is gone. */
  readonly settled: boolean;
  onLeft(listener: (run: string) => void): void;
}

/** Counters for STATS and metrics. */
export interface QuotaStats {
  leases: number;
  /** Leases that failed: the bucket unreachable, slow or contended past MAX_RACES. */
  storeFailures: number;
  /** Tokens given back from replicas that died holding them. */
  reclaimed: number;
  /** Held records of dead replicas this one reclaimed (each a consumer's day). */
  reclaimedRecords: number;
  /** Times this replica rewrote its held records after a freeze or a reconnect. */
  revalidations: number;
}

/** The quota leases of one routing replica. */
export class QuotaLeases {
  readonly stats: QuotaStats = { leases: 0, storeFailures: 0, reclaimed: 0, reclaimedRecords: 0, revalidations: 0 };
  private readonly leases = new Map<string, Lease>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private lastTick = performance.now();
  /** Frozen, blocked or disconnected since the held records were last rewritten. */
  private suspect = false;
  private revalidating: Promise<void> | undefined;
  private reclaiming: Promise<void> = Promise.resolve();
  private stopped = false;

  private constructor(
    private readonly kv: KV,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    /** This process's run id: the token of its meter batches' subject and of its held records. */
    private readonly run: string,
    /** How many routing replicas are alive (this one included), for the block size. */
    private readonly replicas: () => number,
    private readonly peers: PeerView | undefined,
    private readonly onError: (op: string, err: Error) => void,
    private readonly logger: Logger | undefined,
  ) {}

  /** Opens the bucket, creating it when missing, and starts reclaiming what gone replicas held. */
  static async open(
    nc: NatsConnection,
    options: {
      timeoutMs: number;
      replicas: number;
      liveReplicas: () => number;
      run: string;
      peers?: PeerView;
      logger?: Logger;
      /** Reclaim on its own when a peer leaves, and scan for gone ones now and then (default true; tests call reclaim). */
      autoReclaim?: boolean;
    },
    onError: (op: string, err: Error) => void,
  ): Promise<QuotaLeases> {
    await whilePlacing(() =>
      new Kvm(nc).create(LIMITS_BUCKET, { history: 1, ttl: BUCKET_MAX_AGE_MS, storage: StorageType.File, replicas: options.replicas }),
    );
    const js = jetstream(nc, { timeout: options.timeoutMs });
    const kv = await new Kvm(js).open(LIMITS_BUCKET);
    const jsm = await jetstreamManager(nc, { timeout: options.timeoutMs });
    const leases = new QuotaLeases(kv, js, jsm, options.run, options.liveReplicas, options.peers, onError, options.logger);
    leases.watch(nc, options.autoReclaim ?? true);
    return leases;
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
        held: 0,
        heldRevision: 0,
      };
      this.leases.set(key, lease);
      this.forgetOtherDays(day);
    }
    // Read right after a freeze, before this process's own timer had a turn: it may have been taken for gone.
    if (performance.now() - this.lastTick > SUSPECT_GAP_MS) this.suspect = true;
    if (this.suspect) return this.revalidate().then(() => this.take(consumer, day, quota));
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

  /** Leases the next block with a conditional write on the day's count, then records it as held. */
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
        // The count first, the record second: killed between the two, the block is lost (fewer
        // than N), never given back twice (more than N).
        await this.recordHeld(key, lease, block).catch((err: Error) => {
          this.stats.storeFailures++;
          this.onError('record lease', err);
        });
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

  /**
   * Writes the held record with `change` more tokens (fewer when negative). When another replica
   * reclaimed it meanwhile (this one was taken for gone), what is in hand from before is not this
   * replica's any more: it is dropped, and the record starts again from the change.
   */
  private async recordHeld(key: string, lease: Lease, change: number): Promise<void> {
    const heldKey = this.heldKey(key);
    try {
      lease.heldRevision = await this.kv.put(heldKey, String(lease.held + change), { previousSeq: lease.heldRevision });
      lease.held += change;
    } catch (err) {
      if (!isWrongRevision(err)) throw err;
      lease.tokens = 0;
      lease.held = 0;
      const entry = await this.kv.get(heldKey);
      if (change > 0) {
        lease.heldRevision = await this.kv.put(heldKey, String(change), { previousSeq: entry?.revision ?? 0 });
        lease.held = change;
      } else lease.heldRevision = entry?.revision ?? 0;
      this.logger?.warn({ key }, 'this replica was taken for gone and what it held of a quota was reclaimed; it holds none of it now');
    }
  }

  /** Makes the next take rewrite the held records first (after a reconnect: this replica may have been taken for gone). */
  distrust(): void {
    this.suspect = true;
  }

  /** After a freeze or a reconnect: rewrites each held record, learning which blocks were reclaimed meanwhile. */
  private revalidate(): Promise<void> {
    this.revalidating ??= (async () => {
      this.suspect = false;
      this.stats.revalidations++;
      // The gap is accounted for: the tick's lateness must not start another round at once.
      this.lastTick = performance.now();
      for (const [key, lease] of this.leases) {
        // Tokens without a record of them (its write failed): whether it landed is unknown.
        if (lease.heldRevision === 0) {
          lease.tokens = 0;
          continue;
        }
        await this.recordHeld(key, lease, 0).catch((err: Error) => {
          // Unknown whether it was reclaimed: what is in hand is dropped (fewer than N, never more).
          lease.tokens = 0;
          this.stats.storeFailures++;
          this.onError('revalidate', err);
        });
      }
    })().finally(() => {
      this.revalidating = undefined;
    });
    return this.revalidating;
  }

  /** Gives back what this replica holds (on stop, or when a consumer's limits change). */
  async giveBack(consumer?: string): Promise<void> {
    const returns: Array<Promise<void>> = [];
    for (const [key, lease] of this.leases) {
      if (consumer !== undefined && !key.startsWith(`${consumer}.`)) continue;
      const tokens = lease.tokens;
      lease.tokens = 0;
      lease.exhaustedAt = undefined;
      if (tokens > 0 || (consumer === undefined && lease.heldRevision > 0))
        returns.push(this.release(key, lease, tokens, consumer === undefined));
    }
    await Promise.all(returns);
  }

  /** Stops the timers and gives back what this replica holds, deleting its held records. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.giveBack();
    await this.reclaiming;
  }

  /** Gives `tokens` back: the held record first (unless a reclaimer has it), then the count. */
  private async release(key: string, lease: Lease, tokens: number, final: boolean): Promise<void> {
    try {
      if (lease.heldRevision > 0) {
        try {
          if (final) {
            await this.kv.delete(this.heldKey(key), { previousSeq: lease.heldRevision });
            lease.heldRevision = 0;
            lease.held = 0;
          } else {
            lease.heldRevision = await this.kv.put(this.heldKey(key), String(lease.held - tokens), { previousSeq: lease.heldRevision });
            lease.held -= tokens;
          }
        } catch (err) {
          // Reclaimed meanwhile: the reclaimer gave these back already.
          if (isWrongRevision(err)) return;
          throw err;
        }
      }
      if (tokens > 0) await subtractFromCount(this.kv, key, tokens);
    } catch (err) {
      this.stats.storeFailures++;
      this.onError('give back', err as Error);
    }
  }

  private watch(nc: NatsConnection, autoReclaim: boolean): void {
    const tick = setInterval(() => {
      const now = performance.now();
      if (now - this.lastTick > SUSPECT_GAP_MS) this.suspect = true;
      this.lastTick = now;
    }, TICK_MS);
    this.timers.add(tick.unref());
    void (async () => {
      for await (const s of nc.status()) if (s.type === 'reconnect') this.distrust();
    })().catch(() => undefined);
    const peers = this.peers;
    if (!peers || !autoReclaim) return;
    peers.onLeft((run) => this.later(() => this.reclaimSoon(run), RECLAIM_DELAY_MS));
    // Replicas that died before this one started (say, every replica restarted) are found by a scan.
    this.later(() => this.reclaimSoon(), PEER_SETTLE_MS);
    this.timers.add(setInterval(() => this.reclaimSoon(), RECLAIM_SCAN_MS).unref());
  }

  /** Runs `fn` in `ms` unless stopped first. */
  private later(fn: () => void, ms: number): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms).unref();
    this.timers.add(t);
  }

  /** Queues a reclaim of `run` (or of every gone run) behind the one under way; one that fails is tried again. */
  private reclaimSoon(run?: string, attempt = 1): void {
    if (this.stopped) return;
    this.reclaiming = this.reclaiming.then(async () => {
      await this.reclaim(run).catch((err: Error) => {
        this.stats.storeFailures++;
        this.onError('reclaim', err);
        // A leader change or a blip: the block is worth a few more tries before the next scan.
        if (attempt < RECLAIM_ATTEMPTS) this.later(() => this.reclaimSoon(run, attempt + 1), RECLAIM_RETRY_MS);
      });
    });
  }

  /**
   * Gives back what gone replicas held: for each held record of a run not heard from (all of them,
   * or `only`'s), the tokens it was granted less those its meter events say it spent. Resolves with
   * how many were given back.
   */
  async reclaim(only?: string): Promise<number> {
    const peers = this.peers;
    if (!peers?.settled) return 0;
    const { given, records } = await reclaimGone({
      kv: this.kv,
      jsm: this.jsm,
      js: this.js,
      self: this.run,
      alive: peers.aliveRuns(),
      ...(only ? { only } : {}),
      ...(this.logger ? { logger: this.logger } : {}),
    });
    this.stats.reclaimed += given;
    this.stats.reclaimedRecords += records;
    return given;
  }

  private heldKey(key: string): string {
    return heldKeyOf(this.run, key);
  }

  private forgetOtherDays(day: number): void {
    const suffix = `.${day}`;
    for (const key of this.leases.keys()) if (!key.endsWith(suffix)) this.leases.delete(key);
  }
}
