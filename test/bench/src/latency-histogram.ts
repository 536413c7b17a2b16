// A mergeable latency histogram in the spirit of HdrHistogram: log-spaced buckets of about 1%
// width from 1 µs to 100 s, so percentiles are within 1% and rounds can be merged exactly.

const MIN_MS = 0.001;
const MAX_MS = 100_000;
/** Relative width of one bucket: a reported percentile is within this factor of the true value. */
export const BUCKET_GROWTH = 1.01;
const LOG_GROWTH = Math.log(BUCKET_GROWTH);
const BUCKETS = Math.ceil(Math.log(MAX_MS / MIN_MS) / LOG_GROWTH) + 1;

/** Percentiles and moments of one set of latencies, in milliseconds. */
export interface LatencySummary {
  count: number;
  mean: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/** Sparse serialisable form of a histogram (sent from the load client to the runner). */
export interface HistogramData {
  counts: Array<[number, number]>;
  total: number;
  sum: number;
  min: number;
  max: number;
}

/** Records latencies (ms) into fixed log buckets; exact count, sum, min and max. */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private sum = 0;
  private min = Infinity;
  private max = 0;

  /** Adds one latency in milliseconds. */
  record(ms: number): void {
    this.counts[bucketOf(ms)]! += 1;
    this.total += 1;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  /** Adds every sample of another histogram to this one. */
  merge(other: HistogramData): void {
    for (const [i, c] of other.counts) this.counts[i]! += c;
    this.total += other.total;
    this.sum += other.sum;
    if (other.total > 0) {
      this.min = Math.min(this.min, other.min);
      this.max = Math.max(this.max, other.max);
    }
  }

  get count(): number {
    return this.total;
  }

  /**
   * The latency at quantile q (0..1) by nearest rank: the smallest recorded value such that at
   * least q of all samples are at or below it (reported as its bucket's midpoint, clamped to min/max).
   */
  percentile(q: number): number {
    if (this.total === 0) return NaN;
    if (q <= 0) return this.min;
    if (q >= 1) return this.max;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, midpointOf(i)));
    }
    return this.max;
  }

  /** Count, mean and the percentiles reported by the benchmark. */
  summary(): LatencySummary {
    const empty = this.total === 0;
    return {
      count: this.total,
      mean: empty ? NaN : this.sum / this.total,
      min: empty ? NaN : this.min,
      p50: this.percentile(0.5),
      p90: this.percentile(0.9),
      p99: this.percentile(0.99),
      p999: this.percentile(0.999),
      max: empty ? NaN : this.max,
    };
  }

  /** Sparse serialisable copy. */
  toData(): HistogramData {
    const counts: Array<[number, number]> = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]! > 0) counts.push([i, this.counts[i]!]);
    return {
      counts,
      total: this.total,
      sum: this.sum,
      min: this.min,
      max: this.max,
    };
  }

  /** Rebuilds a histogram from its serialised form. */
  static fromData(data: HistogramData): LatencyHistogram {
    const h = new LatencyHistogram();
    h.merge(data);
    return h;
  }
}

function bucketOf(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  const i = Math.floor(Math.log(ms / MIN_MS) / LOG_GROWTH) + 1;
  return i >= BUCKETS ? BUCKETS - 1 : i;
}

// Bucket i > 0 holds (MIN·g^(i-1), MIN·g^i]; its geometric midpoint is within half a bucket of any value in it.
function midpointOf(i: number): number {
  if (i === 0) return MIN_MS;
  return MIN_MS * Math.pow(BUCKET_GROWTH, i - 0.5);
}
