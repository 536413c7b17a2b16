// The context a handler gets with each request: who asks, until when, and how to log and cancel.
import { Header, MeshError, type HeaderReader } from '@ndxp/contracts';
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
  /** Absolute deadline, ms since the epoch. */
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
}

const EMPTY: HeaderReader = { get: () => '' };

/** Reads the request headers; a missing deadline becomes now + defaultTimeoutMs. */
export function readRequestMeta(headers: HeaderReader | undefined, now: number, defaultTimeoutMs: number): RequestMeta {
  const h = headers ?? EMPTY;
  const rawDeadline = h.get(Header.Deadline);
  let deadline = now + defaultTimeoutMs;
  if (rawDeadline) {
    if (!/^\d{1,16}$/.test(rawDeadline)) {
      throw new MeshError('client.malformed', `${Header.Deadline} must be epoch milliseconds`, { field: Header.Deadline });
    }
    deadline = Number(rawDeadline);
  }
  return {
    requestId: h.get(Header.RequestId),
    consumer: h.get(Header.Consumer),
    version: h.get(Header.Version) || undefined,
    officer: h.get(Header.Officer) || undefined,
    purpose: h.get(Header.Purpose) || undefined,
    deadline,
  };
}
