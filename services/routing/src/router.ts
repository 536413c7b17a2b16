// The data path: authorize from the in-memory registry, answer replays from memory, enforce rate
// limits, forward to the adapter, meter on JetStream (fail closed), answer. Routing never decodes
// a payload; everything it needs is in the subject and the headers.
import { createHash } from 'node:crypto';
import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { headers as newHeaders, nuid, type Msg, type MsgHdrs } from '@nats-io/nats-core';
import { DEFAULT_VERSION, Header, isReplayed, MeshError, MeterEvent, STATUS_OK, subjects, type ErrorCode } from '@ndxp/contracts';
import { extractTrace, injectTrace, ReplyError, type Logger, type LoopStall, type ReplyMux, type ServiceMetrics } from '@ndxp/runtime';
import type { RoutingConfig } from './config';
import { QUOTA_TAKEN, type ConsumerLimiter } from './consumer-limiter';
import { outcomeOf } from './outcome';
import {
  budgetOf,
  checkEnvelope,
  isHeaderText,
  isRequestId,
  isVersionToken,
  MIN_BUDGET_MS,
  routeOf,
  type RequestRoute,
} from './request-checks';
import type { MeterBatcher } from './meter-batcher';
import type { RegistryView } from './registry-view';
import type { ReplayCache, ReplayEntry, ReplayLookup, StoredAnswer } from './replay-cache';
import { replayKey, type Claim, type ClaimResult, type SharedReplays } from './shared-replays';

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

/** Counters a router keeps for its own health output. */
export interface RouterStats {
  received: number;
  answered: number;
  refused: number;
  meteringFailures: number;
  /** Refused with client.rate_limited (rate or daily quota). */
  rateLimited: number;
  /** Answered from the replay memory (same answer, or client.request_id_reused); never metered again. */
  replayed: number;
  /** Of those, answered from the shared memory (another replica's answer or claim). */
  replayedShared: number;
  /** Dropped unanswered: the reply subject was not the consumer's inbox (see replyAllowed). */
  foreignReply: number;
  /** Refused server.timeout because routing read them after a stall that spent their budget. */
  staleAfterStall: number;
}

/**
 * Whether an answer with this status is forgotten (a retry with the same id is served afresh): the
 * error table's `replayed` column (every server.* code, client.rate_limited and
 * client.deadline_exceeded are forgotten). A retry after a mesh or national-system failure is
 * forwarded and metered again, and the ledger keeps the transaction's final outcome; an ok answer
 * is remembered: its replay is answered from memory and not metered twice.
 */
export function forgotten(status: string): boolean {
  return !isReplayed(status);
}

const EMPTY = new Uint8Array(0);

