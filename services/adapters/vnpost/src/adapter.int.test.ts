import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { askAdapter, startAdapter } from '@ndxp/adapter-sdk';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  CollectionStatus,
  EVENTS_STREAM,
  OrderKind,
  ORDER_STATUS_CHANGED,
  subjects,
  VNPOST_PROVIDER,
  cancelOrderService,
  createOrderService,
  quotePostageService,
  trackOrderService,
  type CreateOrderRequest,
  type NationalService,
  type OrderStatusChanged,
} from '@ndxp/contracts';
import { createClient, type OrderEventSubscription } from '@ndxp/lgsp-client';
import { createLogger } from '@ndxp/runtime';
import { startSimulator, type Simulator } from '@ndxp/simulator-vnpost';
import { type NatsServerHandle, startNatsServer, waitUntil } from '@ndxp/testing';
import { vnpostAdapter } from './adapter';

const logger = createLogger({ service: 'vnpost-adapter-test', level: process.env['DBG'] ? 'debug' : 'silent' });

const ask = <Req, Res>(nc: NatsConnection, service: NationalService<Req, Res>, request: Req, consumer: string) =>
  askAdapter(nc, service, request, { consumer });

const party = (province: string) => ({
  name: 'Nguyễn Văn An',
  phone: '0912 345 678',
  email: '',
  province,
  district: '',
  address: '1 Tràng Tiền',
});
const order = (orderNumber: string, over: Partial<CreateOrderRequest> = {}): CreateOrderRequest => ({
  customerCode: '',
  orderNumber,
  kind: OrderKind.ORDER_KIND_DOSSIER_PICKUP,
  sender: party('01'),
  receiver: party('79'),
  description: 'Hồ sơ khai sinh',
  codAmountVnd: 0,
  agencyCode: 'H26',
  agencyName: 'UBND TP Hà Nội',
  dossierCode: `HS-${orderNumber}`,
  weightGrams: 500,
  ...over,
});

