// HTTP calls to a national system: per-attempt timeout bounded by the deadline, retries of idempotent
// calls, a circuit breaker, trace and request id forwarded, failures mapped to the mesh's stable codes.
import { MeshError } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';
import { context, propagation } from '@opentelemetry/api';
import { CircuitBreaker } from './circuit-breaker';
import { ADAPTER_DEFAULTS } from './defaults';
import { sleepUnlessAborted } from './own-context';
import type { RequestContext } from './request-context';

/** How to reach one national system. */
export interface UpstreamConfig {
  /** For logs and errors, e.g. 'hộ tịch'. */
  name: string;
  /** e.g. http://127.0.0.1:8082 */
  baseUrl: string;
  /**
   * Cap of one attempt when the request has more time left; an attempt otherwise runs until the
   * request's deadline, so a national system that answers inside the deadline is served (a shorter
   * cap would end every attempt of a slow but working system, and a retry would fare no better).
   */
  timeoutMs: number;
  /** Extra attempts for idempotent calls only (default 2), with short backoff, never past the deadline. */
  retries?: number;
  /** Defaults: 5 consecutive failures open the circuit for 5000 ms. */
  breaker?: { failureThreshold?: number; resetMs?: number };
  /** Where breaker changes and retries are logged (default: nowhere). */
  logger?: Logger;
}

/** One call to the national system. */
export interface UpstreamRequest {
  /** Default GET. */
  method?: 'GET' | 'POST';
  /** Appended to baseUrl. */
  path: string;
  /** Sent as is. */
  body?: string;
  /** e.g. 'application/json', 'text/xml; charset=utf-8' */
  contentType?: string;
  headers?: Record<string, string>;
  /** Whether a failed attempt may be repeated; default true for GET, false for POST. */
  idempotent?: boolean;
  /**
   * Statuses (400 and up) that are an answer the adapter reads itself, not a failure: e.g. 409 for
   * a refused state change, or 500 for a SOAP fault. They neither throw nor count against the breaker.
   */
  acceptStatus?: readonly number[];
}

/** An answer of the national system: any status below 400, or one the request accepts (failures are thrown as MeshError). */
export interface UpstreamResponse {
  status: number;
  body: string;
  headers: Headers;
  /** Parses the body; a body that is not JSON throws server.upstream_failure. */
  json<T = unknown>(): T;
}

/** A national system behind its breaker. */
export interface Upstream {
  /**
   * Calls the national system for the request `ctx`; maps failures to MeshError: 404 → client.not_found,
   * other 4xx → server.upstream_failure, 5xx / connection failure → server.upstream_failure,
   * timeout or ctx.signal abort → server.timeout, breaker open → server.upstream_failure at once.
   */
  call(ctx: RequestContext, request: UpstreamRequest): Promise<UpstreamResponse>;
  /** 'closed' | 'open' | 'half-open' */
  readonly breakerState: string;
}

/**
 * How one attempt failed. 'failed': the system's fault (5xx, unreachable, own timeout), counted by the
 * breaker and retried; 'answered': the system answered (404, other 4xx); 'abandoned': the request's own
 * deadline ended it, which says nothing about the system (a consumer with tiny deadlines must not open
 * the circuit for everyone).
 */
interface AttemptFailure {
  error: MeshError;
  verdict: 'failed' | 'answered' | 'abandoned';
}

const BACKOFF_BASE_MS = 50;
const BACKOFF_MAX_MS = 500;

