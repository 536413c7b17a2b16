// A report's period: inclusive days of the Vietnam calendar (Asia/Ho_Chi_Minh), defaults resolved
// (from: 1 January of to's year, to: today in Hà Nội).
import { isCalendarDay, MeshError, notADay, vietnamDay } from '@ndxp/contracts';

const DAY_MS = 86_400_000;

/** An inclusive range of Vietnam calendar days. */
export interface Period {
  fromDay: string;
  toDay: string;
}

/** Checks a day field; throws client.invalid_argument naming the field. */
export function checkDay(value: string, field: string): string {
  if (!isCalendarDay(value)) {
    throw new MeshError('client.invalid_argument', notADay(field, value), { field });
  }
  return value;
}

/** Today in Hà Nội (between 00:00 and 07:00 there, the UTC day is still yesterday). */
export function today(nowMs: number = Date.now()): string {
  return vietnamDay(nowMs);
}

/** Resolves and checks a period (from_day > to_day is client.invalid_argument). */
export function resolvePeriod(fromDay: string, toDay: string, nowMs: number = Date.now()): Period {
  const to = toDay.trim() ? checkDay(toDay.trim(), 'to_day') : today(nowMs);
  const from = fromDay.trim() ? checkDay(fromDay.trim(), 'from_day') : `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new MeshError('client.invalid_argument', `from_day ${from} is after to_day ${to}`, { field: 'from_day' });
  return { fromDay: from, toDay: to };
}

/** Days from a to b inclusive (0 when b is before a). */
export function daysBetween(a: string, b: string): number {
  return Math.max(0, Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS) + 1);
}

/** The months (YYYY-MM) a period touches, in order. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let y = Number(p.fromDay.slice(0, 4));
  let m = Number(p.fromDay.slice(5, 7));
  const last = p.toDay.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    m++;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** Days of a month (YYYY-MM) that lie inside the period. */
export function monthDaysIn(month: string, p: Period): number {
  const first = `${month}-01`;
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return daysBetween(first > p.fromDay ? first : p.fromDay, lastDay < p.toDay ? lastDay : p.toDay);
}
