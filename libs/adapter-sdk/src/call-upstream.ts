// JSON over HTTP to a national system, with its failures mapped to the mesh's stable codes.
import { MeshError } from '@ndxp/contracts';
import { context, propagation } from '@opentelemetry/api';

/** Options of one upstream call. */
export interface UpstreamOptions {
  /** Usually ctx.signal: aborting it ends the call with server.timeout. */
  signal?: AbortSignal;
  /** Upper bound of this call in ms, whatever the deadline. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/**
 * GETs url and returns its JSON body. 404 → client.not_found; other non-2xx, connection errors and
 * bodies that are not JSON → server.upstream_failure; timeout or abort → server.timeout.
 */
export async function callUpstream(url: string, options: UpstreamOptions = {}): Promise<unknown> {
  const { signal, timeoutMs } = options;
  if (signal?.aborted) throw new MeshError('server.timeout', 'deadline passed before the upstream call');
  const ac = new AbortController();
  const onAbort = (): void => ac.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => ac.abort(), timeoutMs);
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  // Carry the trace to the national system when it understands W3C trace context.
  propagation.inject(context.active(), headers);
  try {
    let res: Response;
    try {
      res = await fetch(url, { headers, signal: ac.signal });
    } catch (err) {
      if (ac.signal.aborted) throw new MeshError('server.timeout', undefined, { cause: err });
      throw new MeshError('server.upstream_failure', 'the national system could not be reached', { cause: err });
    }
    if (res.status === 404) {
      await res.arrayBuffer().catch(() => undefined);
      throw new MeshError('client.not_found');
    }
    if (!res.ok) {
      await res.arrayBuffer().catch(() => undefined);
      throw new MeshError('server.upstream_failure', `the national system answered HTTP ${res.status}`);
    }
    try {
      return await res.json();
    } catch (err) {
      if (ac.signal.aborted) throw new MeshError('server.timeout', undefined, { cause: err });
      throw new MeshError('server.upstream_failure', 'the national system answered no valid JSON', { cause: err });
    }
  } finally {
    if (timer) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
