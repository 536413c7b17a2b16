// The LGSP client: publishes typed requests on its own ndxp.req.<consumer> subjects, with request
// ids, deadlines, trace context, and retries that reuse the request id.
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { credsAuthenticator, headers as newHeaders, type NatsConnection } from '@nats-io/nats-core';
import { readFileSync } from 'node:fs';
import { context, propagation, SpanKind, trace, type TextMapSetter } from '@opentelemetry/api';
import {
  cancelOrderService,
  createOrderService,
  getBudgetUnitService,
  getCivilStatusRecordService,
  getEnterpriseService,
  quotePostageService,
  searchBudgetUnitsService,
  trackOrderService,
  Header,
  isRetryable,
  isSubsystemToken,
  MeshError,
  recordOutcome,
  SpanAttribute,
  STATUS_OK,
  subjects,
  type BudgetUnit,
  type CancelOrderRequest,
  type CivilStatusRecord,
  type CreateOrderRequest,
  type Enterprise,
  type GetBudgetUnitRequest,
  type GetCivilStatusRecordRequest,
  type GetEnterpriseRequest,
  type NationalService,
  type Order,
  type QuotePostageRequest,
  type QuotePostageResponse,
  type SearchBudgetUnitsRequest,
  type SearchBudgetUnitsResponse,
  type TrackOrderRequest,
  type TrackOrderResponse,
} from '@ndxp/contracts';
import {
  MAX_PINGS_OUT,
  PING_INTERVAL_MS,
  RECONNECT_JITTER_MS,
  RECONNECT_JITTER_TLS_MS,
  RECONNECT_WAIT_MS,
  resolveOptions,
  type CallOptions,
  type ClientOptions,
  type ResolvedClientOptions,
} from './options';
import { Link } from './link';
import { subscribeOrderEvents, type OrderEventHandler, type OrderEventOptions, type OrderEventSubscription } from './order-events';

/** The answer of a call with its envelope. */
export interface CallResult<Res> {
  response: Res;
  requestId: string;
  /** Hex SHA-256 of the request payload, as the mesh computed it. */
  receipt: string;
  attempts: number;
}

const setter: TextMapSetter<{ set(k: string, v: string): void }> = { set: (c, k, v) => c.set(k, v) };

/** A client of the mesh for one LGSP. */
export interface MeshClient {
  consumer: string;
  businessRegistration: {
    /** Looks up an enterprise (or a branch, NNNNNNNNNN-NNN) by tax code. */
    getEnterprise(request: GetEnterpriseRequest, options?: CallOptions): Promise<Enterprise>;
  };
  civilStatus: {
    /** Looks up a registered birth, death, marriage or marital-status confirmation. */
    getCivilStatusRecord(request: GetCivilStatusRecordRequest, options?: CallOptions): Promise<CivilStatusRecord>;
  };
  budgetUnits: {
    /** Looks up a budget-relationship unit by its 7-character code. */
    getBudgetUnit(request: GetBudgetUnitRequest, options?: CallOptions): Promise<BudgetUnit>;
    /** Searches units by name and managing authority, a page at a time. */
    searchBudgetUnits(request: SearchBudgetUnitsRequest, options?: CallOptions): Promise<SearchBudgetUnitsResponse>;
  };
  vnpost: {
    /** Creates a dossier pickup or result-delivery order (idempotent by order number). */
    createOrder(request: CreateOrderRequest, options?: CallOptions): Promise<Order>;
    cancelOrder(request: CancelOrderRequest, options?: CallOptions): Promise<Order>;
    trackOrder(request: TrackOrderRequest, options?: CallOptions): Promise<TrackOrderResponse>;
    quotePostage(request: QuotePostageRequest, options?: CallOptions): Promise<QuotePostageResponse>;
    /** Durable, in-order delivery of the state changes of the orders this LGSP created. */
    subscribeOrderEvents(handler: OrderEventHandler, options?: OrderEventOptions): Promise<OrderEventSubscription>;
  };
  /** Calls any national service and returns the answer with its envelope. */
  call<Req, Res>(service: NationalService<Req, Res>, request: Req, options?: CallOptions): Promise<CallResult<Res>>;
  close(): Promise<void>;
}

/** Connects (or uses `nc`) and returns a client for `consumer`. */
export async function createClient(options: ClientOptions): Promise<MeshClient> {
  const o = resolveOptions(options);
  if (!isSubsystemToken(o.consumer))
    throw new MeshError('client.invalid_argument', `consumer ${JSON.stringify(o.consumer)} is not a subsystem token like TINH-01-LGSP`, {
      field: 'consumer',
    });
  const owned = !o.nc;
  const nc =
    o.nc ??
    (await connect({
      servers: o.servers,
      name: `lgsp-${o.consumer}`,
      inboxPrefix: subjects.inboxPrefix(o.consumer),
      // Reconnect within 100–200 ms of the broker's return (nats.js waits 2 s by default), and ping
      // every 2 s so a dead link is noticed in seconds, not minutes (README, "Broker faults").
      maxReconnectAttempts: -1,
      reconnectTimeWait: RECONNECT_WAIT_MS,
      reconnectJitter: RECONNECT_JITTER_MS,
      reconnectJitterTLS: RECONNECT_JITTER_TLS_MS,
      pingInterval: PING_INTERVAL_MS,
      maxPingOut: MAX_PINGS_OUT,
      ...(o.user ? { user: o.user, pass: o.pass ?? '' } : {}),
      ...(o.credsFile ? { authenticator: credsAuthenticator(readFileSync(o.credsFile)) } : {}),
      ...(o.tls ? { tls: o.tls } : {}),
    }));
  const link = new Link(nc);
  const call = <Req, Res>(service: NationalService<Req, Res>, request: Req, co: CallOptions = {}) =>
    invoke(nc, link, o, service, request, co);
  const typed =
    <Req, Res>(service: NationalService<Req, Res>) =>
    async (request: Req, co?: CallOptions): Promise<Res> =>
      (await call(service, request, co)).response;
  return {
    consumer: o.consumer,
    businessRegistration: { getEnterprise: typed(getEnterpriseService) },
    civilStatus: { getCivilStatusRecord: typed(getCivilStatusRecordService) },
    budgetUnits: { getBudgetUnit: typed(getBudgetUnitService), searchBudgetUnits: typed(searchBudgetUnitsService) },
    vnpost: {
      createOrder: typed(createOrderService),
      cancelOrder: typed(cancelOrderService),
      trackOrder: typed(trackOrderService),
      quotePostage: typed(quotePostageService),
      subscribeOrderEvents: (handler, eo) => subscribeOrderEvents(nc, o.consumer, handler, eo),
    },
    call,
    close: async () => {
      if (owned) await nc.drain();
    },
  };
}

