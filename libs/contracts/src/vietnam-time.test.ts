import {
  dayNumberOf,
  dayOfNumber,
  isCalendarDay,
  vietnamDay,
  vietnamDayNumber,
  vietnamDayStartOf,
  vietnamMonth,
  vietnamTime,
} from './vietnam-time';

describe('Vietnam calendar days', () => {
  it('puts 06:30 in Hà Nội on 1 October (23:30 UTC on 30 September) in October', () => {
    const t = Date.parse('2021-09-30T23:30:00Z');
    expect(vietnamDay(t)).toBe('2021-10-01');
    expect(vietnamMonth(t)).toBe('2021-10');
    expect(new Date(t).toISOString().slice(0, 10)).toBe('2021-09-30');
  });

  it('puts 06:30 in Hà Nội on 1 January in the new year', () => {
    expect(vietnamDay(Date.parse('2021-12-31T23:30:00Z'))).toBe('2022-01-01');
  });

  it('starts a Vietnam day at 17:00 UTC the day before and ends it just before the next', () => {
    const start = vietnamDayStartOf('2021-10-01');
    expect(new Date(start).toISOString()).toBe('2021-09-30T17:00:00.000Z');
    expect(vietnamDay(start)).toBe('2021-10-01');
    expect(vietnamDay(start - 1)).toBe('2021-09-30');
    expect(vietnamDayNumber(start)).toBe(dayNumberOf('2021-10-01'));
  });

  it('round-trips day numbers and days', () => {
    expect(dayOfNumber(dayNumberOf('2024-02-29'))).toBe('2024-02-29');
  });

  it('agrees with Intl on the Asia/Ho_Chi_Minh calendar across a year of hours', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.parse('2021-01-01T00:00:00Z'); t < Date.parse('2022-01-01T00:00:00Z'); t += 3_600_000 * 5 + 17) {
      expect(vietnamDay(t)).toBe(fmt.format(t));
    }
  });

  it('writes an instant as Hà Nội reads it, with its offset', () => {
    expect(vietnamTime(Date.parse('2021-09-30T23:30:00Z'))).toBe('2021-10-01T06:30:00+07:00');
    expect(vietnamTime(NaN)).toBe('-');
  });

  it('knows real calendar days', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2021-02-29')).toBe(false);
    expect(isCalendarDay('2021-13-01')).toBe(false);
    expect(isCalendarDay('2021-1-01')).toBe(false);
  });
});
