// Latency histograms of the ledger's counters: fixed log-spaced buckets of duration_us, so that
// percentiles for any period come from summing buckets. Stored as a BLOB of little-endian uint32
// per bucket; SQLite functions merge them (ndxp_hist_add in upserts, ndxp_hist_sum in GROUP BY).
import type { SqliteDatabase } from './sqlite';

/** Number of buckets; the last one holds everything above the largest bound. */
export const LATENCY_BUCKETS = 40;

/** Upper bound (µs, inclusive) of each bucket but the last: 100 µs × √2^i, i.e. 100 µs to ~52 s. */
export const LATENCY_BOUNDS_US: readonly number[] = Array.from({ length: LATENCY_BUCKETS - 1 }, (_, i) => Math.round(100 * 2 ** (i / 2)));

/** The bucket a duration falls in. */
export function latencyBucket(durationUs: number): number {
  if (!(durationUs > 100)) return 0;
  let i = Math.ceil(2 * Math.log2(durationUs / 100));
  // Rounding of the bounds: step back or forward so that bound[i-1] < d <= bound[i].
  if (i > 0 && i < LATENCY_BUCKETS && durationUs <= LATENCY_BOUNDS_US[i - 1]!) i--;
  if (i < LATENCY_BUCKETS - 1 && durationUs > LATENCY_BOUNDS_US[i]!) i++;
  return Math.min(i, LATENCY_BUCKETS - 1);
}

/** Upper bound of bucket i in µs (Infinity for the last). */
export function bucketUpperUs(i: number): number {
  return i < LATENCY_BUCKETS - 1 ? LATENCY_BOUNDS_US[i]! : Infinity;
}

/** Encodes bucket counts as the stored BLOB. */
export function encodeHistogram(counts: ArrayLike<number>): Buffer {
  const b = Buffer.alloc(LATENCY_BUCKETS * 4);
  for (let i = 0; i < LATENCY_BUCKETS; i++) b.writeUInt32LE(Math.min(0xffffffff, counts[i] ?? 0), i * 4);
  return b;
}

/** The bucket counts of a stored BLOB (all zero for NULL: a counter from before the buckets). */
export function decodeHistogram(blob: unknown): Uint32Array {
  const acc = new Float64Array(LATENCY_BUCKETS);
  addInto(acc, blob);
  return Uint32Array.from(acc);
}

function addInto(acc: Float64Array, blob: unknown): void {
  if (!Buffer.isBuffer(blob)) return;
  const n = Math.min(LATENCY_BUCKETS, blob.length >> 2);
  for (let i = 0; i < n; i++) acc[i]! += blob.readUInt32LE(i * 4);
}

/** The non-empty buckets of summed counts, as [upper bound µs, count]. */
export function histogramPairs(counts: ArrayLike<number>): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < LATENCY_BUCKETS; i++) if (counts[i]) out.push([bucketUpperUs(i), counts[i]!]);
  return out;
}

/** Registers ndxp_hist_add(a, b) (BLOB sum, either may be NULL), ndxp_hist_sub(a, b) (difference, floored at 0) and the aggregate ndxp_hist_sum(h) (JSON array). */
export function registerHistogramFunctions(db: SqliteDatabase): void {
  db.function('ndxp_hist_add', { deterministic: true }, (a: unknown, b: unknown) => {
    const acc = new Float64Array(LATENCY_BUCKETS);
    addInto(acc, a);
    addInto(acc, b);
    return encodeHistogram(acc);
  });
  // a minus b, bucket by bucket, never below 0 (a transaction moved to another counter row).
  db.function('ndxp_hist_sub', { deterministic: true }, (a: unknown, b: unknown) => {
    const acc = new Float64Array(LATENCY_BUCKETS);
    const sub = new Float64Array(LATENCY_BUCKETS);
    addInto(acc, a);
    addInto(sub, b);
    for (let i = 0; i < LATENCY_BUCKETS; i++) acc[i] = Math.max(0, acc[i]! - sub[i]!);
    return encodeHistogram(acc);
  });
  db.aggregate('ndxp_hist_sum', {
    start: () => new Float64Array(LATENCY_BUCKETS),
    step: (acc: Float64Array, blob: unknown) => {
      addInto(acc, blob);
      return acc;
    },
    result: (acc: Float64Array) => JSON.stringify(Array.from(acc)),
  });
}
