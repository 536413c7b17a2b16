// One call of a national service through either edge (gRPC or HTTP/JSON), from an authenticated
// caller to routing's answer: the request id rule, the span, the NATS data path, the metrics and the
// log line. Grants, limits, replays and metering are routing's, so both edges share them exactly.
import { isClientError, MeshError, recordOutcome, SpanAttribute, STATUS_OK, type NationalService } from '@ndxp/contracts';
import type { BrokerLink } from '@ndxp/lgsp-client';
import { extractTrace, type Logger, type ReplyMux, type ServiceMetrics, type TraceCarrier } from '@ndxp/runtime';
import { context, SpanKind, type Tracer } from '@opentelemetry/api';
import type { Caller } from './authenticate';
import type { GatewayConfig } from './config';
import { forward, RequestMetadata, requestIdOf, type CallerHeaders, type ForwardResult } from './forward';
import type { RegistryCopy } from './registry-copy';

/** What both edges share for the life of the gateway. */
export interface EdgeDeps {
  requester: ReplyMux;
  link: BrokerLink;
  copy: RegistryCopy;
  logger: Logger;
  tracer: Tracer;
  config: Pick<GatewayConfig, 'replyGraceMs'>;
  metrics?: ServiceMetrics | undefined;
}

/** One call as an edge received it. */
export interface EdgeCall {
  /** grpc or http: the span's rpc.system and the log line's edge. */
  edge: 'grpc' | 'http';
  national: NationalService<unknown, unknown>;
  /** The gRPC path or the HTTP path the call came on. */
  route: string;
  /** The caller's own request id, if it sent one. */
  callerRequestId: string | undefined;
  /** Authenticates the caller (throws MeshError client.unauthenticated); run once the registry is loaded. */
  authenticate: (nowMs: number) => Caller | Promise<Caller>;
  /** The request message, encoded. */
  payload: () => Uint8Array;
  headers: CallerHeaders;
  /** The absolute deadline, ms since the epoch, from the caller's budget and the gateway's caps. */
  deadline: (nowMs: number) => number;
  /** W3C trace context of the call (gRPC metadata or HTTP headers). */
  trace: TraceCarrier;
}

/** The outcome of a call: routing's answer, or the error to send, with the request id either way. */
export type EdgeOutcome = { ok: true; requestId: string; result: ForwardResult } | { ok: false; requestId: string; error: MeshError };

/** Serves one call; never throws (an unexpected failure is server.internal). */
export function serveEdgeCall(deps: EdgeDeps, call: EdgeCall): Promise<EdgeOutcome> {
  const started = process.hrtime.bigint();
  const { national } = call;
  const callerId = requestIdOf(call.callerRequestId, national.safeToRepeat);
  const requestId = callerId ?? '';
  // Active for the whole call: every line logged while serving it carries its trace and span ids.
  return deps.tracer.startActiveSpan(
    `ndxp.gateway ${national.service}`,
    { kind: SpanKind.SERVER, attributes: { [SpanAttribute.RequestId]: requestId, [SpanAttribute.RpcMethod]: call.route } },
    extractTrace(call.trace),
    async (span): Promise<EdgeOutcome> => {
      let caller: Caller | undefined;
      let outcome: EdgeOutcome;
      try {
        if (!deps.copy.ready) throw new MeshError('server.unavailable', 'the gateway has not loaded the registry yet');
        const now = Date.now();
        caller = await call.authenticate(now);
        span.setAttribute(SpanAttribute.Consumer, caller.consumer);
        if (callerId === undefined)
          throw new MeshError(
            'client.invalid_argument',
            `${national.service} changes state: send "${RequestMetadata.RequestId}" with your own request id and reuse it on every retry, so that a retry is not served twice`,
            { field: RequestMetadata.RequestId },
          );
        const result = await forward({
          requester: deps.requester,
          link: deps.link,
          consumer: caller.consumer,
          national,
          payload: call.payload(),
          headers: call.headers,
          requestId,
          deadline: call.deadline(now),
          trace: context.active(),
          replyGraceMs: deps.config.replyGraceMs,
        });
        outcome = { ok: true, requestId, result };
      } catch (err) {
        const error = MeshError.from(err);
        if (!isClientError(error.code)) deps.logger.warn({ err, requestId, service: national.service }, 'gateway call failed');
        outcome = { ok: false, requestId, error };
      }
      const code = outcome.ok ? STATUS_OK : outcome.error.code;
      recordOutcome(span, code);
      span.end();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      deps.metrics?.observe(`${national.provider}.${national.service}`, caller?.consumer ?? 'unauthenticated', code, seconds);
      deps.logger.info(
        {
          edge: call.edge,
          consumer: caller?.consumer,
          auth: caller?.method,
          provider: national.provider,
          service: national.service,
          requestId,
          code,
          durationMs: seconds * 1000,
        },
        'gateway call',
      );
      return outcome;
    },
  );
}
