// Admission step 1, the envelope: size, subject and headers, the checks that need neither the
// registry nor the clock beyond the moment of arrival. Reads the request's time budget, once.
import type { MsgHdrs } from '@nats-io/nats-core';
import { Header, MeshError, type HeaderReader } from '@ndxp/contracts';
import type { Step } from './admission';
import type { RoutingConfig } from './config';
import type { ReceivedRequest } from './received-request';
import { isHeaderText, MAX_DEADLINE_AHEAD_MS, type RequestRoute } from './request-checks';

/** Ndxp-Deadline: epoch milliseconds. */
const DEADLINE = /^[0-9]{1,15}$/;
/** Ndxp-Timeout: whole milliseconds. */
const TIMEOUT = /^[0-9]{1,9}$/;

/** A request whose size, subject and headers are well-formed. */
export interface EnvelopedRequest extends ReceivedRequest {
  readonly route: RequestRoute;
  readonly headers: MsgHdrs;
  /**
   * Its deadline on routing's own clock: arrival plus Ndxp-Timeout (skew-proof), else the legacy
   * Ndxp-Deadline less arrival (the sender's clock), else the default; at most the longest wait.
   */
  readonly deadline: number;
}

/** The settings the envelope step reads. */
export type EnvelopeLimits = Pick<RoutingConfig, 'maxRequestBytes' | 'defaultTimeoutMs' | 'maxTimeoutMs'>;

/**
 * Refuses, in this order: a request over the size limit (client.too_large), a subject that is not
 * ndxp.req.<consumer>.<provider>.<service>, no headers or no valid Ndxp-Request-Id, a malformed
 * Ndxp-Timeout (or, without it, Ndxp-Deadline), Ndxp-Version, Ndxp-Officer or Ndxp-Purpose
 * (client.malformed, naming the field).
 */
export function checkEnvelope(limits: EnvelopeLimits): Step<ReceivedRequest, EnvelopedRequest> {
  return (request) => {
    const { size, route, headers } = request;
    if (size > limits.maxRequestBytes)
      return new MeshError('client.too_large', `request is ${size} bytes, the limit is ${limits.maxRequestBytes}`, { field: 'payload' });
    if (!route)
      return new MeshError(
        'client.malformed',
        'subject must be ndxp.req.<consumer>.<provider>.<service> with subsystem tokens (CLASS-CODE-SUBSYSTEM) and a service name',
        { field: 'subject' },
      );
    if (!headers || request.requestId === '')
      return new MeshError('client.malformed', `header ${Header.RequestId} is required: 1-128 printable characters, no spaces`, {
        field: Header.RequestId,
      });
    const asked = askedBudget(headers, request.receivedAt);
    if (asked instanceof MeshError) return asked;
    if (request.version === '')
      return new MeshError('client.malformed', `header ${Header.Version} must be a version token such as v1`, { field: Header.Version });
    if (!isHeaderText(request.officer))
      return new MeshError('client.malformed', `header ${Header.Officer} must be at most 256 characters without control characters`, {
        field: Header.Officer,
      });
    if (!isHeaderText(request.purpose))
      return new MeshError('client.malformed', `header ${Header.Purpose} must be at most 256 characters without control characters`, {
        field: Header.Purpose,
      });
    const budgetMs = Math.min(asked ?? limits.defaultTimeoutMs, limits.maxTimeoutMs);
    return { ...request, route, headers, deadline: request.receivedAt + budgetMs };
  };
}

/** The budget the request asks for, ms: Ndxp-Timeout, else Ndxp-Deadline less now; undefined when neither is sent. */
function askedBudget(h: HeaderReader, now: number): number | undefined | MeshError {
  const timeout = h.get(Header.Timeout);
  if (timeout) {
    const ms = Number(timeout);
    if (!TIMEOUT.test(timeout) || ms > MAX_DEADLINE_AHEAD_MS)
      return new MeshError('client.malformed', `header ${Header.Timeout} must be whole milliseconds, at most 24 h`, {
        field: Header.Timeout,
      });
    return ms;
  }
  // Only without a budget is the absolute deadline read (from a sender whose clock may differ).
  const deadline = h.get(Header.Deadline);
  if (!deadline) return undefined;
  const at = Number(deadline);
  if (!DEADLINE.test(deadline) || at > now + MAX_DEADLINE_AHEAD_MS)
    return new MeshError('client.malformed', `header ${Header.Deadline} must be epoch milliseconds at most 24 h ahead`, {
      field: Header.Deadline,
    });
  return at - now;
}
