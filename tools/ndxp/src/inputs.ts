// Checks of flag values that run before a command connects: calendar days and whole numbers.
import { CliError } from './cli-error';
import { UsageError } from './args';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The value of a date flag if it is a real calendar day YYYY-MM-DD (2021-02-29 is not); else cli.invalid_date. */
export function calendarDay(flag: string, value: string): string {
  const m = DAY.exec(value);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (!m || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new CliError('cli.invalid_date', `${flag} must be a calendar day YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Checks optional --from and --to days (each a calendar day, --from not after --to); returns them or ''. */
export function period(from: string | undefined, to: string | undefined): { fromDay: string; toDay: string } {
  const fromDay = from === undefined ? '' : calendarDay('--from', from);
  const toDay = to === undefined ? '' : calendarDay('--to', to);
  if (fromDay && toDay && fromDay > toDay) throw new CliError('cli.invalid_date', `--from ${fromDay} is after --to ${toDay}`);
  return { fromDay, toDay };
}

/** A whole-number flag value within [min, max]; else a usage error naming the flag. */
export function wholeNumber(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}
