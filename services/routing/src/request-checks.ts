// The checks of single values of a request (its subject, its id, its header text): pure regex tests
// on strings NATS already parsed. The admission steps (envelope-check.ts first) are built on them.
import { isServiceToken, isSubsystemToken } from '@ndxp/contracts';

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
