// Validation of usage queries at the API edge: day format, range order, group_by names.
import { isCalendarDay, MeshError, notADay, UsageQuery } from '@ndxp/contracts';

/** Dimensions a usage report may be grouped by. */
export const USAGE_DIMENSIONS = ['consumer', 'provider', 'service', 'day', 'outcome', 'code'] as const;

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
    if (value !== '' && !isCalendarDay(value)) {
      throw new MeshError('client.invalid_argument', notADay(field, value), { field });
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
