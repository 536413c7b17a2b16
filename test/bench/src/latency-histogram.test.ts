import { BUCKET_GROWTH, LatencyHistogram } from './latency-histogram';

function within(actual: number, expected: number): void {
  expect(actual / expected).toBeGreaterThanOrEqual(1 / BUCKET_GROWTH);
  expect(actual / expected).toBeLessThanOrEqual(BUCKET_GROWTH);
}

describe('LatencyHistogram', () => {
  it('reports nearest-rank percentiles within one bucket (1%) of the exact values', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 10); // 0.1 .. 100 ms
    within(h.percentile(0.5), 50);
    within(h.percentile(0.9), 90);
    within(h.percentile(0.99), 99);
    expect(h.percentile(1)).toBe(100);
    expect(h.percentile(0)).toBe(0.1);
  });

  it('keeps count, mean, min and max exact', () => {
    const h = new LatencyHistogram();
    [2, 4, 6, 100].forEach((v) => h.record(v));
    const s = h.summary();
    expect(s.count).toBe(4);
    expect(s.mean).toBe(28);
    expect(s.min).toBe(2);
    expect(s.max).toBe(100);
  });

  it('puts p99 on the slow tail: 99 fast answers and one slow one give p99 fast, p99.9 slow', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 99; i++) h.record(1);
    h.record(500);
    within(h.percentile(0.99), 1);
    within(h.percentile(0.999), 500);
  });

  it('merges serialised rounds into the same result as recording everything in one', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    const all = new LatencyHistogram();
    for (let i = 0; i < 500; i++) {
      const v = 0.2 + ((i * 37) % 101) / 3;
      (i % 2 ? a : b).record(v);
      all.record(v);
    }
    const merged = LatencyHistogram.fromData(JSON.parse(JSON.stringify(a.toData())));
    merged.merge(b.toData());
    const { mean, ...rest } = merged.summary();
    const { mean: allMean, ...allRest } = all.summary();
    expect(rest).toEqual(allRest);
    expect(mean).toBeCloseTo(allMean, 9);
  });

  it('summarises an empty histogram as NaN rather than zero latency', () => {
    const s = new LatencyHistogram().summary();
    expect(s.count).toBe(0);
    expect(s.p50).toBeNaN();
    expect(s.max).toBeNaN();
  });

  it('clamps values outside 1 µs .. 100 s into the end buckets without losing them', () => {
    const h = new LatencyHistogram();
    h.record(0);
    h.record(1e9);
    expect(h.count).toBe(2);
    expect(h.percentile(0.5)).toBeLessThanOrEqual(0.001);
    expect(h.percentile(1)).toBe(1e9);
  });
});
