import { connect } from '@nats-io/transport-node';
import { headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import { trace } from '@opentelemetry/api';
import pino from 'pino';
import { Enterprise, GetEnterpriseRequest, Header, RegistryChange, RegistrySnapshot, subjects } from '@ndxp/contracts';
import { type NatsServerHandle, startNatsServer, waitUntil, meteredEvents } from '@ndxp/testing';
import type { ConsumerLimits } from '@ndxp/contracts';
import { headerPairs, serveRegistrySnapshot, testRoutingConfig } from './routing.fixture';
import { startRouting, type Routing } from './routing';

const PROVIDER = 'BO-BKHDT-DKDN';
const SERVICE = 'GetEnterprise';
const RATED = 'TINH-01-LGSP';
const QUOTA = 'TINH-02-LGSP';
const FREE = 'TINH-79-LGSP';
const OTHER = 'TINH-31-LGSP';
const ADAPTER_INSTANCE = 'adapter-test-1';
const logger = pino({ level: 'silent' });

describe('routing rate limits, quotas, replays and meter timestamps (real nats-server)', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let routing: Routing;
  let registrySub: Subscription;
  let adapterSub: Subscription;
  let revision = 1;
  /** Adapter calls by request id. */
  const calls = new Map<string, number>();

  const snapshot = (): RegistrySnapshot =>
    RegistrySnapshot.fromPartial({
      revision,
      services: [
        { provider: PROVIDER, service: SERVICE, version: 'v1' },
        { provider: PROVIDER, service: 'Other', version: 'v1' },
      ],
      grants: [RATED, QUOTA, FREE, OTHER].flatMap((consumer) => [
        { consumer, provider: PROVIDER, service: SERVICE },
        { consumer, provider: PROVIDER, service: 'Other' },
      ]),
      limits: [
        { consumer: RATED, ratePerSecond: 5, burst: 5, dailyQuota: 0 },
        { consumer: QUOTA, ratePerSecond: 0, burst: 0, dailyQuota: 3 },
      ],
    });

  const ask = (consumer: string, requestId: string, taxCode = '0100109106', service = SERVICE): Promise<Msg> => {
    const h = headers();
    h.set(Header.RequestId, requestId);
    return nc.request(subjects.request(consumer, PROVIDER, service), GetEnterpriseRequest.encode({ taxCode }).finish(), {
      timeout: 5000,
      headers: h,
    });
  };

  const setLimits = async (limits: ConsumerLimits): Promise<void> => {
    revision++;
    nc.publish(subjects.registryEvents, RegistryChange.encode({ revision, change: { $case: 'limitsSet', value: limits } }).finish());
    await nc.flush();
    await waitUntil(() => routing.view.revision === revision, { timeoutMs: 2000 });
  };

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    registrySub = serveRegistrySnapshot(nc, snapshot);
    // A stand-in adapter on both services: counts calls, answers SLOW after 300 ms, names its instance.
    adapterSub = nc.subscribe(`ndxp.svc.${PROVIDER}.*`, {
      queue: subjects.serviceQueue(PROVIDER),
      callback: (_e, m) => {
        const id = m.headers?.get(Header.RequestId) ?? '';
        calls.set(id, (calls.get(id) ?? 0) + 1);
        const req = GetEnterpriseRequest.decode(m.data);
        const h = headers();
        h.set(Header.Status, 'ok');
        h.set(Header.Instance, ADAPTER_INSTANCE);
        // A different name on each call, so that a replay answered from memory is told apart from a second call.
        const body = Enterprise.encode(Enterprise.fromPartial({ taxCode: req.taxCode, nameVi: `Công ty ${Math.random()}` })).finish();
        // FAIL_ONCE: the national system fails the first call of a request id, answers the retry.
        if (req.taxCode === 'FAIL_ONCE' && calls.get(id) === 1) {
          h.set(Header.Status, 'server.upstream_failure');
          m.respond(new Uint8Array(0), { headers: h });
          return;
        }
        if (req.taxCode === 'SLOW') setTimeout(() => m.respond(body, { headers: h }), 300);
        else m.respond(body, { headers: h });
      },
    });
    routing = await startRouting({
      nc,
      logger,
      tracer: trace.getTracer('test'),
      config: testRoutingConfig('routing-limits-test'),
    });
  });

  afterAll(async () => {
    await routing?.stop();
    adapterSub?.unsubscribe();
    registrySub?.unsubscribe();
    await nc?.close();
    await server?.stop();
  });

  it('gives a consumer limited to 5/s with burst 5 five ok answers and 15 client.rate_limited out of 20 at once, metered, and lets more through a second later', async () => {
    const prefix = `rate-${Date.now()}`;
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(RATED, `${prefix}-${i}`)));
    const codes = replies.map((r) => r.headers?.get(Header.Status));
    expect(codes.filter((c) => c === 'ok').length).toBe(5);
    expect(codes.filter((c) => c === 'client.rate_limited').length).toBe(15);
    const refused = replies.find((r) => r.headers?.get(Header.Status) === 'client.rate_limited')!;
    expect(refused.headers?.get(Header.ErrorMessage)).toBe(`rate limit of 5/s (burst 5) exceeded for ${RATED}`);
    const events = (await meteredEvents(nc)).filter((e) => e.requestId.startsWith(`${prefix}-`));
    expect(events.length).toBe(20);
    expect(events.filter((e) => e.code === 'client.rate_limited').length).toBe(15);
    // The bucket refills at 5 tokens a second: this wait is the behaviour under test, not a readiness check.
    await new Promise((r) => setTimeout(r, 1_100));
    const later = await Promise.all(Array.from({ length: 5 }, (_, i) => ask(RATED, `${prefix}-later-${i}`)));
    expect(later.map((r) => r.headers?.get(Header.Status))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('refuses request N+1 of a consumer with a daily quota of N, naming the quota', async () => {
    const prefix = `quota-${Date.now()}`;
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push((await ask(QUOTA, `${prefix}-${i}`)).headers?.get(Header.Status) ?? '');
    expect(codes).toEqual(['ok', 'ok', 'ok', 'client.rate_limited']);
    const fourth = await ask(QUOTA, `${prefix}-again`);
    expect(fourth.headers?.get(Header.ErrorMessage)).toBe(`daily quota of 3 exhausted for ${QUOTA}`);
  });

  it('applies limits set, raised and removed by registry change events without a restart', async () => {
    const prefix = `live-${Date.now()}`;
    expect((await ask(FREE, `${prefix}-0`)).headers?.get(Header.Status)).toBe('ok');
    await setLimits({ consumer: FREE, ratePerSecond: 0, burst: 0, dailyQuota: 2 });
    // Counting starts when the first limit arrives: a consumer without limits is not counted at all.
    expect((await ask(FREE, `${prefix}-1`)).headers?.get(Header.Status)).toBe('ok');
    expect((await ask(FREE, `${prefix}-2`)).headers?.get(Header.Status)).toBe('ok');
    expect((await ask(FREE, `${prefix}-3`)).headers?.get(Header.Status)).toBe('client.rate_limited');
    await setLimits({ consumer: FREE, ratePerSecond: 0, burst: 0, dailyQuota: 3 });
    expect((await ask(FREE, `${prefix}-4`)).headers?.get(Header.Status)).toBe('ok');
    expect((await ask(FREE, `${prefix}-5`)).headers?.get(Header.Status)).toBe('client.rate_limited');
    await setLimits({ consumer: FREE, ratePerSecond: 0, burst: 0, dailyQuota: 0 });
    expect(routing.view.limitsOf(FREE)).toBeUndefined();
    const after = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(FREE, `${prefix}-free-${i}`)));
    expect(after.every((r) => r.headers?.get(Header.Status) === 'ok')).toBe(true);
  });

  it('answers a replay of a finished request with byte-identical headers and payload, calling the adapter once and metering once', async () => {
    const id = `replay-done-${Date.now()}`;
    const first = await ask(FREE, id);
    const second = await ask(FREE, id);
    expect(first.headers?.get(Header.Status)).toBe('ok');
    expect(Buffer.from(second.data).equals(Buffer.from(first.data))).toBe(true);
    expect(headerPairs(second)).toEqual(headerPairs(first));
    expect(calls.get(id)).toBe(1);
    expect((await meteredEvents(nc)).filter((e) => e.requestId === id).length).toBe(1);
  });

  it('forwards and meters a retry after a server.* failure again (the ledger keeps the final ok), then answers replays of the ok from memory', async () => {
    const id = `retry-after-failure-${Date.now()}`;
    expect((await ask(FREE, id, 'FAIL_ONCE')).headers?.get(Header.Status)).toBe('server.upstream_failure');
    const ok = await ask(FREE, id, 'FAIL_ONCE');
    expect(ok.headers?.get(Header.Status)).toBe('ok');
    const replay = await ask(FREE, id, 'FAIL_ONCE');
    expect(Buffer.from(replay.data).equals(Buffer.from(ok.data))).toBe(true);
    expect(calls.get(id)).toBe(2);
    expect((await meteredEvents(nc)).filter((e) => e.requestId === id).map((e) => e.code)).toEqual(['server.upstream_failure', 'ok']);
  });

  it('makes a replay of a request still in flight wait for it, both getting the same answer from one adapter call and one meter event', async () => {
    const id = `replay-inflight-${Date.now()}`;
    const first = ask(FREE, id, 'SLOW');
    await waitUntil(() => calls.get(id) === 1, { timeoutMs: 2000 });
    const second = ask(FREE, id, 'SLOW');
    const [a, b] = await Promise.all([first, second]);
    expect(a.headers?.get(Header.Status)).toBe('ok');
    expect(Buffer.from(b.data).equals(Buffer.from(a.data))).toBe(true);
    expect(headerPairs(b)).toEqual(headerPairs(a));
    expect(calls.get(id)).toBe(1);
    expect((await meteredEvents(nc)).filter((e) => e.requestId === id).length).toBe(1);
  });

  it('answers client.request_id_reused for the same id with another payload or service, metering nothing new', async () => {
    const id = `reused-${Date.now()}`;
    expect((await ask(FREE, id, '0100109106')).headers?.get(Header.Status)).toBe('ok');
    const otherPayload = await ask(FREE, id, '0101243150');
    expect(otherPayload.headers?.get(Header.Status)).toBe('client.request_id_reused');
    expect(otherPayload.headers?.get(Header.ErrorField)).toBe(Header.RequestId);
    expect(otherPayload.data.length).toBe(0);
    expect((await ask(FREE, id, '0100109106', 'Other')).headers?.get(Header.Status)).toBe('client.request_id_reused');
    // The same id from another consumer is another request.
    expect((await ask(OTHER, id, '0101243150')).headers?.get(Header.Status)).toBe('ok');
    expect(calls.get(id)).toBe(2);
    expect((await meteredEvents(nc)).filter((e) => e.requestId === id && e.consumer === FREE).length).toBe(1);
  });

  it('does not remember a rate-limited refusal: the same id is served once the limit allows', async () => {
    await setLimits({ consumer: FREE, ratePerSecond: 0, burst: 0, dailyQuota: 1 });
    try {
      const id = `limited-then-ok-${Date.now()}`;
      expect((await ask(FREE, id)).headers?.get(Header.Status)).toBe('client.rate_limited');
      await setLimits({ consumer: FREE, ratePerSecond: 0, burst: 0, dailyQuota: 0 });
      expect((await ask(FREE, id)).headers?.get(Header.Status)).toBe('ok');
    } finally {
      await setLimits({ consumer: FREE, ratePerSecond: 0, burst: 0, dailyQuota: 0 });
    }
  });

  it('meters the four timestamps in order (received <= forwarded <= answered <= responded) and the adapter instance', async () => {
    const id = `stamps-${Date.now()}`;
    expect((await ask(FREE, id, 'SLOW')).headers?.get(Header.Status)).toBe('ok');
    const ev = (await meteredEvents(nc)).find((e) => e.requestId === id)!;
    expect(ev.receivedAtMs).toBeGreaterThan(0);
    expect(ev.forwardedAtMs).toBeGreaterThanOrEqual(ev.receivedAtMs);
    // The adapter answers SLOW after 300 ms.
    expect(ev.answeredAtMs - ev.forwardedAtMs).toBeGreaterThanOrEqual(290);
    expect(ev.respondedAtMs).toBeGreaterThanOrEqual(ev.answeredAtMs);
    expect(ev.adapterInstance).toBe(ADAPTER_INSTANCE);
    expect(ev.routingInstance).toBe('routing-limits-test');
    const refused = `stamps-refused-${Date.now()}`;
    await ask('TINH-48-LGSP', refused);
    const rev = (await meteredEvents(nc)).find((e) => e.requestId === refused)!;
    expect([rev.code, rev.forwardedAtMs, rev.answeredAtMs, rev.adapterInstance]).toEqual(['client.access_denied', 0, 0, '']);
    expect(rev.respondedAtMs).toBeGreaterThanOrEqual(rev.receivedAtMs);
  });
});
