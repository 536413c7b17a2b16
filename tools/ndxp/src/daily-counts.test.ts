// seed-history's shaping: exact sums, pinned months exact, the rest in the shape's proportions.
import { SOURCE_MONTH_WEIGHTS, apportion, dailyCounts, monthOfDay } from './daily-counts';

const byMonth = (days: { day: number; count: number }[]): Map<string, number> => {
  const out = new Map<string, number>();
  for (const { day, count } of days) out.set(monthOfDay(day), (out.get(monthOfDay(day)) ?? 0) + count);
  return out;
};
const sum = (xs: Iterable<number>): number => [...xs].reduce((n, x) => n + x, 0);

describe('apportion', () => {
  it('sums exactly to the total, in proportion, ties to the earlier index', () => {
    expect(apportion([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(apportion([3, 1], 8)).toEqual([6, 2]);
    expect(apportion([], 0)).toEqual([]);
    expect(apportion([2, 5], 0)).toEqual([0, 0]);
  });
});

describe('dailyCounts', () => {
  it("gives the source's Jan-Oct 2021 exactly at full scale: 64,023,858 in all, October 18,530,176", () => {
    const days = dailyCounts('2021-01-01', '2021-10-31', 64_023_858, 'source', new Map([['2021-10', 18_530_176]]));
    const months = byMonth(days);
    expect(days).toHaveLength(304);
    expect(sum(months.values())).toBe(64_023_858);
    expect(months.get('2021-10')).toBe(18_530_176);
    // "More than 3 times" September, as the source says.
    expect(months.get('2021-10')! / months.get('2021-09')!).toBeGreaterThan(3);
  });

  it('shares the rest among the unpinned months in the shape’s proportions (within one event)', () => {
    const total = 64_023_858;
    const months = byMonth(dailyCounts('2021-01-01', '2021-10-31', total, 'source', new Map([['2021-10', 18_530_176]])));
    const rest = total - 18_530_176;
    const weights = SOURCE_MONTH_WEIGHTS.slice(0, 9);
    for (const [i, w] of weights.entries()) {
      const month = `2021-${String(i + 1).padStart(2, '0')}`;
      expect([month, Math.abs(months.get(month)! - (rest * w) / sum(weights)) < 1]).toEqual([month, true]);
    }
  });

  it('holds several pins exactly, and a pin of 0 leaves its month empty', () => {
    const pins = new Map([
      ['2021-02', 0],
      ['2021-03', 777],
      ['2021-10', 5_001],
    ]);
    const days = dailyCounts('2021-01-15', '2021-10-31', 20_000, 'flat', pins);
    const months = byMonth(days);
    expect([months.get('2021-02'), months.get('2021-03'), months.get('2021-10')]).toEqual([0, 777, 5_001]);
    expect(sum(months.values())).toBe(20_000);
    // Flat: the unpinned days share the rest evenly (January's 17 days, April-September's 183).
    const perDay = (20_000 - 5_778) / (17 + 183);
    expect(Math.abs(months.get('2021-01')! - 17 * perDay)).toBeLessThan(1);
    expect(Math.abs(months.get('2021-04')! - 30 * perDay)).toBeLessThan(1);
  });

  it('keeps lighter weekends inside a pinned month', () => {
    const days = dailyCounts('2021-10-01', '2021-10-31', 31_000, 'source', new Map([['2021-10', 31_000]]));
    const of = (iso: string): number => days.find((d) => d.day === Date.parse(`${iso}T00:00:00Z`) / 86_400_000)!.count;
    expect(of('2021-10-04')).toBeGreaterThan(2 * of('2021-10-02')); // a Monday against a Saturday
  });

  it('is deterministic, and without pins gives each month its weight’s share', () => {
    const a = dailyCounts('2021-01-01', '2021-10-31', 64_023_858, 'source', new Map([['2021-10', 18_530_176]]));
    expect(dailyCounts('2021-01-01', '2021-10-31', 64_023_858, 'source', new Map([['2021-10', 18_530_176]]))).toEqual(a);
    // Unpinned, October is 17.637 / 60.937 of the total (18,530,429.5): not the source's 18,530,176.
    const share = (64_023_858 * 17.637) / sum(SOURCE_MONTH_WEIGHTS.slice(0, 10));
    expect(Math.abs(byMonth(dailyCounts('2021-01-01', '2021-10-31', 64_023_858, 'source')).get('2021-10')! - share)).toBeLessThan(1);
  });
});
