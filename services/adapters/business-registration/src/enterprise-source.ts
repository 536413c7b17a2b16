// Where the adapter gets a record: the national system over HTTP, or the simulator's dataset in-process.
import { callUpstream, type RequestContext } from '@ndxp/adapter-sdk';
import { MeshError } from '@ndxp/contracts';
import type { Dataset } from '@ndxp/simulator-business-registration';

/** A source of national records (JSON in the national system's field names). */
export interface EnterpriseSource {
  readonly kind: 'http' | 'memory';
  /** The record of a validated code; throws client.not_found when there is none. */
  lookup(taxCode: string, ctx: RequestContext): Promise<unknown>;
}

/** The national system's REST API: GET {baseUrl}/dkdn/v1/enterprises/{taxCode}. */
export function httpSource(baseUrl: string, timeoutMs: number): EnterpriseSource {
  const base = `${baseUrl.replace(/\/+$/, '')}/dkdn/v1/enterprises/`;
  return {
    kind: 'http',
    lookup: (taxCode, ctx) =>
      callUpstream(base + encodeURIComponent(taxCode), {
        signal: ctx.signal,
        timeoutMs: Math.min(timeoutMs, ctx.remainingMs()),
        headers: { 'x-request-id': ctx.requestId },
      }),
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