describe('VNPost adapter on NATS with the simulator', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  const cleanups: Array<() => Promise<unknown>> = [];
  let bucketCount = 0;

  /** A simulator and an adapter on its own connection, with a cursor bucket of their own. */
  async function run(opts: { stepMs?: number; simulatorDown?: boolean; sim?: Simulator; bucket?: string } = {}) {
    const sim = opts.sim ?? (await startSimulator({ port: 0, stepMs: opts.stepMs ?? 0 }));
    if (!opts.sim) cleanups.push(() => sim.close().catch(() => undefined));
    if (opts.simulatorDown) await sim.close();
    const anc = await connect({ servers: server.url });
    cleanups.push(() => anc.close());
    const bucket = opts.bucket ?? `vnpost_test_${++bucketCount}`;
    const env = { VNPOST_UPSTREAM_URL: sim.url, VNPOST_POLL_MS: '20', VNPOST_CURSOR_BUCKET: bucket, OPS_ADDR: 'off' };
    const adapter = await startAdapter(vnpostAdapter, { nc: anc, logger, env });
    cleanups.push(() => adapter.stop());
    return { sim, adapter, bucket };
  }

  /** A subscription of one LGSP collecting its events. */
  async function subscribe(consumer: string): Promise<{ events: OrderStatusChanged[]; sub: OrderEventSubscription }> {
    const client = await createClient({ consumer, nc });
    const events: OrderStatusChanged[] = [];
    const sub = await client.vnpost.subscribeOrderEvents((e) => {
      events.push(e);
    });
    cleanups.push(() => sub.stop());
    return { events, sub };
  }

  async function storedCount(consumer: string): Promise<number> {
    const subject = subjects.event(consumer, VNPOST_PROVIDER, ORDER_STATUS_CHANGED);
    const info = await (await jetstreamManager(nc)).streams.info(EVENTS_STREAM, { subjects_filter: subject });
    return info.state.subjects?.[subject] ?? 0;
  }

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
  });
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  it('delivers registered, collecting, delivered to the creating LGSP in order with sequences 1..3, and never to another LGSP', async () => {
    await run({ stepMs: 50 });
    const mine = await subscribe('TINH-01-LGSP');
    const other = await subscribe('TINH-79-LGSP');
    const created = await ask(nc, createOrderService, order('DH-1'), 'TINH-01-LGSP');
    expect(created.status).toBe('ok');
    const item = created.body!.itemNumber;
    await waitUntil(() => mine.events.length >= 3);
    expect(mine.events.map((e) => [e.itemNumber, e.orderNumber, e.dossierCode, e.sequence, e.event?.status])).toEqual([
      [item, 'DH-1', 'HS-DH-1', 1, CollectionStatus.COLLECTION_STATUS_REGISTERED],
      [item, 'DH-1', 'HS-DH-1', 2, CollectionStatus.COLLECTION_STATUS_COLLECTING],
      [item, 'DH-1', 'HS-DH-1', 3, CollectionStatus.COLLECTION_STATUS_DELIVERED],
    ]);
    // The other LGSP's subscription works (it gets its own order's events) but got none of the first.
    const theirs = await ask(nc, createOrderService, order('DH-1'), 'TINH-79-LGSP');
    await waitUntil(() => other.events.length >= 3);
    expect(other.events.every((e) => e.itemNumber === theirs.body!.itemNumber)).toBe(true);
    expect(theirs.body!.itemNumber).not.toBe(item);
    expect(mine.events).toHaveLength(3);
  });

  it('gives an LGSP that was away every missed event once, in order, when it subscribes again', async () => {
    const { sim } = await run();
    const consumer = 'BO-BTP-LGSP';
    const first = await subscribe(consumer);
    const item = (await ask(nc, createOrderService, order('DH-2'), consumer)).body!.itemNumber;
    await waitUntil(() => first.events.length === 1);
    await first.sub.stop();
    sim.orders.advance(item);
    sim.orders.advance(item);
    await waitUntil(async () => (await storedCount(consumer)) === 3);
    const again = await subscribe(consumer);
    await waitUntil(() => again.events.length >= 2);
    expect(again.events.map((e) => e.sequence)).toEqual([2, 3]);
    // A later order's event arrives next: nothing of the first order came twice.
    const next = (await ask(nc, createOrderService, order('DH-3'), consumer)).body!.itemNumber;
    await waitUntil(() => again.events.length >= 3);
    expect(again.events.map((e) => `${e.itemNumber}:${e.sequence}`)).toEqual([`${item}:2`, `${item}:3`, `${next}:1`]);
  });

  it('stores each change once with two adapter replicas and across an adapter restart (the cursor survives)', async () => {
    const consumer = 'TINH-48-LGSP';
    const { sim, adapter, bucket } = await run();
    await run({ sim, bucket }); // a second replica polling the same feed
    const item = (await ask(nc, createOrderService, order('DH-4'), consumer)).body!.itemNumber;
    sim.orders.advance(item);
    await waitUntil(async () => (await storedCount(consumer)) === 2);
    await adapter.stop();
    // Stop the second replica too, change the order while no adapter runs, then start a fresh one.
    while (cleanups.length > 1) await cleanups.pop()!();
    sim.orders.advance(item);
    await run({ sim, bucket });
    await waitUntil(async () => (await storedCount(consumer)) === 3);
    const sub = await subscribe(consumer);
    await waitUntil(() => sub.events.length >= 3);
    expect(sub.events.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(await storedCount(consumer)).toBe(3);
  });

  it('answers the same order to a retried CreateOrder with the same order number, and refuses another consumer using it', async () => {
    const { sim } = await run();
    const a = await ask(nc, createOrderService, order('DH-5'), 'TINH-01-LGSP');
    const b = await ask(nc, createOrderService, order('DH-5', { description: 'retry' }), 'TINH-01-LGSP');
    expect(b.body).toEqual(a.body);
    expect(sim.orders.size).toBe(1);
    const c = await ask(nc, createOrderService, order('DH-5', { customerCode: 'TINH-01-LGSP' }), 'TINH-79-LGSP');
    expect(c).toMatchObject({ status: 'client.invalid_argument', field: 'order_number' });
  });

  it('refuses a bad order naming the field, without calling the national system', async () => {
    const { sim } = await run();
    const cases: Array<[Partial<CreateOrderRequest>, string]> = [
      [{ orderNumber: '' }, 'order_number'],
      [{ dossierCode: ' ' }, 'dossier_code'],
      [{ sender: { ...party('01'), phone: '' } }, 'sender.phone'],
      [{ sender: { ...party('01'), phone: '12345' } }, 'sender.phone'],
      [{ receiver: { ...party('79'), name: '' } }, 'receiver.name'],
      [{ receiver: { ...party('03') } }, 'receiver.province'],
      [{ receiver: undefined }, 'receiver'],
      [{ weightGrams: -1 }, 'weight_grams'],
    ];
    for (const [over, field] of cases) {
      expect(await ask(nc, createOrderService, order('DH-6', over), 'TINH-01-LGSP')).toMatchObject({
        status: 'client.invalid_argument',
        field,
      });
    }
    expect(sim.requests).toBe(0);
  });

  it('tracks an order with its history', async () => {
    const { sim } = await run();
    const item = (await ask(nc, createOrderService, order('DH-7'), 'TINH-01-LGSP')).body!.itemNumber;
    sim.orders.advance(item);
    const tracked = await ask(nc, trackOrderService, { itemNumber: item.toLowerCase() }, 'TINH-79-LGSP');
    expect(tracked.status).toBe('ok');
    expect(tracked.body!.order).toMatchObject({
      itemNumber: item,
      orderNumber: 'DH-7',
      status: CollectionStatus.COLLECTION_STATUS_COLLECTING,
    });
    expect(tracked.body!.events.map((e) => [e.status, e.code])).toEqual([
      [CollectionStatus.COLLECTION_STATUS_REGISTERED, 'DK'],
      [CollectionStatus.COLLECTION_STATUS_COLLECTING, 'TG'],
    ]);
  });

  it('answers client.invalid_argument on item_number for a bad check digit without calling the national system, client.not_found for an unknown one', async () => {
    const { sim } = await run();
    for (const bad of ['EA123456784VN', 'EA12345678VN', '']) {
      expect(await ask(nc, trackOrderService, { itemNumber: bad }, 'TINH-01-LGSP')).toMatchObject({
        status: 'client.invalid_argument',
        field: 'item_number',
      });
      expect(await ask(nc, cancelOrderService, { itemNumber: bad, reason: '' }, 'TINH-01-LGSP')).toMatchObject({ field: 'item_number' });
    }
    expect(sim.requests).toBe(0);
    expect((await ask(nc, trackOrderService, { itemNumber: 'EA123456785VN' }, 'TINH-01-LGSP')).status).toBe('client.not_found');
  });

  it('answers a valid item number issued abroad as not held by Vietnam Post: client.not_found, as for an unknown VN item', async () => {
    const { sim } = await run();
    for (const foreign of ['RB473124829SG', 'cp908172638de']) {
      expect(await ask(nc, trackOrderService, { itemNumber: foreign }, 'TINH-01-LGSP')).toMatchObject({ status: 'client.not_found' });
      expect(await ask(nc, cancelOrderService, { itemNumber: foreign, reason: '' }, 'TINH-01-LGSP')).toMatchObject({
        status: 'client.not_found',
      });
    }
    // The national system decided, not the form check: each call reached it.
    expect(sim.requests).toBeGreaterThanOrEqual(4);
    expect((await ask(nc, trackOrderService, { itemNumber: 'RB473124828SG' }, 'TINH-01-LGSP')).status).toBe('client.invalid_argument');
  });

  it('cancels an undelivered order of its creator, refuses another LGSP, and refuses once delivered', async () => {
    const { sim } = await run();
    const a = (await ask(nc, createOrderService, order('DH-8'), 'TINH-01-LGSP')).body!.itemNumber;
    expect((await ask(nc, cancelOrderService, { itemNumber: a, reason: 'x' }, 'TINH-79-LGSP')).status).toBe('client.access_denied');
    const cancelled = await ask(nc, cancelOrderService, { itemNumber: a, reason: 'công dân tự nộp' }, 'TINH-01-LGSP');
    expect(cancelled.body).toMatchObject({ itemNumber: a, status: CollectionStatus.COLLECTION_STATUS_CANCELLED });
    const b = (await ask(nc, createOrderService, order('DH-9'), 'TINH-01-LGSP')).body!.itemNumber;
    sim.orders.advance(b);
    sim.orders.advance(b);
    const refused = await ask(nc, cancelOrderService, { itemNumber: b, reason: '' }, 'TINH-01-LGSP');
    expect(refused).toMatchObject({ status: 'client.invalid_argument', field: 'item_number' });
    expect(refused.message).toMatch(/delivered/);
  });

  it('quotes postage from the tariff', async () => {
    await run();
    const q = await ask(
      nc,
      quotePostageService,
      { senderProvince: '01', receiverProvince: '79', weightGrams: 1200, kind: OrderKind.ORDER_KIND_BOTH, codAmountVnd: 2_000_000 },
      'TINH-01-LGSP',
    );
    expect(q.body).toEqual({ postageVnd: 2 * (30_000 + 2 * 6_000), codFeeVnd: 20_000, estimatedDays: 4 });
    const bad = await ask(
      nc,
      quotePostageService,
      { senderProvince: 'HN', receiverProvince: '79', weightGrams: 0, kind: 0, codAmountVnd: 0 },
      'TINH-01-LGSP',
    );
    expect(bad).toMatchObject({ status: 'client.invalid_argument', field: 'sender_province' });
  });

  it('answers server.upstream_failure when the national system is down', async () => {
    await run({ simulatorDown: true });
    expect((await ask(nc, trackOrderService, { itemNumber: 'EA123456785VN' }, 'TINH-01-LGSP')).status).toBe('server.upstream_failure');
    expect((await ask(nc, createOrderService, order('DH-10'), 'TINH-01-LGSP')).status).toBe('server.upstream_failure');
  });
});
