// Where the adapter gets a record: the national system over HTTP.
import type { RequestContext, Upstream } from '@ndxp/adapter-sdk';

/** A source of national records (JSON in the national system's field names). */
export interface EnterpriseSource {
  /** The record of a validated code; throws client.not_found when there is none. */
  lookup(taxCode: string, ctx: RequestContext): Promise<unknown>;
}

/**
 * The national system's REST API: GET {BR_UPSTREAM_URL}/dkdn/v1/enterprises/{taxCode}, through the SDK's
 * upstream (deadline-bounded attempts, retries, circuit breaker, trace and request id forwarded).
 */
export function httpSource(upstream: Upstream): EnterpriseSource {
  return {
    lookup: async (taxCode, ctx) => {
      const res = await upstream.call(ctx, {
        path: `/dkdn/v1/enterprises/${encodeURIComponent(taxCode)}`,
        headers: { accept: 'application/json' },
      });
      return res.json();
    },
  };
}
