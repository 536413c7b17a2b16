import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import {
  CollectionStatus,
  EVENTS_STREAM,
  EVENTS_SUBJECTS,
  MeshError,
  ORDER_STATUS_CHANGED,
  OrderStatusChanged,
  subjects,
  VNPOST_PROVIDER,
} from '@ndxp/contracts';
import { type NatsServerHandle, startNatsServer, waitUntil } from '@ndxp/testing';
import { orderEventsDurable, subscribeOrderEvents, type OrderEventSubscription } from './order-events';

describe('subscribeOrderEvents', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  const subs: OrderEventSubscription[] = [];

  async function publish(consumer: string, itemNumber: string, sequence: number): Promise<void> {
    const event = OrderStatusChanged.fromPartial({
      itemNumber,
      orderNumber: 'DH',
      sequence,
      event: { status: CollectionStatus.COLLECTION_STATUS_REGISTERED, code: 'DK' },
    });
    await jetstream(nc).publish(
      subjects.event(consumer, VNPOST_PROVIDER, ORDER_STATUS_CHANGED),
      OrderStatusChanged.encode(event).finish(),
      {
        msgID: `${itemNumber}:${sequence}`,
      },
    );
  }

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
  });
  afterEach(async () => {
    while (subs.length) await subs.pop()!.stop();
  });
  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  it('answers server.unavailable while the events stream does not exist', async () => {
    const err = await subscribeOrderEvents(nc, 'TINH-01-LGSP', () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeshError);
    expect((err as MeshError).code).toBe('server.unavailable');
  });

  it('delivers its own events in order, acknowledged, and none of another consumer', async () => {
    await (
      await jetstreamManager(nc)
    ).streams.add({
      name: EVENTS_STREAM,
      subjects: [EVENTS_SUBJECTS],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(60_000),
    });
    for (let i = 1; i <= 5; i++) await publish('TINH-01-LGSP', 'EA1', i);
    await publish('TINH-79-LGSP', 'EA2', 1);
    const seen: string[] = [];
    const sub = await subscribeOrderEvents(nc, 'TINH-01-LGSP', async (e) => {
      await new Promise((r) => setTimeout(r, 5)); // a slow handler must not reorder events
      seen.push(`${e.itemNumber}:${e.sequence}`);
    });
    subs.push(sub);
    await waitUntil(() => sub.handled === 5);
    // A later event of its own arrives next: the other consumer's event, published before it, never does.
    await publish('TINH-01-LGSP', 'EA1', 6);
    await waitUntil(() => sub.handled === 6);
    expect(sub.name).toBe(orderEventsDurable('TINH-01-LGSP'));
    expect(seen).toEqual(['EA1:1', 'EA1:2', 'EA1:3', 'EA1:4', 'EA1:5', 'EA1:6']);
    const info = await (await jetstreamManager(nc)).consumers.info(EVENTS_STREAM, sub.name);
    expect(info.num_ack_pending).toBe(0);
    expect(info.config.filter_subject).toBe(subjects.event('TINH-01-LGSP', VNPOST_PROVIDER, ORDER_STATUS_CHANGED));
  });

  it('gives the events missed while stopped when it subscribes again, each once', async () => {
    const consumer = 'BO-BTP-LGSP';
    const seen: number[] = [];
    const first = await subscribeOrderEvents(nc, consumer, (e) => {
      seen.push(e.sequence);
    });
    await publish(consumer, 'EA3', 1);
    await waitUntil(() => seen.length === 1);
    await first.stop();
    await publish(consumer, 'EA3', 2);
    await publish(consumer, 'EA3', 3);
    const again = await subscribeOrderEvents(nc, consumer, (e) => {
      seen.push(e.sequence);
    });
    subs.push(again);
    await waitUntil(() => seen.length >= 3);
    await publish(consumer, 'EA3', 4);
    await waitUntil(() => seen.length >= 4);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('hands a failed event again before any later one', async () => {
    const consumer = 'TINH-48-LGSP';
    const seen: string[] = [];
    let failures = 0;
    const sub = await subscribeOrderEvents(
      nc,
      consumer,
      (e, d) => {
        seen.push(`${e.sequence}/${d.deliveryCount}`);
        if (e.sequence === 1 && failures++ === 0) throw new Error('database down');
      },
      { retryDelayMs: 20 },
    );
    subs.push(sub);
    await publish(consumer, 'EA4', 1);
    await publish(consumer, 'EA4', 2);
    await waitUntil(() => sub.handled === 2);
    expect(seen).toEqual(['1/1', '1/2', '2/1']);
  });

  it('refuses a durable name already used with another filter', async () => {
    const err = await subscribeOrderEvents(nc, 'TINH-79-LGSP', () => undefined, { durableName: orderEventsDurable('TINH-01-LGSP') }).catch(
      (e: unknown) => e,
    );
    expect((err as MeshError).code).toBe('client.invalid_argument');
  });
});
