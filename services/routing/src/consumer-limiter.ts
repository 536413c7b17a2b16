// Per-consumer rate limit (token bucket) and daily quota, enforced inside one routing instance.
// The limits come from the registry copy; a consumer without limits costs one Map lookup.
import { MeshError } from '@ndxp/contracts';
import type { ConsumerLimits } from './registry-view';
import { TokenBucket } from './token-bucket';

/** Vietnam's offset from UTC (Asia/Ho_Chi_Minh has no daylight saving time). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar day (Asia/Ho_Chi_Minh) of an epoch-ms time, as a day number. */
export function vietnamDay(nowMs: number): number {
  return Math.floor((nowMs + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** Where the limiter reads each consumer's limits (the registry copy). */
export interface LimitsSource {
  limitsOf(consumer: string): ConsumerLimits | undefined;
}

interface ConsumerState {
  /** The registry's limits this state was built from; a different object means they changed. */
  source: ConsumerLimits;
  bucket: TokenBucket | undefined;
  rate: number;
  burst: number;
  quota: number;
  day: number;
  used: number;
}

/**
 * Admits or refuses requests by consumer. With `replicas` n > 1 each instance enforces rate/n,
 * burst/n and quota/n (at least 1), so n replicas sharing the load evenly enforce about the whole.
 */
export class ConsumerLimiter {
  private readonly states = new Map<string, ConsumerState>();

  constructor(
    private readonly source: LimitsSource,
    private readonly replicas = 1,
  ) {}

  /** Undefined when the request may go on (and is counted), else client.rate_limited naming the limit. */
  admit(consumer: string, now: number): MeshError | undefined {
    const limits = this.source.limitsOf(consumer);
    if (limits === undefined) return undefined;
    let state = this.states.get(consumer);
    if (state?.source !== limits) {
      state = this.configure(limits, state, now);
      this.states.set(consumer, state);
    }
    if (state.quota > 0) {
      const day = vietnamDay(now);
      if (day !== state.day) {
        state.day = day;
        state.used = 0;
      }
      if (state.used >= state.quota)
        return new MeshError('client.rate_limited', `daily quota of ${state.quota} exhausted for ${consumer}${this.perInstance()}`);
    }
    if (state.bucket && !state.bucket.take(now))
      return new MeshError(
        'client.rate_limited',
        `rate limit of ${state.rate}/s (burst ${state.burst}) exceeded for ${consumer}${this.perInstance()}`,
      );
    state.used++;
    return undefined;
  }

  private configure(limits: ConsumerLimits, previous: ConsumerState | undefined, now: number): ConsumerState {
    const n = this.replicas;
    const rate = limits.ratePerSecond > 0 ? limits.ratePerSecond / n : 0;
    const burst = rate > 0 ? Math.max(1, Math.floor((limits.burst > 0 ? limits.burst : limits.ratePerSecond) / n)) : 0;
    const quota = limits.dailyQuota > 0 ? Math.max(1, Math.floor(limits.dailyQuota / n)) : 0;
    let bucket: TokenBucket | undefined;
    if (rate > 0) bucket = previous?.bucket ? previous.bucket.resized(rate, burst, now) : new TokenBucket(rate, burst, now);
    // The day's count survives a change of limits: lowering a quota mid-day applies to what was already used.
    const day = previous?.day ?? vietnamDay(now);
    return { source: limits, bucket, rate, burst, quota, day, used: previous?.used ?? 0 };
  }

  private perInstance(): string {
    return this.replicas > 1 ? ` (this routing instance's share, 1/${this.replicas})` : '';
  }
}
