// Vietnam's calendar (Asia/Ho_Chi_Minh, UTC+7, no daylight saving time since 1975): every day a
// person reads (reports, rollups, compliance, quotas, the dashboard, the CLI) is a Vietnam day.
// Stored instants stay UTC epoch milliseconds; only the day they fall on is read here.

/** The IANA zone of every day the platform shows. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Vietnam's offset from UTC in milliseconds. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const DAY_MS = 86_400_000;

/** The Vietnam calendar day of an epoch-ms instant, as a day number (days since 1970-01-01). */
export function vietnamDayNumber(epochMs: number): number {
  return Math.floor((epochMs + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** The instant (epoch ms) Vietnam day number `day` begins: 00:00 in Hà Nội, 17:00 UTC the day before. */
export function vietnamDayStartMs(day: number): number {
  return day * DAY_MS - VIETNAM_OFFSET_MS;
}

/** The Vietnam calendar day of an instant as YYYY-MM-DD ('1970-01-01' for an invalid instant). */
export function vietnamDay(epochMs: number): string {
  const d = new Date(epochMs + VIETNAM_OFFSET_MS);
  return Number.isNaN(d.getTime()) ? '1970-01-01' : d.toISOString().slice(0, 10);
}

/** The Vietnam month (YYYY-MM) of an instant. */
export function vietnamMonth(epochMs: number): string {
  return vietnamDay(epochMs).slice(0, 7);
}

/** The day number of a YYYY-MM-DD calendar day (the same on every calendar: a date, not an instant). */
export function dayNumberOf(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/** The YYYY-MM-DD of a day number. */
export function dayOfNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The instant (epoch ms) the Vietnam calendar day YYYY-MM-DD begins. */
export function vietnamDayStartOf(day: string): number {
  return vietnamDayStartMs(dayNumberOf(day));
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string is a real calendar day YYYY-MM-DD (2021-02-29 is not). */
export function isCalendarDay(value: string): boolean {
  const t = DAY_PATTERN.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** The error text of a day field that is not a calendar day. */
export function notADay(field: string, value: string): string {
  return `${field} must be a day YYYY-MM-DD (Vietnam calendar), got ${JSON.stringify(value)}`;
}

/** An instant as Hà Nội reads it, ISO 8601 with its offset to the second: 2021-10-01T06:30:00+07:00. */
export function vietnamTime(epochMs: number): string {
  const d = new Date(epochMs + VIETNAM_OFFSET_MS);
  return Number.isNaN(d.getTime()) ? '-' : `${d.toISOString().slice(0, 19)}+07:00`;
}
