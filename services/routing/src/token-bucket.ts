// A token bucket: `ratePerSecond` tokens a second, at most `burst` held, one spent per request.

/** One consumer's rate limit state; time is passed in (ms) so that the bucket is pure. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Spends one token if there is one (after refilling up to now); false when the bucket is empty. */
  take(now: number): boolean {
    this.refill(now);
    // Refills add fractions (0.1 ten times is 0.9999999999999999): a hair below 1 counts as a token.
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the bucket holds a whole token again (0 when it holds one now). */
  waitMs(now: number): number {
    this.refill(now);
    const missing = 1 - 1e-9 - this.tokens;
    return missing <= 0 ? 0 : Math.ceil((missing * 1000) / this.ratePerSecond);
  }

  /** A bucket with new settings that keeps what this one holds (capped at the new burst). */
  resized(ratePerSecond: number, burst: number, now: number): TokenBucket {
    this.refill(now);
    const next = new TokenBucket(ratePerSecond, burst, now);
    next.tokens = Math.min(this.tokens, burst);
    return next;
  }

  private refill(now: number): void {
    const elapsed = now - this.last;
    if (elapsed <= 0) return;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    this.last = now;
  }
}
