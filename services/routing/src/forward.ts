// Forwarding an admitted request to its adapter: headers for the next hop, request-reply by the
// deadline, and the adapter's answer as it came (or the failure's code).
import { context, trace } from '@opentelemetry/api';
import type { Msg } from '@nats-io/nats-core';
import { Header, MeshError, subjects, type ErrorCode, type MeterEvent } from '@ndxp/contracts';
import { injectTrace, ReplyError, type ReplyMux } from '@ndxp/runtime';
import type { AdmittedRequest } from './limits-check';
import type { StoredAnswer } from './replay-cache';
import { isHeaderText } from './request-checks';

/**
 * Forwards the payload, unchanged, to ndxp.svc.<provider>.<service> with the request's headers plus
 * Ndxp-Consumer, what is left of the budget and the span's trace context; stamps forwardedAtMs,
 * answeredAtMs and adapterInstance on the meter event. A failure is thrown as its MeshError.
 */
export async function forward(mux: Pick<ReplyMux, 'request'>, request: AdmittedRequest, event: MeterEvent): Promise<StoredAnswer> {
  const { route, headers, deadline } = request;
  headers.set(Header.Consumer, route.consumer);
  event.forwardedAtMs = Date.now();
  headers.set(Header.Timeout, String(Math.max(0, deadline - event.forwardedAtMs)));
  headers.set(Header.Deadline, String(deadline));
  injectTrace(trace.setSpan(context.active(), request.span), headers);
  let answer: Msg;
  try {
    answer = await mux.request(
      subjects.service(route.provider, route.service),
      request.data,
      headers,
      Math.max(1, deadline - event.forwardedAtMs),
    );
  } catch (err) {
    throw toMeshError(err);
  }
  event.answeredAtMs = Date.now();
  // An answer seen after the deadline is a timeout, whichever of it and the timer routing saw
  // first (after a freeze both are due at once): its consumer has stopped waiting.
  if (event.answeredAtMs > deadline) throw new MeshError('server.timeout', 'the adapter answered after the deadline');
  const h = answer.headers;
  const instance = h?.get(Header.Instance) ?? '';
  if (isHeaderText(instance)) event.adapterInstance = instance;
  const status = h?.get(Header.Status);
  if (!h || !status) throw new MeshError('server.internal', 'adapter answered without a status');
  return { code: status, headers: h, data: answer.data };
}

/** Maps a forwarding failure to the stable code. */
function toMeshError(err: unknown): MeshError {
  const reason = err instanceof ReplyError ? err.reason : undefined;
  const code: ErrorCode = reason === 'no_responders' ? 'server.no_adapter' : reason === 'timeout' ? 'server.timeout' : 'server.internal';
  return new MeshError(code, undefined, { cause: err });
}
