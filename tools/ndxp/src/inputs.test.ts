// Flag values checked before a command connects: calendar days, periods, whole numbers.
import { CliError } from './cli-error';
import { calendarDay, period, wholeNumber } from './inputs';
import { runReport } from './report';
import { runUsage } from './usage';
import { runCall } from './call';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof CliError ? err.code : 'not a CliError';
  }
  return undefined;
};

describe('calendarDay', () => {
  it('accepts a real day and refuses month 13, 29 February of a common year and other shapes', () => {
    expect(calendarDay('--from', '2021-01-31')).toBe('2021-01-31');
    expect(calendarDay('--from', '2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2021-13-01', '2021-02-29', '2021-04-31', '2021-1-1', '20210101', 'yesterday', ''])
      expect([bad, codeOf(() => calendarDay('--from', bad))]).toEqual([bad, 'cli.invalid_date']);
  });

  it('names the flag and the value in the message', () => {
    expect(() => calendarDay('--to', '2021-13-01')).toThrow('--to must be a calendar day YYYY-MM-DD, got "2021-13-01"');
  });
});

describe('period', () => {
  it('refuses --from after --to and passes an open period as empty days', () => {
    expect(() => period('2021-06-01', '2021-01-01')).toThrow('--from 2021-06-01 is after --to 2021-01-01');
    expect(period(undefined, undefined)).toEqual({ fromDay: '', toDay: '' });
    expect(period('2021-01-01', '2021-01-01')).toEqual({ fromDay: '2021-01-01', toDay: '2021-01-01' });
  });
});

describe('wholeNumber', () => {
  it('refuses words, fractions, negatives and values out of range as cli.usage', () => {
    expect(wholeNumber('--timeout', '5000', 1, 600_000)).toBe(5000);
    for (const bad of ['abc', '1.5', '-1', '0', '600001', ''])
      expect([bad, codeOf(() => wholeNumber('--timeout', bad, 1, 600_000))]).toEqual([bad, 'cli.usage']);
  });
});

describe('inputs are checked before connecting', () => {
  // Nothing listens on port 1: a command that connected first would fail with cli.nats_unreachable.
  const nowhere = ['--nats', 'nats://127.0.0.1:1'];

  it('report --from 2021-13-01 fails as cli.invalid_date, not as a connection failure', async () => {
    await expect(runReport(['totals', '--from', '2021-13-01', ...nowhere])).rejects.toMatchObject({ code: 'cli.invalid_date' });
    await expect(runReport(['compliance', '--date', '2021-02-30', ...nowhere])).rejects.toMatchObject({ code: 'cli.invalid_date' });
  });

  it('usage with a bad --to or an unknown --by dimension fails before connecting', async () => {
    await expect(runUsage(['--to', '2021-00-10', ...nowhere])).rejects.toMatchObject({ code: 'cli.invalid_date' });
    await expect(runUsage(['--by', 'consumer,colour', ...nowhere])).rejects.toMatchObject({
      code: 'cli.usage',
      message: expect.stringContaining('colour'),
    });
  });

  it('call with a bad --timeout or a missing credentials file fails before connecting', async () => {
    const call = ['--as', 'TINH-01-LGSP', 'GetEnterprise', '{"taxCode":"0100109106"}', ...nowhere];
    await expect(runCall([...call, '--timeout', 'soon'])).rejects.toMatchObject({ code: 'cli.usage' });
    await expect(runCall([...call, '--creds', '/nonexistent/x.creds'])).rejects.toMatchObject({ code: 'cli.credentials_file_missing' });
  });
});
