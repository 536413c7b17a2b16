// The data path: admit (the steps of admission-steps.ts; replays answered from memory), forward to
// the adapter, meter on JetStream (fail closed), answer. Routing never decodes a payload; everything
// it needs is in the subject and the headers.
import { context, trace, type Tracer } from '@opentelemetry/api';
import { headers as newHeaders, type Msg } from '@nats-io/nats-core';
import { Header, MeshError, recordOutcome, SpanAttribute, STATUS_OK, type MeterEvent } from '@ndxp/contracts';
import type { Logger, LoopStall, ReplyMux, ServiceMetrics } from '@ndxp/runtime';
import type { Replayed } from './admission';
import { admissionSteps, type RoutingVerdict } from './admission-steps';
import type { RoutingConfig } from './config';
import type { ConsumerLimiter } from './consumer-limiter';
import { forward } from './forward';
import type { MeterBatcher } from './meter-batcher';
import { meterEventOf } from './meter-event';
import { outcomeOf } from './outcome';
import { receiveRequest, type ReceivedRequest } from './received-request';
import type { RegistryView } from './registry-view';
import { EMPTY, forgotten, sha256Hex } from './replay-answers';
import type { ReplayCache, StoredAnswer } from './replay-cache';
import { ReplayHold } from './replay-hold';
import { replyGate } from './reply-check';
import { routeOf } from './request-checks';
import { newRouterStats, type RouterStats } from './router-stats';
import type { SharedReplays } from './shared-replays';

/** What a router needs. */
export interface RouterDeps {
  /** Request-reply for adapter calls. */
  mux: ReplyMux;
  /** Where metering events go (JetStream, in batches). */
  meters: MeterBatcher;
  view: RegistryView;
  /** Per-consumer rate limits and daily quotas (from the registry copy). */
  limiter: ConsumerLimiter;
  /** Answers remembered by request id, for replays (this process's memory, the fast path). */
  replays: ReplayCache;
  /** The replay memory all routing replicas share (absent: replays are answered by the replica that served them only). */
  shared?: SharedReplays;
  logger: Logger;
  tracer: Tracer;
  config: Pick<
    RoutingConfig,
    'defaultTimeoutMs' | 'maxTimeoutMs' | 'meterTimeoutMs' | 'maxRequestBytes' | 'instanceId' | 'strictReply' | 'trustedReplyPrefixes'
  >;
  /** Prometheus instruments (requests by operation, consumer and code; latency; in flight). */
  metrics?: ServiceMetrics;
  /** Stalls of this process's event loop: a request read after one is charged it (its budget may be spent unread). */
  stall?: LoopStall;
}

