// The checks routing makes on a request's size, subject and headers before it looks at the
// registry: pure, allocation-light (regex tests on strings NATS already parsed), in a fixed order.
import { Header, isServiceToken, isSubsystemToken, MeshError, type HeaderReader } from '@ndxp/contracts';

/** Longest Ndxp-Timeout (or Ndxp-Deadline ahead of now) routing accepts; more is a malformed header, not a wish. */
export const MAX_DEADLINE_AHEAD_MS = 86_400_000;
/**
 * The smallest time budget routing serves: less cannot reach an adapter and back, so it is refused
 * at once as client.deadline_exceeded (the consumer's choice, not the mesh's delay).
 */
export const MIN_BUDGET_MS = 10;

/** Ndxp-Request-Id: 1-128 printable ASCII characters, no spaces (it becomes a JetStream message id). */
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;
/** Ndxp-Version: a short token such as v1. */
const VERSION = /^[A-Za-z0-9._-]{1,32}$/;
/** Ndxp-Officer, Ndxp-Purpose: at most 256 characters, no control characters. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TEXT = /^[^\x00-\x1f\x7f]{0,256}$/;
/** Ndxp-Deadline: epoch milliseconds. */
const DEADLINE = /^[0-9]{1,15}$/;
/** Ndxp-Timeout: whole milliseconds. */
const TIMEOUT = /^[0-9]{1,9}$/;

/** The three tokens of ndxp.req.<consumer>.<provider>.<service>. */
export interface RequestRoute {
  consumer: string;
  provider: string;
  service: string;
}

/**
 * Reads the route from a request subject; undefined unless it has exactly five tokens, the
 * consumer and provider are subsystem tokens and the service a service token.
 */
export function routeOf(subject: string): RequestRoute | undefined {
  const parts = subject.split('.');
  if (parts.length !== 5 || parts[0] !== 'ndxp' || parts[1] !== 'req') return undefined;
  const [, , consumer, provider, service] = parts as [string, string, string, string, string];
  if (!isSubsystemToken(consumer) || !isSubsystemToken(provider) || !isServiceToken(service)) return undefined;
  return { consumer, provider, service };
}

/** True when s can be used as a request id (and so echoed and used as a JetStream message id). */
export function isRequestId(s: string): boolean {
  return REQUEST_ID.test(s);
}

/** True when s may be an Ndxp-Officer or Ndxp-Purpose value. */
export function isHeaderText(s: string): boolean {
  return TEXT.test(s);
}

/** True when s is a well-formed version token (registered or not). */
export function isVersionToken(s: string): boolean {
  return VERSION.test(s);
}

/**
 * The checks that need neither the registry nor the clock beyond `now`, in this order: size
 * (client.too_large), subject, headers present with a valid Ndxp-Request-Id, Ndxp-Timeout (or,
 * without it, Ndxp-Deadline), Ndxp-Version, Ndxp-Officer and Ndxp-Purpose (client.malformed, naming
 * the field).
 */
export function checkEnvelope(
  size: number,
  maxBytes: number,
  route: RequestRoute | undefined,
  h: HeaderReader | undefined,
  now: number,
): MeshError | undefined {
  if (size > maxBytes) return new MeshError('client.too_large', `request is ${size} bytes, the limit is ${maxBytes}`, { field: 'payload' });
  if (!route)
    return new MeshError(
      'client.malformed',
      'subject must be ndxp.req.<consumer>.<provider>.<service> with subsystem tokens (CLASS-CODE-SUBSYSTEM) and a service name',
      { field: 'subject' },
    );
  if (!h || !REQUEST_ID.test(h.get(Header.RequestId)))
    return new MeshError('client.malformed', `header ${Header.RequestId} is required: 1-128 printable characters, no spaces`, {
      field: Header.RequestId,
    });
  const timeout = h.get(Header.Timeout);
  if (timeout) {
    if (!TIMEOUT.test(timeout) || Number(timeout) > MAX_DEADLINE_AHEAD_MS)
      return new MeshError('client.malformed', `header ${Header.Timeout} must be whole milliseconds, at most 24 h`, {
        field: Header.Timeout,
      });
  } else {
    // Only without a budget is the absolute deadline read (from a sender whose clock may differ).
    const deadline = h.get(Header.Deadline);
    if (deadline && (!DEADLINE.test(deadline) || Number(deadline) > now + MAX_DEADLINE_AHEAD_MS))
      return new MeshError('client.malformed', `header ${Header.Deadline} must be epoch milliseconds at most 24 h ahead`, {
        field: Header.Deadline,
      });
  }
  const version = h.get(Header.Version);
  if (version && !VERSION.test(version))
    return new MeshError('client.malformed', `header ${Header.Version} must be a version token such as v1`, { field: Header.Version });
  if (!TEXT.test(h.get(Header.Officer)))
    return new MeshError('client.malformed', `header ${Header.Officer} must be at most 256 characters without control characters`, {
      field: Header.Officer,
    });
  if (!TEXT.test(h.get(Header.Purpose)))
    return new MeshError('client.malformed', `header ${Header.Purpose} must be at most 256 characters without control characters`, {
      field: Header.Purpose,
    });
  return undefined;
}

/**
 * The request's time budget in ms on routing's own clock: Ndxp-Timeout when present (skew-proof),
 * else the legacy Ndxp-Deadline less now (on the sender's clock), else the default; at most max.
 * The envelope check has validated the headers.
 */
export function budgetOf(h: HeaderReader | undefined, now: number, defaultMs: number, maxMs: number): number {
  const timeout = h?.get(Header.Timeout);
  const deadline = h?.get(Header.Deadline);
  const asked = timeout ? Number(timeout) : deadline ? Number(deadline) - now : defaultMs;
  return Math.min(asked, maxMs);
}
