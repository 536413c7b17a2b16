// Validation of usage queries at the API edge: day format, range order, group_by names.
import { MeshError, UsageQuery } from '@ndxp/contracts';

/** Dimensions a usage report may be grouped by. */
export const USAGE_DIMENSIONS = ['consumer', 'provider', 'service', 'day', 'outcome', 'code'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string): boolean {
  const t = DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/**
 * Returns the query trimmed, with group_by deduplicated; throws MeshError client.invalid_argument
 * (field named) on a bad day, a reversed range or an unknown dimension.
 */
export function validateUsageQuery(query: UsageQuery): UsageQuery {
  const fromDay = query.fromDay.trim();
  const toDay = query.toDay.trim();
  for (const [field, value] of [
    ['from_day', fromDay],
    ['to_day', toDay],
  ] as const) {
    if (value !== '' && !isDay(value)) {
      throw new MeshError('client.invalid_argument', `${field} must be a UTC day YYYY-MM-DD, got ${JSON.stringify(value)}`, {
        field,
      });
    }
  }
  if (fromDay && toDay && fromDay > toDay) {
    throw new MeshError('client.invalid_argument', `from_day ${fromDay} is after to_day ${toDay}`, { field: 'from_day' });
  }
  const groupBy: string[] = [];
  for (const raw of query.groupBy) {
    const g = raw.trim();
    if (!(USAGE_DIMENSIONS as readonly string[]).includes(g)) {
      throw new MeshError('client.invalid_argument', `cannot group by ${JSON.stringify(raw)}; use any of ${USAGE_DIMENSIONS.join(', ')}`, {
        field: 'group_by',
      });
    }
    if (!groupBy.includes(g)) groupBy.push(g);
  }
  return UsageQuery.fromPartial({
    fromDay,
    toDay,
    consumer: query.consumer.trim(),
    provider: query.provider.trim(),
    groupBy,
  });
}
