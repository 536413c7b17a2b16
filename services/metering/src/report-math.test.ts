import { MeshError } from '@ndxp/contracts';
import type { LedgerRollupRow } from '@ndxp/store';
import { buildReport, checkGroup, percentileMs } from './report-math';
import { monthDaysIn, monthsOf, resolvePeriod } from './report-period';

const row = (key: string, count: number, ok = count, latency: [number, number][] = []): LedgerRollupRow => ({
  key,
  count,
  ok,
  clientErrors: count - ok,
  serverErrors: 0,
  latency,
});

describe('report math', () => {
  it('gives month rows for every month of the period, with growth over the previous month', () => {
    const period = { fromDay: '2021-08-01', toDay: '2021-10-31' };
    const r = buildReport(period, 'month', [row('2021-08', 100), row('2021-10', 300)]);
    expect(r.rows.map((x) => [x.key, x.count, x.hasGrowth, x.growth])).toEqual([
      ['2021-08', 100, false, 0],
      ['2021-09', 0, true, -1],
      ['2021-10', 300, false, 0],
    ]);
    const r2 = buildReport(period, 'month', [row('2021-08', 100), row('2021-09', 50), row('2021-10', 175)]);
    expect(r2.rows[1]).toMatchObject({ growth: -0.5, hasGrowth: true });
    expect(r2.rows[2]).toMatchObject({ growth: 2.5, hasGrowth: true });
  });

  it('averages per day over the days of the period a row covers', () => {
    const period = { fromDay: '2021-09-16', toDay: '2021-10-31' };
    const r = buildReport(period, 'month', [row('2021-09', 150), row('2021-10', 310)]);
    expect(r.rows.map((x) => [x.days, x.perDay])).toEqual([
      [15, 10],
      [31, 10],
    ]);
    expect(r.total).toMatchObject({ count: 460, days: 46, perDay: 10 });
    expect(buildReport(period, 'consumer', [row('TINH-01-LGSP', 92)]).rows[0]).toMatchObject({ days: 46, perDay: 2 });
  });

  it('computes the success rate and latency percentiles from summed buckets', () => {
    const a = row('TINH-01-LGSP', 100, 90, [
      [1131, 50],
      [1600, 40],
      [51200, 10],
    ]);
    const b = row('BO-BTP-LGSP', 100, 100, [[1131, 100]]);
    const r = buildReport({ fromDay: '2021-10-01', toDay: '2021-10-31' }, 'consumer', [a, b]);
    expect(r.rows[0]).toMatchObject({ successRate: 0.9, p50Ms: 1.131, p95Ms: 51.2, p99Ms: 51.2 });
    // Together: 150 at ≤1.131 ms, 40 at ≤1.6 ms, 10 at ≤51.2 ms.
    expect(r.total).toMatchObject({ count: 200, ok: 190, successRate: 0.95, p50Ms: 1.131, p95Ms: 1.6, p99Ms: 51.2 });
  });

  it('takes the largest finite bound for the open last bucket, and 0 without data', () => {
    expect(percentileMs([[Infinity, 5]], 0.5)).toBe(0);
    expect(
      percentileMs(
        [
          [1000, 1],
          [Infinity, 9],
        ],
        0.5,
      ),
    ).toBe(1);
    expect(percentileMs([], 0.99)).toBe(0);
  });

  it('resolves periods: from defaults to 1 January of to, months and days within', () => {
    expect(resolvePeriod('', '2021-10-31')).toEqual({ fromDay: '2021-01-01', toDay: '2021-10-31' });
    expect(monthsOf({ fromDay: '2020-11-20', toDay: '2021-02-01' })).toEqual(['2020-11', '2020-12', '2021-01', '2021-02']);
    expect(monthDaysIn('2021-02', { fromDay: '2021-01-01', toDay: '2021-12-31' })).toBe(28);
    expect(() => resolvePeriod('2021-10-05', '2021-10-01')).toThrow(MeshError);
    expect(() => resolvePeriod('2021-02-30', '')).toThrow(/from_day/);
    expect(() => checkGroup('agency')).toThrow(/group/);
    expect(checkGroup('')).toBe('month');
  });
});
