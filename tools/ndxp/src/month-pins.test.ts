// seed-history --month YYYY-MM=N: parsed and checked against the period and --total before connecting.
import { CliError } from './cli-error';
import { checkMonthPins, monthsOfPeriod } from './month-pins';
import { runSeedHistory } from './seed-history';

const failure = (fn: () => unknown): { code: string; message: string } | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof CliError ? { code: err.code, message: err.message } : { code: 'not a CliError', message: String(err) };
  }
  return undefined;
};

describe('monthsOfPeriod', () => {
  it('lists every month a period touches, across a year end', () => {
    expect(monthsOfPeriod('2021-11-30', '2022-02-01')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(monthsOfPeriod('2021-10-01', '2021-10-31')).toEqual(['2021-10']);
  });
});

describe('checkMonthPins', () => {
  const jan = '2021-01-01';
  const oct = '2021-10-31';

  it('reads repeated pins', () => {
    expect(checkMonthPins(['2021-10=18530176', '2021-01=0'], jan, oct, 64_023_858)).toEqual(
      new Map([
        ['2021-10', 18_530_176],
        ['2021-01', 0],
      ]),
    );
  });

  it.each([
    ['2021-10', '--month must be YYYY-MM=N (e.g. 2021-10=18530176), got "2021-10"'],
    ['2021-13=5', '--month must be YYYY-MM=N'],
    ['2021-10=many', '--month 2021-10 must be a whole number from 0 up, got "many"'],
    ['2021-10=-3', '--month 2021-10 must be a whole number'],
    ['2021-10=1.5', '--month 2021-10 must be a whole number'],
    ['2021-11=5', '--month 2021-11 is outside the period 2021-01-01 .. 2021-10-31'],
    ['2020-12=5', '--month 2020-12 is outside the period'],
  ])('refuses %s as cli.usage naming --month', (value, message) => {
    expect(failure(() => checkMonthPins([value], jan, oct, 1000))).toEqual({
      code: 'cli.usage',
      message: expect.stringContaining(message),
    });
  });

  it('refuses a month given twice, pins above --total, and pins on every month short of --total', () => {
    expect(failure(() => checkMonthPins(['2021-10=1', '2021-10=2'], jan, oct, 1000))?.message).toBe('--month 2021-10 is given twice');
    expect(failure(() => checkMonthPins(['2021-10=600', '2021-09=401'], jan, oct, 1000))?.message).toBe(
      '--month pins sum to 1,001, above --total 1,000',
    );
    expect(failure(() => checkMonthPins(['2021-10=600'], '2021-10-01', oct, 1000))?.message).toBe(
      '--month pins every month of the period but sum to 600, not --total 1,000',
    );
    expect(checkMonthPins(['2021-10=1000'], '2021-10-01', oct, 1000).get('2021-10')).toBe(1000);
  });

  it('seed-history refuses a bad --month before connecting (exit 2, not cli.nats_unreachable)', async () => {
    const nowhere = ['--nats', 'nats://127.0.0.1:1', '--from', jan, '--to', oct, '--total', '100'];
    await expect(runSeedHistory([...nowhere, '--month', '2021-10=x'])).rejects.toMatchObject({ code: 'cli.usage', exitStatus: 2 });
    await expect(runSeedHistory([...nowhere, '--month', '2021-10=101'])).rejects.toMatchObject({
      code: 'cli.usage',
      message: '--month pins sum to 101, above --total 100',
    });
    await expect(runSeedHistory([...nowhere.slice(0, -2), '--total', 'lots'])).rejects.toMatchObject({
      code: 'cli.usage',
      message: expect.stringContaining('--total'),
    });
  });
});
