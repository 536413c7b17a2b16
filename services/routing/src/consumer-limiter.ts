// Per-consumer rate limit (token bucket) and daily quota, held across every routing replica. The
// limits come from the registry copy; a consumer without limits costs one Map lookup.
import { MeshError, vietnamDayNumber, vietnamDayStartMs } from '@ndxp/contracts';
import type { ConsumerLimits } from '@ndxp/contracts';
import type { QuotaLeases, QuotaTake } from './quota-leases';
import { TokenBucket } from './token-bucket';

/** Where the limiter reads each consumer's limits (the registry copy). */
export interface LimitsSource {
  limitsOf(consumer: string): ConsumerLimits | undefined;
}

interface ConsumerState {
  /** The registry's limits this state was built from; a different object means they changed. */
  source: ConsumerLimits;
  bucket: TokenBucket | undefined;
  /** Replicas the bucket's share was made for. */
  replicas: number;
  rate: number;
  burst: number;
  quota: number;
  /** Local count (no shared quota store): day and requests admitted. */
  day: number;
  used: number;
}

/** Admitted, having taken one request of the shared daily quota. */
export const QUOTA_TAKEN = 'quota-taken';

/** What admission gave: a refusal, QUOTA_TAKEN, or undefined (admitted, no shared quota taken). */
export type Admission = MeshError | typeof QUOTA_TAKEN | undefined;

/** What a quota check does when the shared count cannot be reached. */
export type QuotaUnreachable = 'closed' | 'open';

/** How the limiter shares limits with the other routing replicas. */
export interface LimiterOptions {
  /** Routing replicas alive now, this one included: each enforces rate/n and burst/n (at least 1). */
  replicas?: () => number;
  /** The daily counts all replicas share (JetStream key-value); without it quotas count in this process only. */
  quotas?: QuotaLeases;
  /** closed (default): refuse with server.unavailable; open: admit. */
  quotaUnreachable?: QuotaUnreachable;
}

/**
 * Admits or refuses requests by consumer. The rate limit is shared by the replicas alive (each a
 * token bucket of rate/n, n learned from their announcements, so the queue group's even spread
 * gives about the whole rate whatever n is); the daily quota is counted once for all of them, in
 * leased blocks (QuotaLeases). Admission is synchronous unless a quota block must be leased.
 */
export class ConsumerLimiter {
  private readonly states = new Map<string, ConsumerState>();
  private readonly replicas: () => number;

  constructor(
    private readonly source: LimitsSource,
    private readonly options: LimiterOptions = {},
  ) {
    this.replicas = options.replicas ?? (() => 1);
  }

  /**
   * The refusal naming the limit, or else the request may go on: QUOTA_TAKEN when it took one of
   * the shared daily quota (its meter event says so), undefined when it took none of it.
   */
  admit(consumer: string, now: number): Admission | Promise<Admission> {
    const limits = this.source.limitsOf(consumer);
    if (limits === undefined) return undefined;
    let state = this.states.get(consumer);
    const n = Math.max(1, this.replicas());
    if (state?.source !== limits || state.replicas !== n) {
      const changed = state !== undefined && state.source !== limits;
      state = this.configure(limits, state, n, now);
      this.states.set(consumer, state);
      // Changed limits: what this replica holds of the old quota goes back, and the next block is leased anew.
      if (changed) void this.options.quotas?.giveBack(consumer);
    }
    if (state.bucket && !state.bucket.take(now))
      return new MeshError('client.rate_limited', `rate limit of ${state.rate}/s (burst ${state.burst}) exceeded for ${consumer}`, {
        retryAfterMs: state.bucket.waitMs(now),
      });
    if (state.quota <= 0) return undefined;
    const day = vietnamDayNumber(now);
    const quotas = this.options.quotas;
    if (!quotas) {
      if (day !== state.day) {
        state.day = day;
        state.used = 0;
      }
      if (state.used >= state.quota) return exhausted(state.quota, consumer, now);
      state.used++;
      return undefined;
    }
    const taken = quotas.take(consumer, day, state.quota);
    const quota = state.quota;
    return typeof taken === 'string'
      ? this.quotaAnswer(taken, quota, consumer, now)
      : taken.then((t) => this.quotaAnswer(t, quota, consumer, now));
  }

  private quotaAnswer(taken: QuotaTake, quota: number, consumer: string, now: number): Admission {
    if (taken === 'ok') return QUOTA_TAKEN;
    if (taken === 'exhausted') return exhausted(quota, consumer, now);
    if (this.options.quotaUnreachable === 'open') return undefined;
    return new MeshError(
      'server.unavailable',
      `the daily quota of ${consumer} could not be checked: the shared limits store is unreachable`,
    );
  }

  private configure(limits: ConsumerLimits, previous: ConsumerState | undefined, n: number, now: number): ConsumerState {
    const rate = limits.ratePerSecond > 0 ? limits.ratePerSecond : 0;
    const burst = rate > 0 ? (limits.burst > 0 ? limits.burst : limits.ratePerSecond) : 0;
    let bucket: TokenBucket | undefined;
    if (rate > 0) {
      const share = rate / n;
      const burstShare = Math.max(1, Math.floor(burst / n));
      bucket = previous?.bucket ? previous.bucket.resized(share, burstShare, now) : new TokenBucket(share, burstShare, now);
    }
    // The day's count survives a change of limits: lowering a quota mid-day applies to what was already used.
    const day = previous?.day ?? vietnamDayNumber(now);
    return {
      source: limits,
      bucket,
      replicas: n,
      rate,
      burst,
      quota: limits.dailyQuota > 0 ? limits.dailyQuota : 0,
      day,
      used: previous?.used ?? 0,
    };
  }
}

/** The quota is spent until the next Vietnam day begins (00:00 in Hà Nội): that is the retry delay. */
function exhausted(quota: number, consumer: string, now: number): MeshError {
  return new MeshError('client.rate_limited', `daily quota of ${quota} exhausted for ${consumer}`, {
    retryAfterMs: vietnamDayStartMs(vietnamDayNumber(now) + 1) - now,
  });
}
