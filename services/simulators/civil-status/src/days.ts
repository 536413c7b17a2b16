// Dates as whole days since 1970-01-01 (UTC), and the national system's dd/mm/yyyy form.

const DAY_MS = 86_400_000;

/** The day number of a calendar date (month 1-12). */
export function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** dd/mm/yyyy of a day number, as the national system writes dates. */
export function formatDay(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** The calendar year of a day number. */
export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Days in `years` years, on average. */
export function yearsToDays(years: number): number {
  return Math.round(years * 365.25);
}
