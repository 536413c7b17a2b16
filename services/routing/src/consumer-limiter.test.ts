import type { MeshError } from '@ndxp/contracts';
import { vietnamDayNumber, vietnamDayStartMs } from '@ndxp/contracts';
import { ConsumerLimiter, type Admission } from './consumer-limiter';
import type { ConsumerLimits } from '@ndxp/contracts';

const C = 'TINH-01-LGSP';

/** Without a shared quota store the limiter answers at once. */
function sync(r: Admission | Promise<Admission>): MeshError | undefined {
  if (r instanceof Promise) throw new Error('admit went asynchronous without a shared quota store');
  if (typeof r === 'string') throw new Error('a local quota counted as the shared one');
  return r;
}

/** A limits source whose entries the test replaces, as registry changes do. */
function source(initial: ConsumerLimits[] = []): { limitsOf(c: string): ConsumerLimits | undefined; set(l: ConsumerLimits): void } {
  const m = new Map(initial.map((l) => [l.consumer, l]));
  return { limitsOf: (c) => m.get(c), set: (l) => void m.set(l.consumer, l) };
}

const limits = (l: Partial<ConsumerLimits>): ConsumerLimits => ({ consumer: C, ratePerSecond: 0, burst: 0, dailyQuota: 0, ...l });
// 2021-10-15 00:00 in Hà Nội is 2021-10-14 17:00 UTC.
const MIDNIGHT_HANOI = Date.UTC(2021, 9, 14, 17, 0, 0);

describe('ConsumerLimiter', () => {
  it('admits every request of a consumer without limits', () => {
    const limiter = new ConsumerLimiter(source());
    for (let i = 0; i < 10_000; i++) expect(sync(limiter.admit(C, 0))).toBeUndefined();
  });

  it('refuses above the rate with client.rate_limited naming the limit, burst defaulting to the rate', () => {
    const limiter = new ConsumerLimiter(source([limits({ ratePerSecond: 3 })]));
    const results = Array.from({ length: 5 }, () => sync(limiter.admit(C, 1_000)));
    expect(results.filter((r) => r === undefined).length).toBe(3);
    const refused = results[4]!;
    expect(refused.code).toBe('client.rate_limited');
    expect(refused.message).toBe(`rate limit of 3/s (burst 3) exceeded for ${C}`);
    // An empty bucket at 3/s holds a token again in a third of a second: the retry delay says so.
    expect(refused.retryAfterMs).toBe(334);
    expect(sync(limiter.admit(C, 1_000 + 333))?.code).toBe('client.rate_limited');
    expect(sync(limiter.admit(C, 1_000 + 334))).toBeUndefined();
  });

  it('gives a spent daily quota the time left until 00:00 in Hà Nội as its retry delay', () => {
    const limiter = new ConsumerLimiter(source([limits({ dailyQuota: 1 })]));
    expect(sync(limiter.admit(C, MIDNIGHT_HANOI - 90_000))).toBeUndefined();
    expect(sync(limiter.admit(C, MIDNIGHT_HANOI - 60_000))?.retryAfterMs).toBe(60_000);
  });

  it('refuses request N+1 of a calendar day with the daily quota named, and admits again the next day in Asia/Ho_Chi_Minh', () => {
    const limiter = new ConsumerLimiter(source([limits({ dailyQuota: 2 })]));
    const before = MIDNIGHT_HANOI - 1;
    expect(sync(limiter.admit(C, before - 1000))).toBeUndefined();
    expect(sync(limiter.admit(C, before))).toBeUndefined();
    expect(sync(limiter.admit(C, before))?.message).toBe(`daily quota of 2 exhausted for ${C}`);
    expect(sync(limiter.admit(C, MIDNIGHT_HANOI))).toBeUndefined();
    expect(vietnamDayNumber(MIDNIGHT_HANOI) - vietnamDayNumber(before)).toBe(1);
  });

  it('starts a Vietnam day at 00:00 in Hà Nội (17:00 UTC the day before)', () => {
    expect(vietnamDayStartMs(vietnamDayNumber(MIDNIGHT_HANOI))).toBe(MIDNIGHT_HANOI);
    expect(vietnamDayStartMs(vietnamDayNumber(MIDNIGHT_HANOI - 1))).toBe(MIDNIGHT_HANOI - 86_400_000);
  });

  it('does not count requests refused by the rate limit against the quota', () => {
    const limiter = new ConsumerLimiter(source([limits({ ratePerSecond: 1, dailyQuota: 2 })]));
    expect(sync(limiter.admit(C, 0))).toBeUndefined();
    expect(sync(limiter.admit(C, 0))?.message).toMatch(/rate limit/);
    expect(sync(limiter.admit(C, 1_000))).toBeUndefined();
    expect(sync(limiter.admit(C, 2_000))?.message).toMatch(/daily quota of 2/);
  });

  it('applies changed limits at once and keeps the day count', () => {
    const src = source([limits({ dailyQuota: 10 })]);
    const limiter = new ConsumerLimiter(src);
    for (let i = 0; i < 3; i++) expect(sync(limiter.admit(C, 0))).toBeUndefined();
    src.set(limits({ dailyQuota: 3 }));
    expect(sync(limiter.admit(C, 0))?.message).toMatch(/daily quota of 3/);
    src.set(limits({ dailyQuota: 4 }));
    expect(sync(limiter.admit(C, 0))).toBeUndefined();
  });

  it('shares the rate among the replicas alive: rate/n and burst/n (at least 1), resized as n changes, naming the whole limit', () => {
    let n = 4;
    const limiter = new ConsumerLimiter(source([limits({ ratePerSecond: 10, burst: 10 })]), { replicas: () => n });
    const ok = Array.from({ length: 5 }, () => sync(limiter.admit(C, 0))).filter((r) => r === undefined).length;
    expect(ok).toBe(2);
    expect(sync(limiter.admit(C, 0))?.message).toBe(`rate limit of 10/s (burst 10) exceeded for ${C}`);
    // One replica left: its bucket keeps what it held (2.5 refilled in 1 s, capped at the old burst 2) ...
    n = 1;
    const count = (now: number): number =>
      Array.from({ length: 12 }, () => sync(limiter.admit(C, now))).filter((r) => r === undefined).length;
    expect(count(1_000)).toBe(2);
    // ... and refills at the whole rate up to the whole burst.
    expect(count(2_000)).toBe(10);
  });
});