/** Creates the handler of one request message. */
export function createRouter(deps: RouterDeps): { handle(msg: Msg): Promise<void>; stats: RouterStats } {
  const { mux, meters, view, limiter, replays, shared, stall, logger, tracer, config, metrics } = deps;
  const stats: RouterStats = {
    received: 0,
    answered: 0,
    refused: 0,
    meteringFailures: 0,
    rateLimited: 0,
    replayed: 0,
    replayedShared: 0,
    foreignReply: 0,
    staleAfterStall: 0,
  };
  let lastForeignLog = 0;

  async function handle(msg: Msg): Promise<void> {
    stats.received++;
    const receivedAt = Date.now();
    const started = process.hrtime.bigint();
    if (!msg.reply) {
      logger.warn({ subject: msg.subject }, 'request without a reply subject dropped');
      return;
    }
    const route = routeOf(msg.subject);
    if (!replyAllowed(msg.reply, route?.consumer, config)) {
      // Not sent by the consumer the subject names (e.g. a JetStream delivery or a service's answer
      // aimed at a request subject): answering or metering it would act for someone else.
      stats.foreignReply++;
      if (receivedAt - lastForeignLog > 1000) {
        lastForeignLog = receivedAt;
        logger.warn(
          { subject: msg.subject, reply: msg.reply.slice(0, 200), dropped: stats.foreignReply },
          'request with a foreign reply subject dropped',
        );
      }
      return;
    }
    const h = msg.headers;
    // The envelope is checked first; each value that goes into the meter event or the answer is checked on its own.
    const refusal = checkEnvelope(sizeOf(msg), config.maxRequestBytes, route, h, receivedAt);
    const rawId = h?.get(Header.RequestId) ?? '';
    const requestId = isRequestId(rawId) ? rawId : '';
    const rawVersion = h?.get(Header.Version) ?? '';
    const version = rawVersion === '' ? DEFAULT_VERSION : isVersionToken(rawVersion) ? rawVersion : '';
    // Metric labels name only what the registry knows, so no request can grow their number.
    // Looked up once: the label here, the unknown_service check below.
    const serviceKnown = route !== undefined && view.hasService(route.provider, route.service, version);
    const operation = serviceKnown ? `${route.provider}.${route.service}` : 'unknown';
    const consumerLabel = route && view.isSubsystem(route.consumer) ? route.consumer : 'unknown';
    metrics?.inFlight.inc({ operation });
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
    let receipt: string | undefined;
    let entry: ReplayEntry | undefined;
    let claim: Claim | undefined;
    let fingerprint = '';
    // A refusal before the budget is read is answered at once; its metering may take the default.
    let deadline = receivedAt + config.defaultTimeoutMs;
    try {
      if (refusal) throw refusal;
      // The budget becomes a deadline on this process's clock: a sender's clock never enters.
      deadline = receivedAt + budgetOf(h, receivedAt, config.defaultTimeoutMs, config.maxTimeoutMs);
      const registryRefusal = checkRegistry(route!, serviceKnown, version, deadline - receivedAt);
      if (registryRefusal) throw registryRefusal;
      // Read right after routing was frozen or blocked, the request may have waited all that time
      // in the socket buffer: its consumer may have given up. The mesh lost that time, not the consumer.
      const stalledMs = stall?.stalledMs() ?? 0;
      if (stalledMs > 0) {
        span.setAttribute('ndxp.stalled_ms', stalledMs);
        deadline -= stalledMs;
        if (deadline - receivedAt < MIN_BUDGET_MS) {
          stats.staleAfterStall++;
          throw new MeshError(
            'server.timeout',
            `routing did not run for ${stalledMs} ms (frozen or blocked): the request's budget was spent unread`,
          );
        }
      }
      // The envelope check passed, so requestId is a usable id here.
      receipt = sha256Hex(msg.data);
      fingerprint = `${route!.provider}\u0000${route!.service}\u0000${version}\u0000${receipt}`;
      const seen = replays.begin(`${route!.consumer}\u0000${requestId}`, fingerprint, receivedAt);
      if (seen.kind !== 'new') {
        await answerReplay(msg, seen, requestId, receipt, span).finally(() => metrics?.inFlight.dec({ operation }));
        return;
      }
      entry = seen.entry;
      if (shared?.active && entry) {
        // Not in this process's memory: another replica may have served it, or be serving it now.
        const found = await shared.claim(replayKey(route!.consumer, requestId), fingerprint, deadline - receivedAt, deadline);
        if (found.kind === 'owner') claim = found.claim;
        else {
          const answer = sharedAnswer(found, requestId, receipt);
          replays.finish(entry, answer, found.kind === 'answered');
          entry = undefined;
          stats.replayedShared++;
          await answerReplay(msg, { kind: 'answered', answer }, requestId, receipt, span).finally(() =>
            metrics?.inFlight.dec({ operation }),
          );
          return;
        }
      }
      // Awaited only when a quota block must be leased: the common answer is at once.
      const admitted = limiter.admit(route!.consumer, receivedAt);
      const admission = admitted instanceof Promise ? await admitted : admitted;
      if (admission instanceof MeshError) {
        stats.rateLimited++;
        throw admission;
      }
      // Counted back from the stream if this replica dies holding the rest of its quota block.
      if (admission === QUOTA_TAKEN) event.quotaTaken = true;
      const fwd = h!;
      fwd.set(Header.Consumer, route!.consumer);
      event.forwardedAtMs = Date.now();
      fwd.set(Header.Timeout, String(Math.max(0, deadline - event.forwardedAtMs)));
      fwd.set(Header.Deadline, String(deadline));
      injectTrace(trace.setSpan(context.active(), span), fwd);
      const answer = await forward(route!.provider, route!.service, msg.data, fwd, deadline - event.forwardedAtMs);
      event.answeredAtMs = Date.now();
      // An answer seen after the deadline is a timeout, whichever of it and the timer routing saw
      // first (after a freeze both are due at once): its consumer has stopped waiting.
      if (event.answeredAtMs > deadline) throw new MeshError('server.timeout', 'the adapter answered after the deadline');
      const instance = answer.headers?.get(Header.Instance) ?? '';
      if (isHeaderText(instance)) event.adapterInstance = instance;
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
      replyData = EMPTY;
    }

    try {
      event.code = code;
      event.outcome = outcomeOf(code);
      event.responseBytes = replyData.length;
      event.durationUs = Number((process.hrtime.bigint() - started) / 1000n);
      span.setAttribute('ndxp.code', code);
      if (code !== STATUS_OK) span.setStatus({ code: SpanStatusCode.ERROR, message: code });

      // The answer is final here; it goes out as soon as JetStream acknowledges its batch.
      event.respondedAtMs = Date.now();
      try {
        await meters.meter(event, deadline);
      } catch (err) {
        // Fail closed: no answer is served whose metering event JetStream has not accepted.
        stats.meteringFailures++;
        logger.error({ err: (err as Error).message, requestId }, 'metering publish failed, answer withheld');
        replyHeaders = newHeaders();
        new MeshError('server.metering_unavailable').writeHeaders(replyHeaders);
        replyData = EMPTY;
        code = 'server.metering_unavailable';
      }
      if (code === STATUS_OK) stats.answered++;
      else stats.refused++;
      // Only a checked id is echoed: an unchecked one could be anything, up to the broker's payload limit.
      if (requestId) replyHeaders.set(Header.RequestId, requestId);
      replyHeaders.set(Header.Receipt, receipt ?? sha256Hex(msg.data));
      const answer: StoredAnswer = { code, headers: replyHeaders, data: replyData };
      const remember = !forgotten(code);
      if (entry) {
        replays.finish(entry, answer, remember);
        entry = undefined;
      }
      respond(msg, replyData, replyHeaders, requestId);
      metrics?.observe(operation, consumerLabel, code, event.durationUs / 1e6);
      if (claim) {
        // After the answer went out, unacknowledged: the consumer does not wait for it. A replay
        // meanwhile finds the claim and waits the few milliseconds until the answer is there.
        const held = claim;
        claim = undefined;
        if (remember) shared!.remember(held, fingerprint, answer);
        else shared!.release(held);
      }
    } finally {
      // Only reached with an entry or a claim if something above threw: replays waiting on it must not hang.
      if (entry) replays.finish(entry, internalAnswer(requestId), false);
      if (claim) shared!.release(claim);
      metrics?.inFlight.dec({ operation });
      span.end();
    }
  }

  /** Answers a replay from memory: no adapter call, no meter event. */
  async function answerReplay(
    msg: Msg,
    seen: Exclude<ReplayLookup, { kind: 'new' }>,
    requestId: string,
    receipt: string,
    span: Span,
  ): Promise<void> {
    stats.replayed++;
    span.setAttribute('ndxp.replay', seen.kind);
    let answer: StoredAnswer;
    if (seen.kind === 'reused') {
      answer = sharedAnswer(seen, requestId, receipt);
    } else {
      answer = seen.kind === 'answered' ? seen.answer : await seen.answer;
    }
    span.setAttribute('ndxp.code', answer.code);
    if (answer.code !== STATUS_OK) span.setStatus({ code: SpanStatusCode.ERROR, message: answer.code });
    respond(msg, answer.data, answer.headers, requestId);
    span.end();
  }

  function respond(msg: Msg, data: Uint8Array, h: MsgHdrs, requestId: string): void {
    try {
      msg.respond(data, { headers: h });
    } catch (err) {
      logger.warn({ err: (err as Error).message, requestId }, 'answer could not be sent');
    }
  }

  /** The checks against the registry copy and the clock, after the envelope passed. */
  function checkRegistry(route: RequestRoute, serviceKnown: boolean, version: string, budgetMs: number): MeshError | undefined {
    if (!view.ready) return new MeshError('server.unavailable', 'routing has not loaded the registry yet');
    if (!serviceKnown) return new MeshError('client.unknown_service', `no service ${route.provider}/${route.service} ${version}`);
    if (!view.hasGrant(route.consumer, route.provider, route.service))
      return new MeshError('client.access_denied', `${route.consumer} may not call ${route.provider}/${route.service}`);
    if (budgetMs < MIN_BUDGET_MS) {
      return new MeshError(
        'client.deadline_exceeded',
        budgetMs <= 0
          ? 'the deadline passed before the request reached routing'
          : `a time budget of ${budgetMs} ms is under routing's floor of ${MIN_BUDGET_MS} ms`,
      );
    }
    return undefined;
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

/**
 * Whether routing may answer on `reply` for `consumer`: strict, the consumer's own inbox or a trusted
 * prefix (the gateway's); otherwise any reply inbox under _INBOX.
 */
export function replyAllowed(
  reply: string,
  consumer: string | undefined,
  config: Pick<RoutingConfig, 'strictReply' | 'trustedReplyPrefixes'>,
): boolean {
  if (!reply.startsWith('_INBOX.')) return false;
  if (!config.strictReply) return true;
  if (consumer && reply.startsWith(`${subjects.inboxPrefix(consumer)}.`)) return true;
  return config.trustedReplyPrefixes.some((p) => reply.startsWith(p));
}

function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The answer to an attempt the shared memory already knows: the stored answer, a reused id, or a busy first attempt. */
function sharedAnswer(found: Exclude<ClaimResult, { kind: 'owner' }>, requestId: string, receipt: string): StoredAnswer {
  if (found.kind === 'answered') return found.answer;
  const h = newHeaders();
  const error =
    found.kind === 'reused'
      ? new MeshError(
          'client.request_id_reused',
          `request id ${requestId} was already used by this consumer for a different request (another service or payload)`,
          { field: Header.RequestId },
        )
      : new MeshError(
          'server.timeout',
          `the first attempt with request id ${requestId} is still being served; its answer will be replayed`,
        );
  error.writeHeaders(h);
  h.set(Header.RequestId, requestId);
  h.set(Header.Receipt, receipt);
  return { code: error.code, headers: h, data: EMPTY };
}

/** What replays waiting on a transaction get if it failed unexpectedly. */
function internalAnswer(requestId: string): StoredAnswer {
  const h = newHeaders();
  new MeshError('server.internal').writeHeaders(h);
  h.set(Header.RequestId, requestId);
  return { code: 'server.internal', headers: h, data: EMPTY };
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
