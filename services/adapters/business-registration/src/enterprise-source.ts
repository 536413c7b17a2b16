// Where the adapter gets a record: the national system over HTTP, or the simulator's dataset in-process.
import type { RequestContext, Upstream } from '@ndxp/adapter-sdk';
import { MeshError } from '@ndxp/contracts';
import type { Dataset } from '@ndxp/simulator-business-registration';

/** A source of national records (JSON in the national system's field names). */
export interface EnterpriseSource {
  readonly kind: 'http' | 'memory';
  /** The record of a validated code; throws client.not_found when there is none. */
  lookup(taxCode: string, ctx: RequestContext): Promise<unknown>;
}

/**
 * The national system's REST API: GET {BR_UPSTREAM_URL}/dkdn/v1/enterprises/{taxCode}, through the SDK's
 * upstream (deadline-bounded attempts, retries, circuit breaker, trace and request id forwarded).
 */
export function httpSource(upstream: Upstream): EnterpriseSource {
  return {
    kind: 'http',
    lookup: async (taxCode, ctx) => {
      const res = await upstream.call(ctx, {
        path: `/dkdn/v1/enterprises/${encodeURIComponent(taxCode)}`,
        headers: { accept: 'application/json' },
      });
      return res.json();
    },
  };
}

/**
 * For benchmarks and demos without the national system: answers from the simulator's dataset in
 * this process, so a benchmark measures the mesh and not an extra HTTP hop.
 */
export function memorySource(dataset: Dataset): EnterpriseSource {
  return {
    kind: 'memory',
    lookup: (taxCode) => {
      const record = dataset.get(taxCode);
      return record ? Promise.resolve(record) : Promise.reject(new MeshError('client.not_found'));
    },
  };
}
