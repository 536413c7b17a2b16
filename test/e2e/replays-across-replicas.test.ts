// Replays answered from any routing replica (issue 14, row 7): the audit saw 142 of 400 replays call
// the national system again with two routing replicas, each remembering only what it served. Here
// two routing processes share one queue group and the replay memory (JetStream key-value bucket
// ndxp_replay, ROUTING_REPLAY_SHARED=auto): 200 requests, then 400 replays of them with the same ids
// (and 50 sent twice at once), reach the adapter once each, are answered byte for byte alike, and
// the ledger holds each id once, ok.
import { GetEnterpriseRequest, Header, subjects, type GetTransactionResponse, type MeteringClient } from '@ndxp/contracts';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { startMesh, waitUntil, type Mesh } from '@ndxp/testing';
import { headers, type Msg, type NatsConnection } from '@nats-io/nats-core';

const CONSUMER = 'TINH-01-LGSP';
const PROVIDER = 'BO-BKHDT-DKDN';

describe('replays across two routing replicas (every service a process)', () => {
  let mesh: Mesh;
  let nc: NatsConnection;
  let metering: MeteringClient;
  const taxCodes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(50);

  beforeAll(async () => {
    mesh = await startMesh({ systems: ['business-registration'], adapterUpstream: 'memory' });
    const second = await mesh.start('routing', 'routing-2');
    const first = mesh.processes.get('routing')!;
    // Each replica logs when it hears of the other (ndxp.routing.peers): from then on both share.
    await waitUntil(() => [first, second].every((p) => p.logs.some((l) => l['msg'] === 'routing peer joined')), {
      timeoutMs: 10_000,
      what: 'both routing replicas knowing each other',
    });
    nc = await mesh.connect({ kind: 'lgsp', consumer: CONSUMER });
    metering = await mesh.meteringClient();
  }, 120_000);
  afterAll(async () => {
    await mesh?.stop();
  });

  const ask = (requestId: string, taxCode: string): Promise<Msg> => {
    const h = headers();
    h.set(Header.RequestId, requestId);
    h.set(Header.Timeout, '5000');
    return nc.request(subjects.request(CONSUMER, PROVIDER, 'GetEnterprise'), GetEnterpriseRequest.encode({ taxCode }).finish(), {
      timeout: 6000,
      headers: h,
    });
  };

  it('answers 400 replays and 50 concurrent duplicates from either replica with one adapter call per request id, ledgered once each', async () => {
    const adapterCalls = (): Promise<number> => mesh.metricSum('adapter-business-registration', 'ndxp_requests_total');
    const before = await adapterCalls();
    const ids = Array.from({ length: 200 }, (_, i) => ({ id: `across-${Date.now()}-${i}`, taxCode: taxCodes[i % taxCodes.length]! }));
    const firsts = new Map<string, Buffer>();
    for (const batch of chunks(ids, 20)) {
      const answers = await Promise.all(batch.map((r) => ask(r.id, r.taxCode)));
      answers.forEach((m, i) => {
        expect(m.headers?.get(Header.Status)).toBe('ok');
        firsts.set(batch[i]!.id, Buffer.from(m.data));
      });
    }
    // Two replays of each, 20 at a time: the queue group hands about half to the replica that did not serve it.
    for (const batch of chunks([...ids, ...ids], 20)) {
      const answers = await Promise.all(batch.map((r) => ask(r.id, r.taxCode)));
      answers.forEach((m, i) => {
        expect(m.headers?.get(Header.Status)).toBe('ok');
        expect(Buffer.from(m.data).equals(firsts.get(batch[i]!.id)!)).toBe(true);
      });
    }
    // 50 new ids sent twice at once: whichever replicas they reach, one is served and one waits for it.
    const twins = Array.from({ length: 50 }, (_, i) => ({ id: `twin-${Date.now()}-${i}`, taxCode: taxCodes[i % taxCodes.length]! }));
    const pairs = await Promise.all(twins.map((r) => Promise.all([ask(r.id, r.taxCode), ask(r.id, r.taxCode)])));
    for (const [a, b] of pairs) {
      expect([a.headers?.get(Header.Status), b.headers?.get(Header.Status)]).toEqual(['ok', 'ok']);
      expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    }
    // Every request id reached the national system's adapter once: 250, not 250 + replays.
    await waitUntil(async () => (await adapterCalls()) - before >= 250).catch(() => undefined);
    expect((await adapterCalls()) - before).toBe(250);

    const get = (requestId: string): Promise<GetTransactionResponse> =>
      new Promise((res, rej) => metering.getTransaction({ requestId }, (e, r) => (e ? rej(e) : res(r))));
    await waitUntil(async () => (await get(twins.at(-1)!.id)).found, { timeoutMs: 20_000, what: 'the ledger' });
    for (const r of [...ids, ...twins]) {
      const t = await get(r.id);
      expect([r.id, t.found, t.event?.code]).toEqual([r.id, true, 'ok']);
    }
  }, 120_000);
});

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
