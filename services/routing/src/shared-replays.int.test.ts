import { createHash } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm, type KvEntry } from '@nats-io/kv';
import { trace } from '@opentelemetry/api';
import pino from 'pino';
import { Enterprise, GetEnterpriseRequest, Header, REPLAY_BUCKET, RegistrySnapshot, subjects } from '@ndxp/contracts';
import { startNatsServer, waitUntil, type NatsServerHandle, meteredEvents } from '@ndxp/testing';
import type { ReplayShared } from './config';
import { headerPairs, serveRegistrySnapshot, testRoutingConfig } from './routing.fixture';
import { startRouting, type Routing } from './routing';
import { encodeRecord, replayKey, TAKEOVER_GRACE_MS } from './shared-replays';

const PROVIDER = 'BO-BKHDT-DKDN';
const SERVICE = 'GetEnterprise';
const CONSUMER = 'TINH-01-LGSP';
const logger = pino({ level: 'silent' });

describe('replay memory shared by routing replicas (real nats-server, JetStream key-value bucket)', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let registrySub: Subscription;
  let adapterSub: Subscription;
  const routings = new Map<string, Routing>();
  /** National-system calls by request id. */
  const calls = new Map<string, number>();

  const start = async (id: string, mode: ReplayShared = 'auto'): Promise<Routing> => {
    const r = await startRouting({ nc, logger, tracer: trace.getTracer('test'), config: testRoutingConfig(id, { replayShared: mode }) });
    routings.set(id, r);
    return r;
  };
  const stop = async (id: string): Promise<void> => {
    await routings.get(id)?.stop();
    routings.delete(id);
  };

  const ask = (requestId: string, taxCode = '0100109106', timeoutMs = 5000): Promise<Msg> => {
    const h = headers();
    h.set(Header.RequestId, requestId);
    h.set(Header.Timeout, String(timeoutMs));
    return nc.request(subjects.request(CONSUMER, PROVIDER, SERVICE), GetEnterpriseRequest.encode({ taxCode }).finish(), {
      timeout: timeoutMs + 1000,
      headers: h,
    });
  };

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    registrySub = serveRegistrySnapshot(nc, () =>
      RegistrySnapshot.fromPartial({
        revision: 1,
        services: [{ provider: PROVIDER, service: SERVICE, version: 'v1' }],
        grants: [{ consumer: CONSUMER, provider: PROVIDER, service: SERVICE }],
      }),
    );
    // A stand-in national system: counts calls, answers after 200 ms (so replays land while the first
    // attempt is in flight), a new name each call (a replay is told apart from a second call).
    adapterSub = nc.subscribe(`ndxp.svc.${PROVIDER}.*`, {
      queue: subjects.serviceQueue(PROVIDER),
      callback: (_e, m) => {
        const id = m.headers?.get(Header.RequestId) ?? '';
        calls.set(id, (calls.get(id) ?? 0) + 1);
        const req = GetEnterpriseRequest.decode(m.data);
        const h = headers();
        if (req.taxCode === 'FAIL_ONCE' && calls.get(id) === 1) {
          h.set(Header.Status, 'server.upstream_failure');
          m.respond(new Uint8Array(0), { headers: h });
          return;
        }
        h.set(Header.Status, 'ok');
        const body = Enterprise.encode(Enterprise.fromPartial({ taxCode: req.taxCode, nameVi: `Công ty ${Math.random()}` })).finish();
        setTimeout(() => m.respond(body, { headers: h }), 200);
      },
    });
  });

  afterAll(async () => {
    for (const id of [...routings.keys()]) await stop(id);
    adapterSub?.unsubscribe();
    registrySub?.unsubscribe();
    await nc?.close();
    await server?.stop();
  });

  it('answers a replay on another replica from the bucket, byte for byte, without a second national-system call or meter event', async () => {
    // Always: shared even while alone (auto would keep a lone replica's answers in its own memory).
    await start('routing-a', 'always');
    const id = `handover-${Date.now()}`;
    const first = await ask(id);
    expect(first.headers?.get(Header.Status)).toBe('ok');
    // The answer goes to the bucket just after the consumer gets it.
    await waitUntil(async () => ((await bucketEntry(nc, id))?.length ?? 0) > 100);
    await start('routing-b');
    await stop('routing-a');
    const replay = await ask(id);
    expect(replay.headers?.get(Header.Status)).toBe('ok');
    expect(Buffer.from(replay.data).equals(Buffer.from(first.data))).toBe(true);
    expect(headerPairs(replay)).toEqual(headerPairs(first));
    expect(calls.get(id)).toBe(1);
    expect(routings.get('routing-b')!.statsData().sharedReplays).toBe(1);
    expect((await meteredEvents(nc)).filter((e) => e.requestId === id).length).toBe(1);
    await stop('routing-b');
  });

  it('in auto mode shares nothing while a replica is alone, and shares as soon as a second replica announces itself', async () => {
    const a = await start('routing-a');
    const alone = `alone-${Date.now()}`;
    expect((await ask(alone)).headers?.get(Header.Status)).toBe('ok');
    expect(a.statsData()).toMatchObject({ peers: 0, sharedClaims: 0 });
    const b = await start('routing-b');
    await waitUntil(() => a.statsData().peers === 1 && b.statsData().peers === 1);
    const ids = Array.from({ length: 20 }, (_, i) => `paired-${Date.now()}-${i}`);
    await Promise.all(ids.map((id) => ask(id)));
    expect((a.statsData().sharedClaims ?? 0) + (b.statsData().sharedClaims ?? 0)).toBe(20);
    await stop('routing-b');
    // The lone replica notices within PEER_EXPIRY_MS plus one announcement.
    await waitUntil(() => a.statsData().peers === 0, { timeoutMs: 6000 });
    await stop('routing-a');
  });

  it('with two replicas in one queue group, 150 request ids each sent three times at once reach the national system 150 times, metered 150 times, every attempt answered alike', async () => {
    await start('routing-a');
    await start('routing-b');
    const prefix = `burst-${Date.now()}`;
    const ids = Array.from({ length: 150 }, (_, i) => `${prefix}-${i}`);
    const answers = await Promise.all(ids.flatMap((id) => [ask(id), ask(id), ask(id)]));
    for (let i = 0; i < ids.length; i++) {
      const [a, b, c] = answers.slice(i * 3, i * 3 + 3);
      expect([a!, b!, c!].map((m) => m.headers?.get(Header.Status))).toEqual(['ok', 'ok', 'ok']);
      expect(Buffer.from(b!.data).equals(Buffer.from(a!.data))).toBe(true);
      expect(Buffer.from(c!.data).equals(Buffer.from(a!.data))).toBe(true);
    }
    expect(ids.map((id) => calls.get(id))).toEqual(ids.map(() => 1));
    const metered = (await meteredEvents(nc)).filter((e) => e.requestId.startsWith(`${prefix}-`));
    expect(metered.length).toBe(150);
    // Both replicas took part, and some attempts waited on the other replica's claim.
    const a = routings.get('routing-a')!.statsData();
    const b = routings.get('routing-b')!.statsData();
    expect(a.received).toBeGreaterThan(0);
    expect(b.received).toBeGreaterThan(0);
    expect((a.sharedWaits ?? 0) + (b.sharedWaits ?? 0)).toBeGreaterThan(0);
    expect((a.sharedErrors ?? 0) + (b.sharedErrors ?? 0)).toBe(0);
  });

  it('serves a retry after a server.* answer afresh on whichever replica (the claim is released), then replays the ok', async () => {
    const id = `released-${Date.now()}`;
    expect((await ask(id, 'FAIL_ONCE')).headers?.get(Header.Status)).toBe('server.upstream_failure');
    await waitUntil(async () => (await bucketEntry(nc, id))?.operation === 'DEL');
    const ok = await ask(id, 'FAIL_ONCE');
    expect(ok.headers?.get(Header.Status)).toBe('ok');
    for (let i = 0; i < 4; i++) expect(Buffer.from((await ask(id, 'FAIL_ONCE')).data).equals(Buffer.from(ok.data))).toBe(true);
    expect(calls.get(id)).toBe(2);
  });

  it('answers client.request_id_reused on any replica for the same id with another payload', async () => {
    const id = `reused-${Date.now()}`;
    expect((await ask(id, '0100109106')).headers?.get(Header.Status)).toBe('ok');
    const codes = await Promise.all(Array.from({ length: 6 }, () => ask(id, '0101243150').then((m) => m.headers?.get(Header.Status))));
    expect(codes).toEqual(Array(6).fill('client.request_id_reused'));
    expect(calls.get(id)).toBe(1);
  });

  it('makes an attempt wait for a claim left by a replica that died, answering server.timeout within its budget, and takes the claim over once the claimant\u2019s budget and the grace have passed', async () => {
    await stop('routing-b');
    const id = `orphan-${Date.now()}`;
    const fingerprint = `${PROVIDER}\u0000${SERVICE}\u0000v1\u0000${sha256Hex(GetEnterpriseRequest.encode({ taxCode: '0100109106' }).finish())}`;
    const kv = await new Kvm(nc).open(REPLAY_BUCKET);
    await kv.put(replayKey(CONSUMER, id), encodeRecord({ k: 'c', f: fingerprint, i: 'routing-dead', b: 100 }));
    const started = Date.now();
    const busy = await ask(id, '0100109106', 400);
    expect(busy.headers?.get(Header.Status)).toBe('server.timeout');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls.get(id)).toBeUndefined();
    // This replica first saw the claim at `started`; past 100 ms + the grace it is abandoned.
    await new Promise((r) => setTimeout(r, 100 + TAKEOVER_GRACE_MS - (Date.now() - started) + 50));
    const served = await ask(id);
    expect(served.headers?.get(Header.Status)).toBe('ok');
    expect(calls.get(id)).toBe(1);
    expect(routings.get('routing-a')!.statsData().takeovers).toBe(1);
  });

  it('serves requests as new (fail open) and counts it when the bucket is gone', async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(`KV_${REPLAY_BUCKET}`);
    const id = `no-bucket-${Date.now()}`;
    expect((await ask(id)).headers?.get(Header.Status)).toBe('ok');
    expect(calls.get(id)).toBe(1);
    expect(routings.get('routing-a')!.statsData().sharedErrors).toBeGreaterThan(0);
    // This replica's own memory still answers the replay.
    expect((await ask(id)).headers?.get(Header.Status)).toBe('ok');
    expect(calls.get(id)).toBe(1);
  });
});

/** The consumer's entry for a request id in the shared bucket. */
async function bucketEntry(nc: NatsConnection, requestId: string): Promise<KvEntry | null> {
  return (await new Kvm(nc).open(REPLAY_BUCKET)).get(replayKey(CONSUMER, requestId));
}

function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
