// An LGSP's durable subscription to the state changes of the VNPost orders it created: events are
// handed over in order, one at a time, and acknowledged only after the handler resolved, so an
// LGSP that was offline gets what it missed when it subscribes again.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { EVENTS_STREAM, MeshError, OrderStatusChanged, ORDER_STATUS_CHANGED, subjects, VNPOST_PROVIDER } from '@ndxp/contracts';

/** What a handler learns about the delivery besides the event. */
export interface OrderEventDelivery {
  /** 1 on first delivery; more when an earlier attempt failed or was not acknowledged in time. */
  deliveryCount: number;
  /** Position in the events stream. */
  streamSequence: number;
}

/** Called once per event, in order; a rejection makes the event come again after retryDelayMs. */
export type OrderEventHandler = (event: OrderStatusChanged, delivery: OrderEventDelivery) => Promise<void> | void;

/** Options of subscribeOrderEvents. */
export interface OrderEventOptions {
  /** Durable consumer name (default lgsp-<consumer>-orders). Two subscriptions with one name share the events. */
  durableName?: string;
  /** How long a handler may take before the event is delivered again, ms (default 30000). */
  ackWaitMs?: number;
  /** Pause before an event whose handler failed comes again, ms (default 1000). */
  retryDelayMs?: number;
  /** How long one pull waits for an event, ms (default 1000, the least JetStream allows); bounds stop(). */
  pullExpiresMs?: number;
  /** Told of handler failures and undecodable events (default: nowhere). */
  onError?: (err: unknown, event: OrderStatusChanged | undefined) => void;
}

/** A running subscription. */
export interface OrderEventSubscription {
  /** The durable consumer's name. */
  readonly name: string;
  /** Events handled and acknowledged since subscribing. */
  readonly handled: number;
  /** Stops taking events; resolves once the event in hand is acknowledged or handed back. */
  stop(): Promise<void>;
  /** Resolves when the subscription ends (after stop(), or on a failure it cannot recover from). */
  readonly closed: Promise<void>;
}

/** Name of an LGSP's durable consumer of order events. */
export function orderEventsDurable(consumer: string): string {
  return `lgsp-${consumer}-orders`;
}

/**
 * Creates (or binds to) the durable consumer of `consumer`'s order events on the events stream
 * (filter ndxp.evt.<consumer>.DN-VNPOST-BCCI.OrderStatusChanged, explicit ack, deliver all, one
 * event in flight), then calls handler for each event in stream order.
 */
export async function subscribeOrderEvents(
  nc: NatsConnection,
  consumer: string,
  handler: OrderEventHandler,
  options: OrderEventOptions = {},
): Promise<OrderEventSubscription> {
  const name = options.durableName ?? orderEventsDurable(consumer);
  const filter = subjects.event(consumer, VNPOST_PROVIDER, ORDER_STATUS_CHANGED);
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const expires = Math.max(1000, options.pullExpiresMs ?? 1000);
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(EVENTS_STREAM);
  } catch (err) {
    throw new MeshError('server.unavailable', `the events stream ${EVENTS_STREAM} does not exist yet`, { cause: err });
  }
  const existing = await jsm.consumers.info(EVENTS_STREAM, name).catch(() => undefined);
  if (existing && existing.config.filter_subject !== filter) {
    throw new MeshError(
      'client.invalid_argument',
      `durable ${name} exists with another filter (${existing.config.filter_subject ?? 'none'})`,
      {
        field: 'durableName',
      },
    );
  }
  if (!existing) {
    await jsm.consumers.add(EVENTS_STREAM, {
      durable_name: name,
      filter_subject: filter,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // One event in flight: a failed event comes again before any later one, so order holds.
      max_ack_pending: 1,
      ack_wait: nanos(options.ackWaitMs ?? 30_000),
    });
  }
  const source = await jetstream(nc).consumers.get(EVENTS_STREAM, name);
  let stopping = false;
  let handled = 0;

  const handle = async (m: JsMsg): Promise<void> => {
    let event: OrderStatusChanged;
    try {
      event = OrderStatusChanged.decode(m.data);
    } catch (err) {
      options.onError?.(err, undefined);
      m.term('not an OrderStatusChanged');
      return;
    }
    try {
      await handler(event, { deliveryCount: m.info.deliveryCount, streamSequence: m.seq });
    } catch (err) {
      options.onError?.(err, event);
      m.nak(retryDelayMs);
      return;
    }
    // Wait for the server to record the ack: a subscription stopped right after must not see it again.
    await m.ackAck();
    handled++;
  };

  const closed = (async () => {
    while (!stopping) {
      let m: JsMsg | null;
      try {
        m = await source.next({ expires });
      } catch (err) {
        // The connection is reconnecting, or the consumer was deleted: say so and keep trying.
        if (stopping) break;
        options.onError?.(err, undefined);
        await new Promise((r) => setTimeout(r, retryDelayMs));
        continue;
      }
      if (!m) continue;
      // Stopped while pulling: hand the event back at once rather than after ack_wait.
      if (stopping) m.nak();
      else await handle(m);
    }
  })();

  return {
    name,
    get handled() {
      return handled;
    },
    closed,
    async stop() {
      stopping = true;
      await closed.catch(() => undefined);
    },
  };
}
