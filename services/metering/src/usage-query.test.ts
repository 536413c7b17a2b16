import { MeshError, UsageQuery } from '@ndxp/contracts';
import { validateUsageQuery } from './usage-query';

const q = (over: Partial<UsageQuery>): UsageQuery => UsageQuery.fromPartial(over);

function errorOf(fn: () => unknown): MeshError {
  try {
    fn();
  } catch (err) {
    if (err instanceof MeshError) return err;
    throw err;
  }
  throw new Error('expected a MeshError');
}

describe('validateUsageQuery', () => {
  it('accepts an empty query (everything, ungrouped)', () => {
    expect(validateUsageQuery(q({}))).toEqual(q({}));
  });

  it('trims values and deduplicates group_by keeping the first order', () => {
    const v = validateUsageQuery(
      q({ fromDay: ' 2021-10-01', toDay: '2021-10-31 ', consumer: ' TINH-01-LGSP ', groupBy: ['day', 'consumer', 'day'] }),
    );
    expect(v).toEqual(q({ fromDay: '2021-10-01', toDay: '2021-10-31', consumer: 'TINH-01-LGSP', groupBy: ['day', 'consumer'] }));
  });

  it.each(['2021-10-1', '2021/10/01', '2021-02-30', '2021-13-01', 'yesterday'])('rejects from_day %s as client.invalid_argument', (d) => {
    const e = errorOf(() => validateUsageQuery(q({ fromDay: d })));
    expect([e.code, e.field]).toEqual(['client.invalid_argument', 'from_day']);
  });

  it('rejects a malformed to_day naming the field', () => {
    expect(errorOf(() => validateUsageQuery(q({ toDay: '20211001' }))).field).toBe('to_day');
  });

  it('rejects a range whose start is after its end', () => {
    const e = errorOf(() => validateUsageQuery(q({ fromDay: '2021-10-02', toDay: '2021-10-01' })));
    expect(e.code).toBe('client.invalid_argument');
  });

  it('rejects an unknown group_by name as client.invalid_argument on group_by', () => {
    const e = errorOf(() => validateUsageQuery(q({ groupBy: ['consumer', 'officer'] })));
    expect([e.code, e.field]).toEqual(['client.invalid_argument', 'group_by']);
    expect(e.message).toMatch(/officer/);
  });
});
