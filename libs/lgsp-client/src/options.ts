// Client options and every default, resolved in one function.
import type { NatsConnection } from '@nats-io/nats-core';

/** Reconnect wait of the client's own connection: 100 ms plus up to 100 ms of jitter (200 with TLS). */
export const RECONNECT_WAIT_MS = 100;
export const RECONNECT_JITTER_MS = 100;
export const RECONNECT_JITTER_TLS_MS = 200;
/** Keep-alive: a ping every 2 s, the link is stale (and redialled) with 2 unanswered. */
export const PING_INTERVAL_MS = 2_000;
export const MAX_PINGS_OUT = 2;

/** Options of createClient. */
export interface ClientOptions {
  /** The LGSP's own subsystem token, e.g. TINH-01-LGSP. */
  consumer: string;
  /** NATS servers to connect to (ignored when `nc` is given). */
  servers?: string | string[];
  /** An existing connection to use instead of opening one (it is not closed by close()). */
  nc?: NatsConnection;
  /** NATS user credentials, when the broker requires them. */
  user?: string;
  pass?: string;
  /** Path of the LGSP's NATS .creds file (the broker's authorization: publish only as this consumer). */
  credsFile?: string;
  /** TLS to the broker: the CA file to trust, and a client certificate and key when the broker asks for one. */
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
  /** Default time allowed for a call, ms (5000). */
  timeoutMs?: number;
  /** Attempts after the first for retryable failures, reusing the request id (2). */
  retries?: number;
  /** Pause before the first retry, doubled each time, ms (100). */
  retryBackoffMs?: number;
  /**
   * Longest wait for one attempt's answer, ms (2000; 0 gives each attempt the whole budget left). A
   * request with no answer by then is sent again under the same request id, inside the deadline: this
   * recovers a request swallowed by a frozen routing replica before the broker drops it (about 4–6 s),
   * at the cost of a second copy of a call slower than this (README, "Broker faults").
   */
  attemptTimeoutMs?: number;
  /** Officer and purpose sent with every call unless a call names its own. */
  officer?: string;
  purpose?: string;
  /**
   * Largest request payload the client sends, bytes (262144, routing's default limit): a larger one
   * is refused with client.too_large before it is published, so it never reaches the broker.
   */
  maxRequestBytes?: number;
}

/** Options after defaults. */
export type ResolvedClientOptions = Required<Omit<ClientOptions, 'nc' | 'user' | 'pass' | 'servers' | 'credsFile' | 'tls'>> &
  Pick<ClientOptions, 'nc' | 'user' | 'pass' | 'credsFile' | 'tls'> & { servers: string[] };

/** Resolves every default of the client. */
export function resolveOptions(o: ClientOptions): ResolvedClientOptions {
  return {
    consumer: o.consumer,
    servers: typeof o.servers === 'string' ? o.servers.split(',') : (o.servers ?? ['nats://127.0.0.1:4222']),
    nc: o.nc,
    user: o.user,
    pass: o.pass,
    credsFile: o.credsFile,
    tls: o.tls,
    timeoutMs: o.timeoutMs ?? 5_000,
    retries: o.retries ?? 2,
    retryBackoffMs: o.retryBackoffMs ?? 100,
    attemptTimeoutMs: o.attemptTimeoutMs ?? 2_000,
    officer: o.officer ?? '',
    purpose: o.purpose ?? '',
    maxRequestBytes: o.maxRequestBytes ?? 262_144,
  };
}

/** Per-call options. */
export interface CallOptions {
  /** Reuse this request id (idempotency key); a fresh one is made otherwise. */
  requestId?: string;
  timeoutMs?: number;
  retries?: number;
  officer?: string;
  purpose?: string;
  version?: string;
}
