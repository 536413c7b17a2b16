// The context a handler gets with each request: who asks, until when, and how to log and cancel.
import { Header, isSubsystemToken, MeshError, type HeaderReader } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';

/** What a handler knows about the request besides its message. */
export interface RequestContext {
  /** Client-made id, the same on every retry (log it, pass it upstream as a correlation id). */
  requestId: string;
  /** Consumer subsystem token set by routing; empty when absent. */
  consumer: string;
  /** Service version the consumer asked for. */
  version: string;
  officer: string | undefined;
  purpose: string | undefined;
  /** Absolute deadline, ms since the epoch on this process's clock (from the request's budget). */
  deadline: number;
  /** Fires at the deadline (and when the adapter is told to abandon the request). */
  signal: AbortSignal;
  /** Child logger carrying the request id. */
  logger: Logger;
  /** Milliseconds left until the deadline (0 when past). */
  remainingMs(): number;
}

/** The request metadata carried in NATS headers. */
export interface RequestMeta {
  requestId: string;
  consumer: string;
  version: string | undefined;
  officer: string | undefined;
  purpose: string | undefined;
  deadline: number;
  /** True when the deadline came from Ndxp-Timeout: routing forwarded what was left of the budget. */
  fromBudget: boolean;
}

const EMPTY: HeaderReader = { get: () => '' };

/** Longest a deadline may lie ahead (as routing checks it); further is malformed, and would overflow a timer. */
export const MAX_DEADLINE_AHEAD_MS = 86_400_000;
/**
 * A request id the adapter accepts: at most 128 characters, no control characters (routing is
 * stricter: printable ASCII without spaces; the adapter refuses only what is unsafe to echo or log).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const REQUEST_ID = /^[^\x00-\x1f\x7f]{1,128}$/;

/**
 * Reads the request headers. The deadline is now + Ndxp-Timeout (the budget routing forwards,
 * counted on this process's clock, so a skewed clock elsewhere does no harm); without it the
 * legacy Ndxp-Deadline (on the sender's clock); without either now + defaultTimeoutMs. Refuses with
 * client.malformed, naming the header, a budget that is not whole milliseconds up to 24 h, a
 * deadline that is not epoch milliseconds or lies more than 24 h ahead, a request id or consumer
 * that is present but malformed (as only a misbehaving peer that bypasses routing could send).
 */
export function readRequestMeta(headers: HeaderReader | undefined, now: number, defaultTimeoutMs: number): RequestMeta {
  const h = headers ?? EMPTY;
  const rawTimeout = h.get(Header.Timeout);
  const rawDeadline = rawTimeout ? '' : h.get(Header.Deadline);
  let deadline = now + defaultTimeoutMs;
  if (rawTimeout) {
    if (!/^\d{1,9}$/.test(rawTimeout) || Number(rawTimeout) > MAX_DEADLINE_AHEAD_MS) {
      throw new MeshError('client.malformed', `${Header.Timeout} must be whole milliseconds, at most 24 h`, { field: Header.Timeout });
    }
    deadline = now + Number(rawTimeout);
  } else if (rawDeadline) {
    if (!/^\d{1,16}$/.test(rawDeadline) || Number(rawDeadline) > now + MAX_DEADLINE_AHEAD_MS) {
      throw new MeshError('client.malformed', `${Header.Deadline} must be epoch milliseconds at most 24 h ahead`, {
        field: Header.Deadline,
      });
    }
    deadline = Number(rawDeadline);
  }
  const requestId = h.get(Header.RequestId);
  if (requestId && !REQUEST_ID.test(requestId)) {
    throw new MeshError('client.malformed', `${Header.RequestId} must be at most 128 characters without control characters`, {
      field: Header.RequestId,
    });
  }
  const consumer = h.get(Header.Consumer);
  if (consumer && !isSubsystemToken(consumer)) {
    throw new MeshError('client.malformed', `${Header.Consumer} must be a subsystem token`, { field: Header.Consumer });
  }
  return {
    requestId,
    consumer,
    version: h.get(Header.Version) || undefined,
    officer: h.get(Header.Officer) || undefined,
    purpose: h.get(Header.Purpose) || undefined,
    deadline,
    fromBudget: rawTimeout !== '',
  };
}
