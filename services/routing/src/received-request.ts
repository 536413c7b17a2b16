// A request as routing read it, before any check: what the first step of admission takes, and what
// a refusal is metered and answered with. Each value read here is checked on its own, so that a
// refusal still echoes a usable request id and meters what was well-formed.
import { SpanKind, type Span, type Tracer } from '@opentelemetry/api';
import type { Msg, MsgHdrs } from '@nats-io/nats-core';
import { DEFAULT_VERSION, Header, SpanAttribute } from '@ndxp/contracts';
import { extractTrace } from '@ndxp/runtime';
import type { RegistryView } from './registry-view';
import { isRequestId, isVersionToken, type RequestRoute } from './request-checks';

/** What routing knows of a request when its handler gets it. */
export interface ReceivedRequest {
  /** When routing's handler got it (epoch ms, routing's clock). */
  readonly receivedAt: number;
  /** Headers plus payload as received (what the broker counts against max_payload). */
  readonly size: number;
  readonly data: Uint8Array;
  readonly headers: MsgHdrs | undefined;
  /** The subject's tokens; undefined when the subject is not a request subject. */
  readonly route: RequestRoute | undefined;
  /** Ndxp-Request-Id when usable (echoed, a JetStream message id), else ''. */
  readonly requestId: string;
  /** Ndxp-Version, `v1` when absent, '' when malformed. */
  readonly version: string;
  /** Ndxp-Officer and Ndxp-Purpose as sent ('' when absent); the envelope step checks them. */
  readonly officer: string;
  readonly purpose: string;
  /** Whether the registry copy holds the service at that version (looked up once: the metric label and the registry step). */
  readonly serviceKnown: boolean;
  /** When routing gives up on it (routing's clock): the default budget until the envelope step reads the request's own. */
  readonly deadline: number;
  /** The request's SERVER span `ndxp.route`, child of the sender's trace context. */
  readonly span: Span;
}

/** What reading a request needs: the registry copy's service lookup, the tracer, the default budget. */
export interface ReceiveOptions {
  view: Pick<RegistryView, 'hasService'>;
  tracer: Tracer;
  defaultTimeoutMs: number;
}

/** Reads a request message and starts its span. */
export function receiveRequest(msg: Msg, route: RequestRoute | undefined, receivedAt: number, options: ReceiveOptions): ReceivedRequest {
  const h = msg.headers;
  const rawId = h?.get(Header.RequestId) ?? '';
  const requestId = isRequestId(rawId) ? rawId : '';
  const rawVersion = h?.get(Header.Version) ?? '';
  const version = rawVersion === '' ? DEFAULT_VERSION : isVersionToken(rawVersion) ? rawVersion : '';
  const span = options.tracer.startSpan(
    'ndxp.route',
    { kind: SpanKind.SERVER, attributes: { [SpanAttribute.RequestId]: requestId, [SpanAttribute.MessagingDestination]: msg.subject } },
    extractTrace(h),
  );
  return {
    receivedAt,
    size: sizeOf(msg),
    data: msg.data,
    headers: h,
    route,
    requestId,
    version,
    officer: h?.get(Header.Officer) ?? '',
    purpose: h?.get(Header.Purpose) ?? '',
    serviceKnown: route !== undefined && options.view.hasService(route.provider, route.service, version),
    deadline: receivedAt + options.defaultTimeoutMs,
    span,
  };
}

/** Headers plus payload as received (what the broker counts against max_payload); payload alone if unknown. */
function sizeOf(msg: Msg): number {
  const sized = msg as Msg & { size?: () => number };
  return typeof sized.size === 'function' ? sized.size() - msg.subject.length - (msg.reply?.length ?? 0) : msg.data.length;
}
