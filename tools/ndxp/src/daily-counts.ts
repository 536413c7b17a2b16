// How seed-history spreads a total over the days of a period: a month shape (the source's 2021 or
// flat), lighter weekends, and optional pinned month totals that hold exactly while the rest of the
// total keeps the shape's proportions. Pure and deterministic: no randomness.

const DAY_MS = 86_400_000;

/** The source's month weights (Jan..Dec): Sep ≈ 5.88M and Oct = 18.53M of 64.02M for Jan-Oct 2021. */
export const SOURCE_MONTH_WEIGHTS = [3.9, 3.3, 4.6, 4.8, 5.0, 5.3, 5.5, 5.3, 5.6, 17.637, 18.5, 18.5];

/** A month shape: the source's 2021 shape, or the same volume every day. */
export type Shape = 'source' | 'flat';

/** Exact month totals (key YYYY-MM) that the days of that month must sum to. */
export type MonthPins = ReadonlyMap<string, number>;

/** The month (YYYY-MM) of a day number (a calendar date: the seeded day is a Vietnam day). */
export function monthOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 7);
}

/** Each day of the period with its relative weight under the shape (weekends lighter in the source shape). */
export function dayWeights(fromDay: string, toDay: string, shape: Shape): { day: number; w: number }[] {
  const start = Date.parse(`${fromDay}T00:00:00Z`) / DAY_MS;
  const end = Date.parse(`${toDay}T00:00:00Z`) / DAY_MS;
  const days: { day: number; w: number }[] = [];
  for (let d = start; d <= end; d++) {
    const date = new Date(d * DAY_MS);
    const month = date.getUTCMonth();
    const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), month + 1, 0)).getUTCDate();
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const w = shape === 'flat' ? 1 : (SOURCE_MONTH_WEIGHTS[month]! / daysInMonth) * (weekend ? 0.4 : 1.15);
    days.push({ day: d, w });
  }
  // Month weights are per month: renormalise the weekday factor within each month.
  if (shape === 'source') {
    const byMonth = new Map<string, { sum: number; target: number }>();
    for (const x of days) {
      const date = new Date(x.day * DAY_MS);
      const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
      const m = byMonth.get(monthOfDay(x.day)) ?? { sum: 0, target: 0 };
      m.sum += x.w;
      m.target += SOURCE_MONTH_WEIGHTS[date.getUTCMonth()]! / daysInMonth;
      byMonth.set(monthOfDay(x.day), m);
    }
    for (const x of days) {
      const m = byMonth.get(monthOfDay(x.day))!;
      x.w *= m.target / m.sum;
    }
  }
  return days;
}

/** Splits a whole total over weights in proportion (largest remainder, ties to the earlier index): sums exactly to total. */
export function apportion(weights: number[], total: number): number[] {
  if (total === 0 || weights.length === 0) return weights.map(() => 0);
  const sum = weights.reduce((n, w) => n + w, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((n, c) => n + c, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

/**
 * Events per (Vietnam) day of the period, summing exactly to total. Each pinned month's days sum exactly
 * to its pin; the rest of the total goes to the unpinned months in proportion to their weight (each
 * within one event of its exact share), then within every month to its days by their weights.
 * Pins must lie in the period and sum to at most total (see checkMonthPins).
 */
export function dailyCounts(
  fromDay: string,
  toDay: string,
  total: number,
  shape: Shape,
  pins: MonthPins = new Map(),
): { day: number; count: number }[] {
  const days = dayWeights(fromDay, toDay, shape);
  const months = new Map<string, number[]>();
  for (const [i, x] of days.entries()) {
    const month = months.get(monthOfDay(x.day));
    if (month) month.push(i);
    else months.set(monthOfDay(x.day), [i]);
  }
  const free = [...months.keys()].filter((m) => !pins.has(m));
  const pinned = [...pins.values()].reduce((n, c) => n + c, 0);
  const weightOf = (m: string): number => months.get(m)!.reduce((n, i) => n + days[i]!.w, 0);
  const freeShares = apportion(free.map(weightOf), total - pinned);
  const monthTotal = new Map<string, number>([...free.map((m, j) => [m, freeShares[j]!] as const), ...pins]);
  const counts: number[] = days.map(() => 0);
  for (const [month, idx] of months) {
    const share = apportion(
      idx.map((i) => days[i]!.w),
      monthTotal.get(month)!,
    );
    for (const [j, i] of idx.entries()) counts[i] = share[j]!;
  }
  return days.map((x, i) => ({ day: x.day, count: counts[i]! }));
}