/** Creates the handler of one request message. */
export function createRouter(deps: RouterDeps): { handle(msg: Msg): Promise<void>; stats: RouterStats } {
  const { mux, meters, view, replays, shared, logger, tracer, config, metrics } = deps;
  const stats = newRouterStats();
  const answerable = replyGate(config, logger, stats);
  const receiving = { view, tracer, defaultTimeoutMs: config.defaultTimeoutMs };
  const admission = admissionSteps({ config, view, stall: deps.stall, replays, shared, limiter: deps.limiter, stats });

  async function handle(msg: Msg): Promise<void> {
    stats.received++;
    const receivedAt = Date.now();
    const started = process.hrtime.bigint();
    const route = routeOf(msg.subject);
    if (!answerable(msg, route, receivedAt)) return;
    const request = receiveRequest(msg, route, receivedAt, receiving);
    const { requestId, span } = request;
    // Metric labels name only what the registry knows, so no request can grow their number.
    const operation = route && request.serviceKnown ? `${route.provider}.${route.service}` : 'unknown';
    const consumer = route && view.isSubsystem(route.consumer) ? route.consumer : 'unknown';
    metrics?.inFlight.inc({ operation });
    const event = meterEventOf(request, config.instanceId);
    let hold: ReplayHold | undefined;
    try {
      // In the span's context: a line logged while serving the request carries its trace and span ids.
      await context.with(trace.setSpan(context.active(), span), async () => {
        const verdict = await admission.run(request);
        if (verdict.kind === 'replayed') return answerReplay(msg, request, verdict.replay);
        hold = holdOf(verdict.request);
        let answer: StoredAnswer;
        if (verdict.kind === 'refused') answer = errorAnswer(verdict.refusal, requestId);
        else {
          // Counted back from the stream if this replica dies holding the rest of its quota block.
          event.quotaTaken = verdict.request.quotaTaken;
          answer = await forward(mux, verdict.request, event).catch((err: unknown) => errorAnswer(err, requestId));
        }
        answer = await meter(event, answer, verdict.request.deadline, started, request);
        deliver(msg, verdict.request, answer, hold);
        metrics?.observe(operation, consumer, answer.code, event.durationUs / 1e6);
      });
    } finally {
      hold?.abandon(requestId);
      metrics?.inFlight.dec({ operation });
      span.end();
    }
  }

  /** Answers a replay from memory: no adapter call, no meter event. */
  async function answerReplay(msg: Msg, request: ReceivedRequest, replay: Replayed): Promise<void> {
    stats.replayed++;
    request.span.setAttribute(SpanAttribute.Replay, replay.kind);
    const answer = replay.answer instanceof Promise ? await replay.answer : replay.answer;
    recordOutcome(request.span, answer.code);
    respond(msg, answer, request.requestId);
  }

  /**
   * Completes the meter event and waits until JetStream has it. The answer is final here; if
   * JetStream does not take the event in time, server.metering_unavailable replaces it (fail closed).
   */
  async function meter(event: MeterEvent, answer: StoredAnswer, deadline: number, started: bigint, request: ReceivedRequest) {
    event.code = answer.code;
    event.outcome = outcomeOf(answer.code);
    event.responseBytes = answer.data.length;
    event.durationUs = Number((process.hrtime.bigint() - started) / 1000n);
    recordOutcome(request.span, answer.code);
    event.respondedAtMs = Date.now();
    try {
      await meters.meter(event, deadline);
      return answer;
    } catch (err) {
      // Fail closed: no answer is served whose metering event JetStream has not accepted.
      stats.meteringFailures++;
      logger.error({ err: (err as Error).message, requestId: request.requestId }, 'metering publish failed, answer withheld');
      return errorAnswer(new MeshError('server.metering_unavailable'), request.requestId);
    }
  }

  /**
   * Sends the final answer with the request id (when it passed its check) and the receipt; replays
   * waiting here get it first, the shared memory after it went out (the consumer does not wait for that).
   */
  function deliver(msg: Msg, request: RoutingVerdict['request'], answer: StoredAnswer, hold: ReplayHold | undefined): void {
    if (answer.code === STATUS_OK) stats.answered++;
    else stats.refused++;
    // Only a checked id is echoed: an unchecked one could be anything, up to the broker's payload limit.
    if (request.requestId) answer.headers.set(Header.RequestId, request.requestId);
    answer.headers.set(Header.Receipt, 'receipt' in request ? request.receipt : sha256Hex(request.data));
    const remember = !forgotten(answer.code);
    hold?.answered(answer, remember);
    respond(msg, answer, request.requestId);
    hold?.shareAnswer(answer, remember);
  }

  /** The place in the replay memories a request took during admission, if it got that far. */
  function holdOf(request: RoutingVerdict['request']): ReplayHold | undefined {
    if (!('entry' in request)) return undefined;
    return new ReplayHold(replays, shared, request.fingerprint, request.entry, 'claim' in request ? request.claim : undefined);
  }

  /** The answer to a refusal or a failure; an unexpected one (server.internal) is logged. */
  function errorAnswer(err: unknown, requestId: string): StoredAnswer {
    const e = MeshError.from(err);
    if (e.code === 'server.internal') logger.error({ err, requestId }, 'routing failed');
    const h = newHeaders();
    e.writeHeaders(h);
    return { code: e.code, headers: h, data: EMPTY };
  }

  function respond(msg: Msg, answer: StoredAnswer, requestId: string): void {
    try {
      msg.respond(answer.data, { headers: answer.headers });
    } catch (err) {
      logger.warn({ err: (err as Error).message, requestId }, 'answer could not be sent');
    }
  }

  return { handle, stats };
}
