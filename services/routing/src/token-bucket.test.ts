import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a full burst at once and then refuses until tokens refill', () => {
    const b = new TokenBucket(5, 5, 0);
    expect(Array.from({ length: 7 }, () => b.take(0))).toEqual([true, true, true, true, true, false, false]);
    expect(b.take(199)).toBe(false);
    expect(b.take(200)).toBe(true);
    expect(b.take(200)).toBe(false);
  });

  it('tells how long until it holds a whole token again', () => {
    const b = new TokenBucket(4, 1, 0);
    expect(b.waitMs(0)).toBe(0);
    expect(b.take(0)).toBe(true);
    expect(b.waitMs(0)).toBe(250);
    expect(b.waitMs(100)).toBe(150);
    expect(b.take(249)).toBe(false);
    expect(b.take(250)).toBe(true);
  });

  it('refills at the sustained rate and never above the burst', () => {
    const b = new TokenBucket(10, 3, 0);
    for (let i = 0; i < 3; i++) expect(b.take(0)).toBe(true);
    // Ten seconds idle refill only up to the burst of 3.
    const after = Array.from({ length: 5 }, () => b.take(10_000));
    expect(after.filter(Boolean).length).toBe(3);
  });

  it('allows about rate per second under sustained load', () => {
    const b = new TokenBucket(100, 1, 0);
    let ok = 0;
    for (let t = 0; t < 10_000; t++) if (b.take(t)) ok++;
    // 10 s at 100/s, plus the initial token.
    expect(ok).toBeGreaterThanOrEqual(1_000);
    expect(ok).toBeLessThanOrEqual(1_001);
  });

  it('keeps what it holds, capped at the new burst, when resized', () => {
    const b = new TokenBucket(5, 5, 0);
    b.take(0);
    const smaller = b.resized(1, 2, 0);
    expect([smaller.take(0), smaller.take(0), smaller.take(0)]).toEqual([true, true, false]);
    const bigger = new TokenBucket(1, 1, 0);
    bigger.take(0);
    const grown = bigger.resized(100, 100, 0);
    // An empty bucket stays empty when the limit is raised; it refills at the new rate.
    expect(grown.take(0)).toBe(false);
    expect(grown.take(10)).toBe(true);
  });

  it('does not refill when the clock goes backwards', () => {
    const b = new TokenBucket(1, 1, 1_000);
    expect(b.take(1_000)).toBe(true);
    expect(b.take(500)).toBe(false);
    expect(b.take(1_999)).toBe(false);
    expect(b.take(2_000)).toBe(true);
  });
});
