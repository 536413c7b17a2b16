// The standard counters of one NATS micro endpoint ($SRV.STATS), kept by whoever serves it.

/** The counters of one endpoint in a $SRV.STATS answer; last_error is '' until one fails. */
export interface EndpointCounts {
  num_requests: number;
  num_errors: number;
  last_error: string;
  /** Nanoseconds, in total and per request. */
  processing_time: number;
  average_processing_time: number;
}

/**
 * Counts the requests of one endpoint, timed from arrival to answer. Only server-side failures count
 * as errors (a refused request is the caller's fault, not the endpoint's), as the adapters count them.
 */
export class EndpointTally {
  private requests = 0;
  private errors = 0;
  private nanos = 0;
  private lastError = '';

  /** Marks a request as arrived; returns the start time to pass to `finish`. */
  begin(): number {
    return performance.now();
  }

  /** Records an answered request; `serverError` is the text of its failure, if the endpoint failed. */
  finish(startedAt: number, serverError?: string): void {
    this.requests++;
    this.nanos += Math.round((performance.now() - startedAt) * 1e6);
    if (serverError !== undefined) {
      this.errors++;
      this.lastError = serverError;
    }
  }

  /** The counts as $SRV.STATS reports them. */
  counts(): EndpointCounts {
    return {
      num_requests: this.requests,
      num_errors: this.errors,
      last_error: this.lastError,
      processing_time: this.nanos,
      average_processing_time: this.requests === 0 ? 0 : Math.round(this.nanos / this.requests),
    };
  }
}
