// The data path: authorize from the in-memory registry, forward to the adapter, meter on
// JetStream (fail closed), answer. Routing never decodes a payload; everything it needs is in
// the subject and the headers.
import { createHash } from 'node:crypto';
import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { headers as newHeaders, nuid, type Msg, type MsgHdrs } from '@nats-io/nats-core';
import { DEFAULT_VERSION, Header, MeshError, MeterEvent, STATUS_OK, subjects, type ErrorCode } from '@ndxp/contracts';
import { extractTrace, injectTrace, ReplyError, type Logger, type ReplyMux } from '@ndxp/runtime';
import type { RoutingConfig } from './config';
import { outcomeOf } from './outcome';
import { checkEnvelope, isHeaderText, isRequestId, isVersionToken, routeOf, type RequestRoute } from './request-checks';
import type { MeterBatcher } from './meter-batcher';
import type { RegistryView } from './registry-view';

/** What a router needs. */
export interface RouterDeps {
  /** Request-reply for adapter calls. */
  mux: ReplyMux;
  /** Where metering events go (JetStream, in batches). */
  meters: MeterBatcher;
  view: RegistryView;
  logger: Logger;
  tracer: Tracer;
  config: Pick<RoutingConfig, 'defaultTimeoutMs' | 'maxTimeoutMs' | 'meterTimeoutMs' | 'maxRequestBytes' | 'instanceId'>;
}

/** Counters a router keeps for its own health output. */
export interface RouterStats {
  received: number;
  answered: number;
  refused: number;
  meteringFailures: number;
}

