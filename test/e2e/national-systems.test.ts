// End to end over all four national systems: the access rule of the connection deadline, each
// adapter's error paths, a national system down and slow, Vietnam Post order events, discovery.
import type { NatsConnection } from '@nats-io/nats-core';
import {
  CollectionStatus,
  EventType,
  MeshError,
  OrderKind,
  RegistrySnapshot,
  SnapshotRequest,
  subjects,
  type OrderStatusChanged,
} from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { type Mesh, sampleOrderRequest, startMesh, waitUntil } from '@ndxp/testing';
import * as budget from '@ndxp/simulator-budget-units';
import * as civil from '@ndxp/simulator-civil-status';
import * as br from '@ndxp/simulator-business-registration';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof MeshError) return err.code;
    throw err;
  }
};

describe('the four national systems through the mesh', () => {
  let mesh: Mesh;
  let nc: NatsConnection;
  let taxCode: string;
  let personalId: string;
  let budgetCode: string;

  beforeAll(async () => {
    mesh = await startMesh({ env: { SIM_STEP_MS: '150', VNPOST_POLL_MS: '100' } });
    // The ops role: registry snapshot and service discovery.
    nc = await mesh.connect({ kind: 'ops' });
    taxCode = br.createDataset({ seed: br.DEFAULT_SEED, size: br.DEFAULT_SIZE }).sampleTaxCodes(1)[0]!;
    personalId = civil.createDataset({ seed: civil.DEFAULT_SEED, size: civil.DEFAULT_SIZE }).samplePersonalIds(1)[0]!;
    budgetCode = budget.createDataset({ seed: budget.DEFAULT_SEED, size: budget.DEFAULT_SIZE }).sampleCodes(1)[0]!;
  }, 120_000);

  const clients = new Map<string, Promise<MeshClient>>();
  afterAll(async () => {
    for (const c of clients.values()) await (await c).close();
    await nc?.close();
    await mesh?.stop();
  });

  /** The LGSP's client on its own connection (its own credentials), one per consumer. */
  const client = (consumer: string): Promise<MeshClient> => {
    let c = clients.get(consumer);
    if (!c) {
      c = mesh.clientOptions(consumer).then((o) => createClient({ ...o, retries: 0 }));
      clients.set(consumer, c);
    }
    return c;
  };

  /** One call per national system, with a valid request. */
  const callEach = (c: MeshClient): Record<string, Promise<unknown>> => ({
    'BO-BKHDT-DKDN': c.businessRegistration.getEnterprise({ taxCode }),
    'DN-VNPOST-BCCI': c.vnpost.quotePostage({
      senderProvince: '01',
      receiverProvince: '48',
      weightGrams: 500,
      kind: OrderKind.ORDER_KIND_BOTH,
      codAmountVnd: 0,
    }),
    'BO-BTP-HOTICH': c.civilStatus.getCivilStatusRecord({
      eventType: EventType.EVENT_TYPE_BIRTH,
      key: { $case: 'personalId', value: personalId },
    }),
    'BO-BTC-MSNS': c.budgetUnits.getBudgetUnit({ code: budgetCode }),
  });

  it('lets every province use its four systems and every ministry its two, and refuses each the rest', async () => {
    const reply = await nc.request(subjects.registry('Snapshot'), SnapshotRequest.encode({}).finish(), { timeout: 5000 });
    const lgsps = RegistrySnapshot.decode(reply.data).subsystems.filter((s) => s.subsystemCode === 'LGSP');
    expect(lgsps).toHaveLength(85);
    const failures: string[] = [];
    for (const lgsp of lgsps) {
      const c = await client(lgsp.token);
      // Each call settles into its code at once, so no refusal is left unobserved.
      const results = Object.entries(callEach(c)).map(([provider, p]) => [provider, codeOf(p)] as const);
      const allowed = lgsp.memberClass === 'TINH' ? results.map(([provider]) => provider) : ['BO-BKHDT-DKDN', 'DN-VNPOST-BCCI'];
      for (const [provider, pending] of results) {
        const code = await pending;
        const want = allowed.includes(provider) ? 'ok' : 'client.access_denied';
        if (code !== want) failures.push(`${lgsp.token} → ${provider}: ${code}, want ${want}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers each adapter’s bad identifiers and unknown records with stable codes', async () => {
    const hanoi = await client('TINH-01-LGSP');
    const fieldOf = async (p: Promise<unknown>) => {
      const e = (await p.catch((err: unknown) => err)) as MeshError;
      return `${e.code}:${e.field ?? ''}`;
    };
    expect(await fieldOf(hanoi.businessRegistration.getEnterprise({ taxCode: '0100109107' }))).toBe('client.invalid_argument:tax_code');
    expect(await codeOf(hanoi.businessRegistration.getEnterprise({ taxCode: '0100109106' }))).toBe('client.not_found');
    expect(
      await fieldOf(
        hanoi.civilStatus.getCivilStatusRecord({
          eventType: EventType.EVENT_TYPE_BIRTH,
          key: { $case: 'personalId', value: '999100123456' },
        }),
      ),
    ).toBe('client.invalid_argument:personal_id');
    expect(await fieldOf(hanoi.budgetUnits.getBudgetUnit({ code: '12' }))).toBe('client.invalid_argument:code');
    expect(await fieldOf(hanoi.vnpost.trackOrder({ itemNumber: 'EA123456789VN' }))).toBe('client.invalid_argument:item_number');
    expect(await codeOf(hanoi.vnpost.trackOrder({ itemNumber: 'EA123456785VN' }))).toBe('client.not_found');
  });

  it('answers server.upstream_failure while a national system is down, and serves again once it is back', async () => {
    const hanoi = await client('TINH-01-LGSP');
    const lookup = () => hanoi.budgetUnits.getBudgetUnit({ code: budgetCode });
    expect(await codeOf(lookup())).toBe('ok');
    await mesh.processes.get('simulator-budget-units')!.stop();
    expect(await codeOf(lookup())).toBe('server.upstream_failure');
    await mesh.start('simulator-budget-units');
    const until = Date.now() + 10_000; // the circuit breaker lets a trial call through after it resets
    let code = '';
    while (Date.now() < until && (code = await codeOf(lookup())) !== 'ok') await new Promise((r) => setTimeout(r, 200));
    expect(code).toBe('ok');
  }, 30_000);

  it('answers server.timeout when a national system is slower than the deadline', async () => {
    const hanoi = await client('TINH-01-LGSP');
    await mesh.processes.get('simulator-civil-status')!.stop();
    await mesh.start('simulator-civil-status', 'simulator-civil-status', { SIM_LATENCY_MS: '3000' });
    try {
      const t0 = Date.now();
      const code = await codeOf(
        hanoi.civilStatus.getCivilStatusRecord(
          { eventType: EventType.EVENT_TYPE_BIRTH, key: { $case: 'personalId', value: personalId } },
          { timeoutMs: 800 },
        ),
      );
      expect(code).toBe('server.timeout');
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      await mesh.processes.get('simulator-civil-status')!.stop();
      await mesh.start('simulator-civil-status');
    }
  }, 30_000);

  it('delivers Vietnam Post order events to the creating LGSP in order, none lost across a reconnect', async () => {
    const danang = await createClient(await mesh.clientOptions('TINH-48-LGSP'));
    const order = await danang.vnpost.createOrder(sampleOrderRequest(`e2e-${Date.now()}`));
    expect(order.itemNumber).toMatch(/^[A-Z]{2}\d{9}VN$/);
    const seen: OrderStatusChanged[] = [];
    const first = await danang.vnpost.subscribeOrderEvents(async (e) => {
      seen.push(e);
    });
    await waitUntil(() => seen.some((e) => e.itemNumber === order.itemNumber), { timeoutMs: 10_000 });
    await first.stop();
    const before = seen.length;
    await new Promise((r) => setTimeout(r, 800)); // the order moves on while the LGSP is offline
    const second = await danang.vnpost.subscribeOrderEvents(async (e) => {
      seen.push(e);
    });
    await waitUntil(
      () =>
        seen.filter((e) => e.itemNumber === order.itemNumber).some((e) => e.event?.status === CollectionStatus.COLLECTION_STATUS_DELIVERED),
      { timeoutMs: 15_000 },
    );
    await second.stop();
    const mine = seen.filter((e) => e.itemNumber === order.itemNumber);
    expect(mine.map((e) => e.sequence)).toEqual(mine.map((_, i) => i + 1));
    expect(seen.length).toBeGreaterThan(before);
    // Another LGSP's subscription never sees Đà Nẵng's order.
    const hanoi = await createClient(await mesh.clientOptions('TINH-01-LGSP'));
    const others: OrderStatusChanged[] = [];
    const sub = await hanoi.vnpost.subscribeOrderEvents(async (e) => {
      others.push(e);
    });
    await new Promise((r) => setTimeout(r, 500));
    await sub.stop();
    expect(others.filter((e) => e.itemNumber === order.itemNumber)).toEqual([]);
    await danang.close();
    await hanoi.close();
  }, 60_000);

  it('lists every adapter in NATS service discovery ($SRV.PING)', async () => {
    const names = new Set<string>();
    const replies = await nc.requestMany('$SRV.PING', '', { maxWait: 1000 });
    for await (const m of replies) names.add(m.json<{ name: string }>().name);
    expect([...names].filter((n) => n.includes('adapter')).sort()).toHaveLength(4);
  });
});
