import { MeshError } from '@ndxp/contracts';
import { resolvePeriod, today } from './report-period';

describe('report periods on the Vietnam calendar', () => {
  it('takes today as the day in Hà Nội: 06:30 there on 1 October is 1 October, not 30 September', () => {
    expect(today(Date.parse('2021-09-30T23:30:00Z'))).toBe('2021-10-01');
    expect(resolvePeriod('', '', Date.parse('2021-12-31T23:30:00Z'))).toEqual({ fromDay: '2022-01-01', toDay: '2022-01-01' });
  });

  it('refuses a day that is not on the calendar, naming the field', () => {
    expect(() => resolvePeriod('2021-13-01', '', 0)).toThrow(MeshError);
    expect(() => resolvePeriod('2021-02-29', '2021-03-01', 0)).toThrow(/from_day must be a day YYYY-MM-DD/);
  });
});
