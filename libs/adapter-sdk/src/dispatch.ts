// Serves one request: headers, deadline, decode, handler, span, and the coded answer.
import type { Msg, MsgHdrs } from '@nats-io/nats-core';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { Header, MeshError, recordOutcome, SpanAttribute, STATUS_OK } from '@ndxp/contracts';
import { extractTrace, type Logger, type LoopStall, type ServiceMetrics } from '@ndxp/runtime';
import { context, SpanKind, trace, type Tracer } from '@opentelemetry/api';
import type { ServiceBinding } from './define-adapter';
import type { EndpointStats } from './endpoint-stats';
import { readRequestMeta, type RequestContext } from './request-context';
import { wireFormatProblem } from './wire-format';

/** What the dispatcher needs from the running adapter. */
export interface DispatchDeps {
  binding: ServiceBinding;
  logger: Logger;
  tracer: Tracer;
  defaultTimeoutMs: number;
  stats: EndpointStats;
  /** Sent on every answer as Ndxp-Instance, so routing can meter which adapter instance served it. */
  instanceId: string;
  /** Prometheus instruments of the adapter process. */
  metrics?: ServiceMetrics;
  /** Stalls of this process's event loop: a request read after one is charged it (its budget may be spent). */
  stall?: LoopStall;
}

/** Answers one message; never throws (every failure becomes a coded answer). */
export async function dispatch(msg: Msg, deps: DispatchDeps): Promise<void> {
  const { binding, logger, tracer, stats } = deps;
  const { service } = binding;
  const now = Date.now();
  const parent = extractTrace(msg.headers);
  const span = tracer.startSpan(
    `${service.provider}/${service.service}`,
    { kind: SpanKind.SERVER, attributes: { [SpanAttribute.Provider]: service.provider, [SpanAttribute.Service]: service.service } },
    parent,
  );
  let requestId = '';
  let consumer = '';
  let timer: NodeJS.Timeout | undefined;
  let failure: MeshError | undefined;
  const startedAt = stats.begin();
  const operation = `${service.provider}.${service.service}`;
  const t0 = performance.now();
  deps.metrics?.inFlight.inc({ operation });
  try {
    const meta = readRequestMeta(msg.headers, now, deps.defaultTimeoutMs);
    requestId = meta.requestId;
    consumer = meta.consumer;
    span.setAttributes({ [SpanAttribute.RequestId]: meta.requestId, [SpanAttribute.Consumer]: meta.consumer });
    // A request read right after this process was frozen or blocked may have waited all that time.
    const stalledMs = meta.fromBudget ? (deps.stall?.stalledMs() ?? 0) : 0;
    if (stalledMs > 0) {
      span.setAttribute(SpanAttribute.StalledMs, stalledMs);
      meta.deadline -= stalledMs;
      if (meta.deadline <= now)
        throw new MeshError(
          'server.timeout',
          `the adapter did not run for ${stalledMs} ms (frozen or blocked): the request's budget was spent unread`,
        );
    }
    if (meta.deadline <= now) {
      // A budget spent before it got here was spent inside the mesh; a past absolute deadline is the sender's.
      if (meta.fromBudget) throw new MeshError('server.timeout', 'no time was left of the budget when the request reached the adapter');
      throw new MeshError('client.deadline_exceeded');
    }
    if (meta.version !== undefined && meta.version !== service.version) {
      throw new MeshError('client.unknown_service', `${service.service} has no version ${meta.version}`);
    }
    const problem = wireFormatProblem(msg.data);
    if (problem)
      throw new MeshError('client.malformed', `payload is not a valid ${service.service} request: ${problem}`, { field: 'payload' });
    let request: unknown;
    try {
      request = service.request.decode(msg.data);
    } catch (err) {
      throw new MeshError('client.malformed', `payload is not a valid ${service.service} request`, { cause: err, field: 'payload' });
    }
    // Made on first use, like the logger: most handlers never look at the signal.
    let ac: AbortController | undefined;
    let childLogger: Logger | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new MeshError('server.timeout', 'the request was not answered before its deadline');
        ac?.abort(err);
        reject(err);
      }, meta.deadline - now);
    });
    const ctx: RequestContext = {
      requestId: meta.requestId,
      consumer: meta.consumer,
      version: meta.version ?? service.version,
      officer: meta.officer,
      purpose: meta.purpose,
      deadline: meta.deadline,
      get signal() {
        ac ??= new AbortController();
        return ac.signal;
      },
      // Made on first use: most requests never log, and a child logger per request costs.
      get logger() {
        childLogger ??= logger.child({ requestId: meta.requestId });
        return childLogger;
      },
      remainingMs: () => Math.max(0, meta.deadline - Date.now()),
    };
    const handled = context.with(trace.setSpan(parent, span), () => binding.handle(request, ctx));
    // The deadline wins the race; a handler that finishes later is ignored, never unhandled.
    handled.catch(() => undefined);
    const response = await Promise.race([handled, expired]);
    // An answer ready only after the deadline (the loop was held, or the process frozen while the
    // national system answered: I/O is read before the overdue timer runs) reaches nobody in time.
    if (Date.now() >= meta.deadline) throw new MeshError('server.timeout', 'the answer was ready only after the deadline');
    const payload = service.response.encode(response).finish();
    const h = natsHeaders();
    h.set(Header.Status, STATUS_OK);
    h.set(Header.Instance, deps.instanceId);
    if (requestId) h.set(Header.RequestId, requestId);
    respond(msg, payload, h, logger);
    recordOutcome(span, STATUS_OK);
  } catch (err) {
    const meshError = err instanceof MeshError ? err : MeshError.from(err);
    // Logged in the span's context, so the line carries the request's trace and span ids.
    context.with(trace.setSpan(parent, span), () => {
      if (meshError === err) logger.debug({ requestId, code: meshError.code, err: meshError.message }, 'request refused');
      else logger.error({ requestId, err }, 'handler failed');
    });
    failure = meshError;
    recordOutcome(span, meshError.code);
    const h = natsHeaders();
    meshError.writeHeaders(h);
    h.set(Header.Instance, deps.instanceId);
    if (requestId) h.set(Header.RequestId, requestId);
    respond(msg, new Uint8Array(0), h, logger);
  } finally {
    if (timer) clearTimeout(timer);
    stats.finish(startedAt, failure);
    deps.metrics?.inFlight.dec({ operation });
    deps.metrics?.observe(operation, consumer || 'unknown', failure?.code ?? STATUS_OK, (performance.now() - t0) / 1000);
    span.end();
  }
}

/** Sends an answer; a failure to send (e.g. an answer over the broker's max_payload) is logged, never thrown. */
function respond(msg: Msg, data: Uint8Array, h: MsgHdrs, logger: Logger): void {
  try {
    msg.respond(data, { headers: h });
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'answer could not be sent');
  }
}
