// Per-endpoint statistics for $SRV.STATS, timed over the whole async handling of each request.
import type { ErrorCode } from '@ndxp/contracts';
import { isClientError } from '@ndxp/contracts';

/** Counts kept per endpoint, reported in $SRV.STATS `data`. */
export interface EndpointCounters {
  ok: number;
  clientErrors: number;
  serverErrors: number;
  inFlight: number;
}

/** The standard fields of one endpoint in a $SRV.STATS answer that this module owns. */
interface StandardEndpointStats {
  num_requests: number;
  num_errors: number;
  /** Always present ('' until a server error), as the NATS micro schema requires. */
  last_error?: string;
  processing_time: number;
  average_processing_time: number;
}

/**
 * Statistics of one endpoint. @nats-io/services times only the synchronous part of a handler (our
 * handlers return at once and answer later), so requests are timed here from arrival to answer.
 */
export class EndpointStats {
  readonly counters: EndpointCounters = { ok: 0, clientErrors: 0, serverErrors: 0, inFlight: 0 };
  private requests = 0;
  private processingNanos = 0;
  private lastError: string | undefined;

  /** Marks a request as arrived; returns the start time to pass to `finish`. */
  begin(): number {
    this.counters.inFlight++;
    return performance.now();
  }

  /** Records an answered request: ok, or the code (and message) of its error. */
  finish(startedAt: number, error?: { code: ErrorCode; message: string }): void {
    this.counters.inFlight--;
    this.requests++;
    this.processingNanos += Math.round((performance.now() - startedAt) * 1e6);
    if (!error) this.counters.ok++;
    else if (isClientError(error.code)) this.counters.clientErrors++;
    else {
      this.counters.serverErrors++;
      this.lastError = `${error.code}: ${error.message}`;
    }
  }

  /**
   * Overwrites the standard fields of the library's endpoint stats with our measurements; num_errors
   * counts server.* answers only (client.* refusals are the request's fault, not the endpoint's).
   */
  writeStandard(target: StandardEndpointStats): void {
    target.num_requests = this.requests;
    target.num_errors = this.counters.serverErrors;
    target.last_error = this.lastError ?? '';
    target.processing_time = this.processingNanos;
    target.average_processing_time = this.requests === 0 ? 0 : Math.round(this.processingNanos / this.requests);
  }

  /** The `data` of this endpoint in $SRV.STATS. */
  data(): EndpointCounters {
    return { ...this.counters };
  }
}

/** Finds the library's mutable stats object on an endpoint handed to statsHandler, if it has one. */
export function standardStatsOf(endpoint: unknown): StandardEndpointStats | undefined {
  const stats = (endpoint as { stats?: unknown } | null)?.stats;
  if (typeof stats !== 'object' || stats === null || !('num_requests' in stats)) return undefined;
  return stats as StandardEndpointStats;
}
