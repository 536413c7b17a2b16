import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import { trace } from '@opentelemetry/api';
import pino from 'pino';
import { Enterprise, GetEnterpriseRequest, Header, LIMITS_BUCKET, RegistrySnapshot, subjects } from '@ndxp/contracts';
import { startNatsServer, waitUntil, type NatsServerHandle } from '@ndxp/testing';
import { serveRegistrySnapshot, testRoutingConfig } from './routing.fixture';
import { startRouting, type Routing } from './routing';

const PROVIDER = 'BO-BKHDT-DKDN';
const SERVICE = 'GetEnterprise';
const RATE = 50;
const QUOTA = 300;
/** One consumer per case, so that no case shares a count with another. */
const RATED = (n: number): string => `TINH-0${n}-LGSP`;
const QUOTED = (n: number): string => `BO-BTC${n}-LGSP`;
const CONSUMERS = [1, 3, 5].flatMap((n) => [RATED(n), QUOTED(n)]).concat(['BO-BTC6-LGSP', 'BO-BTC7-LGSP', 'BO-BTC8-LGSP', 'BO-BTC9-LGSP']);
const logger = pino({ level: 'silent' });

describe('rate limits and daily quotas held across 1, 3 and 5 routing replicas (real nats-server, JetStream key-value)', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let registrySub: Subscription;
  let adapterSub: Subscription;
  const running: Array<{ routing: Routing; nc: NatsConnection }> = [];

  const start = async (id: string): Promise<{ routing: Routing; nc: NatsConnection }> => {
    const rnc = await connect({ servers: server.url });
    const routing = await startRouting({
      nc: rnc,
      logger,
      tracer: trace.getTracer('test'),
      config: testRoutingConfig(id, { replayShared: 'off' }),
    });
    const r = { routing, nc: rnc };
    running.push(r);
    return r;
  };
  /** A graceful stop: the replica gives back the quota it holds. */
  const stop = async (r: { routing: Routing; nc: NatsConnection }): Promise<void> => {
    running.splice(running.indexOf(r), 1);
    await r.routing.stop();
    await r.nc.close();
  };
  const stopAll = async (): Promise<void> => {
    for (const r of [...running]) await stop(r);
  };
  /** Starts n replicas and waits until each knows the others. */
  const replicas = async (n: number, tag: string): Promise<void> => {
    for (let i = 0; i < n; i++) await start(`routing-${tag}-${i}`);
    await waitUntil(() => running.every((r) => r.routing.statsData().peers === n - 1), { what: `${n} replicas knowing each other` });
  };

  let seq = 0;
  const ask = (consumer: string): Promise<string> => {
    const h = headers();
    h.set(Header.RequestId, `limits-${consumer}-${Date.now()}-${++seq}`);
    return nc
      .request(subjects.request(consumer, PROVIDER, SERVICE), GetEnterpriseRequest.encode({ taxCode: '0100109106' }).finish(), {
        timeout: 5000,
        headers: h,
      })
      .then((m) => m.headers?.get(Header.Status) ?? 'no-status');
  };
  /** Offers `perSecond` requests a second for `ms`, paced; resolves with the answers' codes. */
  const offer = async (consumer: string, perSecond: number, ms: number): Promise<string[]> => {
    const answers: Array<Promise<string>> = [];
    const t0 = Date.now();
    for (let i = 0; Date.now() - t0 < ms; i++) {
      answers.push(ask(consumer));
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + ((i + 1) * 1000) / perSecond - Date.now())));
    }
    return Promise.all(answers);
  };
  const count = (codes: string[], code: string): number => codes.filter((c) => c === code).length;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    registrySub = serveRegistrySnapshot(nc, () =>
      RegistrySnapshot.fromPartial({
        revision: 1,
        services: [{ provider: PROVIDER, service: SERVICE, version: 'v1' }],
        grants: CONSUMERS.map((consumer) => ({ consumer, provider: PROVIDER, service: SERVICE })),
        limits: [
          ...[1, 3, 5].map((n) => ({ consumer: RATED(n), ratePerSecond: RATE, burst: RATE, dailyQuota: 0 })),
          ...[1, 3, 5, 7, 8, 9].map((n) => ({ consumer: `BO-BTC${n}-LGSP`, ratePerSecond: 0, burst: 0, dailyQuota: QUOTA })),
          { consumer: 'BO-BTC6-LGSP', ratePerSecond: 0, burst: 0, dailyQuota: 1_000_000 },
        ],
      }),
    );
    adapterSub = nc.subscribe(`ndxp.svc.${PROVIDER}.*`, {
      queue: subjects.serviceQueue(PROVIDER),
      callback: (_e, m) => {
        const h = headers();
        h.set(Header.Status, 'ok');
        m.respond(Enterprise.encode(Enterprise.fromPartial({ taxCode: '0100109106' })).finish(), { headers: h });
      },
    });
  });

  afterAll(async () => {
    await stopAll();
    adapterSub?.unsubscribe();
    registrySub?.unsubscribe();
    await nc?.close();
    await server?.stop();
  });

  describe.each([1, 3, 5])('with %i replicas', (n) => {
    beforeAll(() => replicas(n, `n${n}`), 30_000);
    afterAll(() => stopAll());

    it(`gives a consumer limited to ${RATE}/s (burst ${RATE}) offering twice that for 20 s its rate ± 10 % ok, the rest client.rate_limited`, async () => {
      const codes = await offer(RATED(n), 2 * RATE, 20_000);
      const ok = count(codes, 'ok');
      // The bucket starts full: the burst, then the rate for 20 s.
      const expected = RATE + RATE * 20;
      console.log(`${n} replica(s): ${ok} ok of ${codes.length} offered at ${2 * RATE}/s for 20 s (expected ${expected} ± 10 %)`);
      expect(Math.abs(ok - expected)).toBeLessThanOrEqual(0.1 * expected);
      expect(count(codes, 'client.rate_limited')).toBe(codes.length - ok);
    }, 40_000);

    it(`gives a consumer with a daily quota of ${QUOTA} exactly ${QUOTA} ok of ${2 * QUOTA} requests, the rest client.rate_limited`, async () => {
      const codes: string[] = [];
      // 20 at a time, so that every replica leases while others hold blocks.
      for (let i = 0; i < 2 * QUOTA; i += 20) codes.push(...(await Promise.all(Array.from({ length: 20 }, () => ask(QUOTED(n))))));
      expect([count(codes, 'ok'), count(codes, 'client.rate_limited')]).toEqual([QUOTA, QUOTA]);
    }, 30_000);
  });

  it('serves a burst larger than a lease block at once: 500 requests at the same moment under a quota of 1,000,000 are all ok', async () => {
    await replicas(1, 'burst');
    const codes = await Promise.all(Array.from({ length: 500 }, () => ask('BO-BTC6-LGSP')));
    expect(count(codes, 'ok')).toBe(500);
    await stopAll();
  }, 30_000);

  it(`keeps a quota of ${QUOTA} exact across a replica stopped and another started mid-run (what the stopped one held is given back)`, async () => {
    await replicas(3, 'handover');
    const consumer = 'BO-BTC7-LGSP';
    const codes: string[] = [];
    const round = async (k: number): Promise<void> => {
      for (let i = 0; i < k; i += 10) codes.push(...(await Promise.all(Array.from({ length: 10 }, () => ask(consumer)))));
    };
    await round(QUOTA / 2);
    await stop(running[0]!);
    await start('routing-handover-new');
    await waitUntil(() => running.every((r) => r.routing.statsData().peers === 2));
    await round(QUOTA);
    expect([count(codes, 'ok'), count(codes, 'client.rate_limited')]).toEqual([QUOTA, QUOTA / 2]);
    await stopAll();
  }, 60_000);

  it(`keeps a quota of ${QUOTA} exact across a replica killed holding a lease: the others give back what it had not spent`, async () => {
    await replicas(3, 'killed');
    const consumer = 'BO-BTC8-LGSP';
    const codes: string[] = [];
    const round = async (k: number): Promise<void> => {
      for (let i = 0; i < k; i += 10) codes.push(...(await Promise.all(Array.from({ length: 10 }, () => ask(consumer)))));
    };
    await round(QUOTA / 2);
    // Killed: its connection closed without a stop, so it gives nothing back itself.
    const victim = running.shift()!;
    await victim.nc.close();
    await waitUntil(() => running.every((r) => r.routing.statsData().peers === 1), { timeoutMs: 10_000 });
    // The survivors count its spent tokens from its meter batches and give back the rest.
    await waitUntil(() => running.reduce((n, r) => n + (r.routing.statsData().reclaimedRecords ?? 0), 0) === 1, {
      timeoutMs: 10_000,
      what: 'the killed replica reclaimed',
    });
    await round(QUOTA);
    expect([count(codes, 'ok'), count(codes, 'client.rate_limited')]).toEqual([QUOTA, QUOTA / 2]);
    await victim.routing.stop().catch(() => undefined);
    await stopAll();
  }, 60_000);

  it('refuses quota checks with server.unavailable while the shared store is gone (fail closed), and counts the failures', async () => {
    const [r] = await Promise.all([start('routing-closed')]);
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(`KV_${LIMITS_BUCKET}`);
    const codes = await Promise.all(Array.from({ length: 5 }, () => ask('BO-BTC9-LGSP')));
    expect(codes).toEqual(Array(5).fill('server.unavailable'));
    expect(r.routing.statsData().storeFailures).toBeGreaterThan(0);
    // A consumer without a quota is not affected.
    expect(await ask(RATED(1))).toBe('ok');
    await stopAll();
  });
});
