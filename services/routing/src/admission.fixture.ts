// What the admission steps' unit tests share: requests as each step receives them, and a span that
// keeps the attributes set on it.
import { INVALID_SPAN_CONTEXT, trace, type Span } from '@opentelemetry/api';
import { headers as newHeaders, type Msg } from '@nats-io/nats-core';
import { Header, MeshError } from '@ndxp/contracts';
import { Replayed, type StepResult } from './admission';
import { receiveRequest, type ReceivedRequest } from './received-request';
import { checkEnvelope, type EnvelopedRequest } from './envelope-check';
import type { AuthorizedRequest } from './registry-check';
import type { TimelyRequest } from './stall-check';

/** The arrival time of every test request. */
export const NOW = 1_700_000_000_000;
export const ROUTE = { consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise' };
/** The payload of every test request. */
export const PAYLOAD = new TextEncoder().encode('payload');

/** A span that records its attributes (the global tracer's spans record nothing). */
export function recordingSpan(): Span & { attributes: Record<string, unknown> } {
  const span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  const attributes: Record<string, unknown> = {};
  span.setAttribute = (key, value) => {
    attributes[key] = value;
    return span;
  };
  return Object.assign(span, { attributes });
}

/** Default budget of the test requests without Ndxp-Timeout or Ndxp-Deadline. */
export const DEFAULT_TIMEOUT_MS = 3_000;

/**
 * A request as routing reads it (receiveRequest) with these header values, Ndxp-Request-Id `req-1`
 * unless given ('' leaves a header out); `overrides` replace what was read.
 */
export function receivedRequest(values: Record<string, string> = {}, overrides: Partial<ReceivedRequest> = {}): ReceivedRequest {
  const h = newHeaders();
  for (const [k, v] of Object.entries({ [Header.RequestId]: 'req-1', ...values })) if (v !== '') h.set(k, v);
  const msg = { subject: `ndxp.req.${ROUTE.consumer}.${ROUTE.provider}.${ROUTE.service}`, data: PAYLOAD, headers: h } as unknown as Msg;
  const options = { view: { hasService: () => true }, tracer: trace.getTracer('test'), defaultTimeoutMs: DEFAULT_TIMEOUT_MS };
  return { ...receiveRequest(msg, ROUTE, NOW, options), span: recordingSpan(), ...overrides };
}

/** The envelope step's settings in these tests. */
export const LIMITS = { maxRequestBytes: 1_000, defaultTimeoutMs: DEFAULT_TIMEOUT_MS, maxTimeoutMs: 60_000 };

/** A request as the envelope step passed it on. */
export function envelopedRequest(values: Record<string, string> = {}, overrides: Partial<ReceivedRequest> = {}): EnvelopedRequest {
  return passed(atOnce(checkEnvelope(LIMITS)(receivedRequest(values, overrides))));
}

/** A request as the registry step passed it on, with `overrides` (a deadline, a span). */
export function authorizedRequest(overrides: Partial<AuthorizedRequest> = {}): AuthorizedRequest {
  return { ...envelopedRequest(), authorized: true, ...overrides };
}

/** A request as the replay step receives it: every check before it passed. */
export function timelyRequest(overrides: Partial<TimelyRequest> = {}): TimelyRequest {
  return {
    ...authorizedRequest({ deadline: NOW + 5_000 }),
    stalledMs: 0,
    budgetMs: 5_000,
    timely: true,
    ...overrides,
  };
}

/** The refusal's code and field, or 'passed' when the step let the request through. */
export function refusalOf(result: StepResult<unknown>): { code: string; field: string | undefined } | 'passed' | 'replayed' {
  if (result instanceof MeshError) return { code: result.code, field: result.field };
  if (result instanceof Replayed) return 'replayed';
  return 'passed';
}

/** A step's result, which must have been given at once (no shared store to wait for). */
export function atOnce<T>(result: StepResult<T> | Promise<StepResult<T>>): StepResult<T> {
  if (result instanceof Promise) throw new Error('the step went asynchronous');
  return result;
}

/** The request a step passed on; a refusal or a replay fails the test. */
export function passed<T>(result: StepResult<T>): T {
  if (result instanceof MeshError) throw new Error(`refused ${result.code}: ${result.message}`);
  if (result instanceof Replayed) throw new Error(`replayed (${result.kind})`);
  return result;
}