async function invoke<Req, Res>(
  nc: NatsConnection,
  link: Link,
  o: ResolvedClientOptions,
  service: NationalService<Req, Res>,
  request: Req,
  co: CallOptions,
): Promise<CallResult<Res>> {
  const requestId = co.requestId ?? randomUUID();
  const timeoutMs = co.timeoutMs ?? o.timeoutMs;
  const deadline = Date.now() + timeoutMs;
  const retries = co.retries ?? o.retries;
  const payload = service.request.encode(request).finish();
  if (payload.length > o.maxRequestBytes) {
    throw new MeshError('client.too_large', `request of ${payload.length} bytes is over the limit of ${o.maxRequestBytes}`, {
      field: 'payload',
    });
  }
  const subject = subjects.request(o.consumer, service.provider, service.service);
  const tracer = trace.getTracer('ndxp-lgsp-client');
  return tracer.startActiveSpan(
    `ndxp.call ${service.service}`,
    { kind: SpanKind.CLIENT, attributes: { [SpanAttribute.RequestId]: requestId } },
    async (span) => {
      try {
        // `failures` counts the attempts that used up a retry; an attempt lost in a disconnect does not
        // (it is sent again once the link is back, bounded by the deadline only).
        for (let attempt = 1, failures = 0; ; attempt++) {
          // nats.js drops what is published while disconnected: wait for the link, inside the budget.
          if (!link.isUp && !(await link.whenUp(deadline - Date.now()))) {
            const error = new MeshError('server.unavailable', 'no connection to the broker before the deadline');
            recordOutcome(span, error.code, SpanKind.CLIENT);
            throw error;
          }
          const h = newHeaders();
          h.set(Header.RequestId, requestId);
          h.set(Header.Version, co.version ?? service.version);
          // The budget left now (each hop makes its own deadline from it); the absolute time is a hint.
          h.set(Header.Timeout, String(Math.max(0, deadline - Date.now())));
          h.set(Header.Deadline, String(deadline));
          const officer = co.officer ?? o.officer;
          const purpose = co.purpose ?? o.purpose;
          if (officer) h.set(Header.Officer, officer);
          if (purpose) h.set(Header.Purpose, purpose);
          propagation.inject(context.active(), h, setter);
          let error: MeshError;
          let lost = false;
          const drop = link.watchDrop();
          try {
            const left = deadline - Date.now();
            if (left <= 0) throw new MeshError('server.timeout', 'deadline passed before an answer arrived');
            const timeout = o.attemptTimeoutMs > 0 ? Math.min(left, o.attemptTimeoutMs) : left;
            const reply = await Promise.race([
              nc.request(subject, payload, { timeout, headers: h }),
              drop.dropped.then((reason) => {
                lost = true;
                throw new MeshError('server.unavailable', `${reason} with the request in flight`);
              }),
            ]);
            const failure = reply.headers
              ? MeshError.fromHeaders(reply.headers)
              : new MeshError('server.internal', 'answer without status');
            if (!failure) {
              recordOutcome(span, STATUS_OK, SpanKind.CLIENT);
              return {
                response: service.response.decode(reply.data),
                requestId,
                receipt: reply.headers?.get(Header.Receipt) ?? '',
                attempts: attempt,
              };
            }
            error = failure;
          } catch (err) {
            error = err instanceof MeshError ? err : natsFailure(err);
          } finally {
            drop.cancel();
          }
          const left = deadline - Date.now();
          if (lost && left > 0) continue;
          failures++;
          const pause = o.retryBackoffMs * 2 ** (failures - 1);
          // The error table says which failures are worth asking again (the mesh may not have served them).
          if (!isRetryable(error.code) || failures > retries || left <= pause) {
            recordOutcome(span, error.code, SpanKind.CLIENT);
            throw error;
          }
          await new Promise((r) => setTimeout(r, pause));
        }
      } finally {
        span.end();
      }
    },
  );
}

function natsFailure(err: unknown): MeshError {
  const e = err as { name?: string; cause?: { name?: string }; isNoResponders?: () => boolean };
  if (e.name === 'NoRespondersError' || e.cause?.name === 'NoRespondersError' || e.isNoResponders?.() === true) {
    return new MeshError('server.unavailable', 'no routing service is answering', { cause: err });
  }
  if (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError') return new MeshError('server.timeout', undefined, { cause: err });
  return new MeshError('server.internal', (err as Error)?.message, { cause: err });
}