/** Makes the client of one national system; throws a plain Error on a malformed config. */
export function createUpstream(config: UpstreamConfig): Upstream {
  const base = checkConfig(config);
  const retries = config.retries ?? ADAPTER_DEFAULTS.upstreamRetries;
  const { logger, name } = config;
  const breaker = new CircuitBreaker({
    failureThreshold: config.breaker?.failureThreshold,
    resetMs: config.breaker?.resetMs,
    onStateChange: (to, from) => logger?.warn({ upstream: name, from, to }, `circuit of ${name} ${to}`),
  });

  async function call(ctx: RequestContext, request: UpstreamRequest): Promise<UpstreamResponse> {
    const method = request.method ?? 'GET';
    const attempts = 1 + ((request.idempotent ?? method === 'GET') ? retries : 0);
    const url = base + request.path;
    for (let attempt = 1; ; attempt++) {
      if (ctx.signal.aborted || ctx.remainingMs() <= 0) {
        throw new MeshError('server.timeout', `the deadline passed before ${name} answered`);
      }
      if (!breaker.tryAcquire()) {
        throw new MeshError(
          'server.upstream_failure',
          `the circuit to ${name} is open after repeated failures (retry in ${breaker.retryInMs()} ms)`,
        );
      }
      const outcome = await attemptOnce(ctx, method, url, request);
      if (!('error' in outcome)) {
        breaker.onSuccess();
        return outcome;
      }
      if (outcome.verdict === 'answered') {
        breaker.onSuccess(); // a refusal is the request's problem, not a sign of ill health
        throw outcome.error;
      }
      if (outcome.verdict === 'abandoned') {
        breaker.onAbandoned();
        throw outcome.error;
      }
      breaker.onFailure();
      const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      if (attempt >= attempts || ctx.signal.aborted || backoff >= ctx.remainingMs()) throw outcome.error;
      logger?.debug({ upstream: name, requestId: ctx.requestId, attempt, code: outcome.error.code }, 'upstream retry');
      await sleepUnlessAborted(backoff, ctx.signal);
    }
  }

  async function attemptOnce(
    ctx: RequestContext,
    method: 'GET' | 'POST',
    url: string,
    request: UpstreamRequest,
  ): Promise<UpstreamResponse | AttemptFailure> {
    const ac = new AbortController();
    const onAbort = (): void => ac.abort();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    // Our own limit is what ends the attempt unless the deadline comes first.
    const remaining = ctx.remainingMs();
    const ownLimit = config.timeoutMs < remaining;
    const timer = setTimeout(() => ac.abort(), ownLimit ? config.timeoutMs : remaining);
    const headers: Record<string, string> = { ...request.headers };
    if (request.contentType) headers['content-type'] = request.contentType;
    if (ctx.requestId) headers['x-request-id'] = ctx.requestId;
    // Carry the trace to the national system when it understands W3C trace context.
    propagation.inject(context.active(), headers);
    try {
      const res = await fetch(url, { method, headers, body: request.body, signal: ac.signal });
      const body = await res.text();
      if (request.acceptStatus?.includes(res.status)) return makeResponse(name, res.status, body, res.headers);
      if (res.status === 404) return { error: new MeshError('client.not_found'), verdict: 'answered' };
      if (res.status >= 400 && res.status < 500) {
        const error = new MeshError('server.upstream_failure', `${name} refused the request with HTTP ${res.status}`);
        return { error, verdict: 'answered' };
      }
      if (res.status >= 500) {
        return { error: new MeshError('server.upstream_failure', `${name} answered HTTP ${res.status}`), verdict: 'failed' };
      }
      return makeResponse(name, res.status, body, res.headers);
    } catch (err) {
      if (ac.signal.aborted) {
        const error = new MeshError('server.timeout', `${name} did not answer in time`, { cause: err });
        return { error, verdict: ownLimit && !ctx.signal.aborted ? 'failed' : 'abandoned' };
      }
      const error = new MeshError('server.upstream_failure', `${name} could not be reached`, { cause: err });
      return { error, verdict: 'failed' };
    } finally {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
    }
  }

  return {
    call,
    get breakerState() {
      return breaker.state;
    },
  };
}

function makeResponse(name: string, status: number, body: string, headers: Headers): UpstreamResponse {
  return {
    status,
    body,
    headers,
    json<T>(): T {
      try {
        return JSON.parse(body) as T;
      } catch (err) {
        throw new MeshError('server.upstream_failure', `${name} answered no valid JSON`, { cause: err });
      }
    },
  };
}

function checkConfig(config: UpstreamConfig): string {
  const fail = (what: string): never => {
    throw new Error(`upstream ${JSON.stringify(config.name)}: ${what}`);
  };
  if (!config.name) fail('name is empty');
  let url: URL | undefined;
  try {
    url = new URL(config.baseUrl);
  } catch {
    fail(`baseUrl ${JSON.stringify(config.baseUrl)} is not a URL`);
  }
  if (url && url.protocol !== 'http:' && url.protocol !== 'https:') fail('baseUrl must be http or https');
  if (!Number.isFinite(config.timeoutMs) || config.timeoutMs <= 0) fail('timeoutMs must be a positive number');
  if (config.retries !== undefined && (!Number.isInteger(config.retries) || config.retries < 0)) {
    fail('retries must be a whole number ≥ 0');
  }
  const { failureThreshold, resetMs } = config.breaker ?? {};
  if (failureThreshold !== undefined && (!Number.isInteger(failureThreshold) || failureThreshold < 1)) {
    fail('breaker.failureThreshold must be a whole number ≥ 1');
  }
  if (resetMs !== undefined && (!Number.isFinite(resetMs) || resetMs <= 0)) fail('breaker.resetMs must be positive');
  return config.baseUrl.replace(/\/+$/, '');
}
