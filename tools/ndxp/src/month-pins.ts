// seed-history's --month YYYY-MM=N flags: exact month totals, checked against the period and
// --total before the command connects (a bad one is a one-line cli.usage error naming --month).
import { UsageError } from './args';
import type { MonthPins } from './daily-counts';
import { wholeNumber } from './inputs';

const PIN = /^(\d{4})-(\d{2})=(.*)$/;

/** The months (YYYY-MM) an inclusive period of days touches, in order. */
export function monthsOfPeriod(fromDay: string, toDay: string): string[] {
  const out: string[] = [];
  let y = Number(fromDay.slice(0, 4));
  let m = Number(fromDay.slice(5, 7));
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= toDay.slice(0, 7)) return out;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

/**
 * Parses repeated --month YYYY-MM=N values into pins. Refuses a malformed value, a month outside
 * the period, a month given twice, pins summing above total, and pins on every month that sum
 * below total (the rest would have no day to go to).
 */
export function checkMonthPins(values: readonly string[], fromDay: string, toDay: string, total: number): MonthPins {
  const months = monthsOfPeriod(fromDay, toDay);
  const pins = new Map<string, number>();
  for (const value of values) {
    const m = PIN.exec(value.trim());
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
      throw new UsageError(`--month must be YYYY-MM=N (e.g. 2021-10=18530176), got ${JSON.stringify(value)}`);
    }
    const month = `${m[1]}-${m[2]}`;
    if (!months.includes(month)) throw new UsageError(`--month ${month} is outside the period ${fromDay} .. ${toDay}`);
    if (pins.has(month)) throw new UsageError(`--month ${month} is given twice`);
    pins.set(month, wholeNumber(`--month ${month}`, m[3]!, 0));
  }
  const pinned = [...pins.values()].reduce((n, c) => n + c, 0);
  if (pinned > total) {
    throw new UsageError(`--month pins sum to ${pinned.toLocaleString('en-US')}, above --total ${total.toLocaleString('en-US')}`);
  }
  if (pins.size === months.length && pinned !== total) {
    throw new UsageError(
      `--month pins every month of the period but sum to ${pinned.toLocaleString('en-US')}, not --total ${total.toLocaleString('en-US')}`,
    );
  }
  return pins;
}