/** Creates the handler of one request message. */
export function createRouter(deps: RouterDeps): { handle(msg: Msg): Promise<void>; stats: RouterStats } {
  const { mux, meters, view, logger, tracer, config } = deps;
  const stats: RouterStats = { received: 0, answered: 0, refused: 0, meteringFailures: 0 };

  async function handle(msg: Msg): Promise<void> {
    stats.received++;
    const receivedAt = Date.now();
    const started = process.hrtime.bigint();
    if (!msg.reply) {
      logger.warn({ subject: msg.subject }, 'request without a reply subject dropped');
      return;
    }
    const h = msg.headers;
    const route = routeOf(msg.subject);
    // The envelope is checked first; each value that goes into the meter event or the answer is checked on its own.
    const refusal = checkEnvelope(sizeOf(msg), config.maxRequestBytes, route, h, receivedAt);
    const rawId = h?.get(Header.RequestId) ?? '';
    const requestId = isRequestId(rawId) ? rawId : '';
    const rawVersion = h?.get(Header.Version) ?? '';
    const version = rawVersion === '' ? DEFAULT_VERSION : isVersionToken(rawVersion) ? rawVersion : '';
    const officer = h?.get(Header.Officer) ?? '';
    const purpose = h?.get(Header.Purpose) ?? '';
    const parent = extractTrace(h);
    const span = tracer.startSpan(
      'ndxp.route',
      { kind: SpanKind.SERVER, attributes: { 'ndxp.request_id': requestId, 'messaging.destination': msg.subject } },
      parent,
    );
    const event = MeterEvent.fromPartial({
      // A request without a usable id is still metered, under an id routing makes for it.
      requestId: requestId || `routing-${nuid.next()}`,
      consumer: route?.consumer ?? '',
      provider: route?.provider ?? '',
      service: route?.service ?? '',
      version,
      officer: isHeaderText(officer) ? officer : '',
      purpose: isHeaderText(purpose) ? purpose : '',
      receivedAtMs: receivedAt,
      requestBytes: msg.data.length,
      routingInstance: config.instanceId,
      traceId: span.spanContext().traceId,
    });
    let replyData: Uint8Array;
    let replyHeaders: MsgHdrs;
    let code: string;
    try {
      if (refusal) throw refusal;
      const registryRefusal = checkRegistry(route!, version, h!.get(Header.Deadline), receivedAt);
      if (registryRefusal) throw registryRefusal;
      const deadline = deadlineOf(h, receivedAt);
      const fwd = h!;
      fwd.set(Header.Consumer, route!.consumer);
      fwd.set(Header.Deadline, String(deadline));
      injectTrace(trace.setSpan(context.active(), span), fwd);
      const answer = await forward(route!.provider, route!.service, msg.data, fwd, deadline - Date.now());
      const status = answer.headers?.get(Header.Status);
      if (!status) throw new MeshError('server.internal', 'adapter answered without a status');
      replyData = answer.data;
      replyHeaders = answer.headers!;
      code = status;
    } catch (err) {
      const e = MeshError.from(err);
      if (e.code === 'server.internal') logger.error({ err, requestId }, 'routing failed');
      replyHeaders = newHeaders();
      e.writeHeaders(replyHeaders);
      code = e.code;
      replyData = new Uint8Array(0);
    }

    event.code = code;
    event.outcome = outcomeOf(code);
    event.responseBytes = replyData.length;
    event.durationUs = Number((process.hrtime.bigint() - started) / 1000n);
    span.setAttribute('ndxp.code', code);
    if (code !== STATUS_OK) span.setStatus({ code: SpanStatusCode.ERROR, message: code });

    {
      try {
        await meters.meter(event);
      } catch (err) {
        // Fail closed: no answer is served whose metering event JetStream has not accepted.
        stats.meteringFailures++;
        logger.error({ err: (err as Error).message, requestId }, 'metering publish failed, answer withheld');
        replyHeaders = newHeaders();
        new MeshError('server.metering_unavailable').writeHeaders(replyHeaders);
        replyData = new Uint8Array(0);
        code = 'server.metering_unavailable';
      }
    }
    if (code === STATUS_OK) stats.answered++;
    else stats.refused++;
    // Only a checked id is echoed: an unchecked one could be anything, up to the broker's payload limit.
    if (requestId) replyHeaders.set(Header.RequestId, requestId);
    replyHeaders.set(Header.Receipt, createHash('sha256').update(msg.data).digest('hex'));
    try {
      msg.respond(replyData, { headers: replyHeaders });
    } catch (err) {
      logger.warn({ err: (err as Error).message, requestId }, 'answer could not be sent');
    }
    span.end();
  }

  /** The checks against the registry copy and the clock, after the envelope passed. */
  function checkRegistry(route: RequestRoute, version: string, rawDeadline: string, now: number): MeshError | undefined {
    if (!view.ready) return new MeshError('server.unavailable', 'routing has not loaded the registry yet');
    if (!view.hasService(route.provider, route.service, version))
      return new MeshError('client.unknown_service', `no service ${route.provider}/${route.service} ${version}`);
    if (!view.hasGrant(route.consumer, route.provider, route.service))
      return new MeshError('client.access_denied', `${route.consumer} may not call ${route.provider}/${route.service}`);
    if (rawDeadline && Number(rawDeadline) <= now) return new MeshError('client.deadline_exceeded');
    return undefined;
  }

  function deadlineOf(h: MsgHdrs | undefined, now: number): number {
    const raw = h?.get(Header.Deadline);
    const asked = raw ? Number(raw) : now + config.defaultTimeoutMs;
    return Math.min(asked, now + config.maxTimeoutMs);
  }

  async function forward(provider: string, service: string, data: Uint8Array, h: MsgHdrs, timeoutMs: number): Promise<Msg> {
    try {
      return await mux.request(subjects.service(provider, service), data, h, Math.max(1, timeoutMs));
    } catch (err) {
      throw toMeshError(err);
    }
  }

  return { handle, stats };
}

/** Headers plus payload as received (what the broker counts against max_payload); payload alone if unknown. */
function sizeOf(msg: Msg): number {
  const sized = msg as Msg & { size?: () => number };
  return typeof sized.size === 'function' ? sized.size() - msg.subject.length - (msg.reply?.length ?? 0) : msg.data.length;
}

/** Maps a forwarding failure to the stable code. */
function toMeshError(err: unknown): MeshError {
  const reason = err instanceof ReplyError ? err.reason : undefined;
  const code: ErrorCode = reason === 'no_responders' ? 'server.no_adapter' : reason === 'timeout' ? 'server.timeout' : 'server.internal';
  return new MeshError(code, undefined, { cause: err });
}
