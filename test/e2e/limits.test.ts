// End to end: limits set in the registry (SetLimits) are enforced by routing as processes, a
// replayed request id is answered the same way and metered once, and each meter event carries the
// four timestamps and the adapter instance (issues 5 and 6).
import { credentials } from '@grpc/grpc-js';
import { headers, type Msg, type NatsConnection } from '@nats-io/nats-core';
import {
  BUSINESS_REGISTRATION_PROVIDER,
  GetEnterpriseRequest,
  Header,
  RegistryChange,
  RegistryClient,
  subjects,
  type ConsumerLimits,
} from '@ndxp/contracts';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { meteredEvents, startMesh, type Mesh, withBearer } from '@ndxp/testing';

const SERVICE = 'GetEnterprise';

describe('rate limits, quotas and replays through the mesh (real processes, real nats-server)', () => {
  let mesh: Mesh;
  let nc: NatsConnection;
  let gateway: NatsConnection;
  let registry: InstanceType<typeof RegistryClient>;
  let taxCodes: string[];

  beforeAll(async () => {
    // Anonymous broker: the test reads the meter stream itself. Requests for several consumers go out
    // on the gateway's inbox prefix, the one routing answers for any consumer (ROUTING_STRICT_REPLY).
    mesh = await startMesh({ systems: ['business-registration'], adapterUpstream: 'memory', auth: false });
    nc = await mesh.connect({ kind: 'ops' });
    gateway = await mesh.connect({ kind: 'gateway' });
    registry = new RegistryClient(
      `127.0.0.1:${mesh.registryGrpcPort}`,
      credentials.createInsecure(),
      withBearer(await mesh.accessToken('e2e-ops', ['ops', 'oversight'])),
    );
    taxCodes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(2);
  });

  afterAll(async () => {
    registry?.close();
    await mesh?.stop();
  });

  const ask = (consumer: string, requestId: string, taxCode = taxCodes[0]!): Promise<Msg> => {
    const h = headers();
    h.set(Header.RequestId, requestId);
    return gateway.request(
      subjects.request(consumer, BUSINESS_REGISTRATION_PROVIDER, SERVICE),
      GetEnterpriseRequest.encode({ taxCode }).finish(),
      {
        timeout: 5_000,
        headers: h,
      },
    );
  };

  /**
   * Sets limits through the registry's gRPC API and resolves once its change event is out: routing
   * received that event on its connection before any request this test sends afterwards.
   */
  const setLimits = async (limits: ConsumerLimits): Promise<void> => {
    const seen = new Promise<void>((resolve) => {
      const sub = nc.subscribe(subjects.registryEvents, {
        callback: (_e, m) => {
          const c = RegistryChange.decode(m.data).change;
          if (c?.$case === 'limitsSet' && c.value.consumer === limits.consumer) {
            sub.unsubscribe();
            resolve();
          }
        },
      });
    });
    await nc.flush();
    await new Promise<void>((resolve, reject) => registry.setLimits(limits, (err) => (err ? reject(err) : resolve())));
    await seen;
  };

  it('refuses above a rate set with SetLimits with client.rate_limited, metered, and lifts it when the limits are cleared', async () => {
    const consumer = 'TINH-02-LGSP';
    await setLimits({ consumer, ratePerSecond: 2, burst: 2, dailyQuota: 0 });
    const prefix = `e2e-rate-${Date.now()}`;
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(consumer, `${prefix}-${i}`)));
    const codes = replies.map((r) => r.headers?.get(Header.Status));
    expect(codes.filter((c) => c === 'ok').length).toBe(2);
    expect(codes.filter((c) => c === 'client.rate_limited').length).toBe(8);
    const refused = replies.find((r) => r.headers?.get(Header.Status) === 'client.rate_limited')!;
    expect(refused.headers?.get(Header.ErrorMessage)).toBe(`rate limit of 2/s (burst 2) exceeded for ${consumer}`);
    // The refusal says when the bucket holds a token again: within a second at 2/s, whatever the replicas' share.
    const wait = Number(refused.headers?.get(Header.RetryAfter));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1_000);
    const events = (await meteredEvents(nc)).filter((e) => e.requestId.startsWith(`${prefix}-`));
    expect(events.filter((e) => e.code === 'client.rate_limited').length).toBe(8);

    await setLimits({ consumer, ratePerSecond: 0, burst: 0, dailyQuota: 0 });
    const free = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(consumer, `${prefix}-free-${i}`)));
    expect(free.every((r) => r.headers?.get(Header.Status) === 'ok')).toBe(true);
  });

  it('refuses request N+1 of the day of a consumer with a daily quota of N', async () => {
    const consumer = 'TINH-04-LGSP';
    await setLimits({ consumer, ratePerSecond: 0, burst: 0, dailyQuota: 2 });
    const prefix = `e2e-quota-${Date.now()}`;
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push((await ask(consumer, `${prefix}-${i}`)).headers?.get(Header.Status) ?? '');
    expect(codes).toEqual(['ok', 'ok', 'client.rate_limited']);
    expect((await ask(consumer, `${prefix}-3`)).headers?.get(Header.ErrorMessage)).toBe(`daily quota of 2 exhausted for ${consumer}`);
  });

  it('answers a replayed request id with the same bytes and meters it once; another payload under that id is client.request_id_reused', async () => {
    const consumer = 'TINH-01-LGSP';
    const id = `e2e-replay-${Date.now()}`;
    const first = await ask(consumer, id);
    const second = await ask(consumer, id);
    expect(first.headers?.get(Header.Status)).toBe('ok');
    expect(Buffer.from(second.data).equals(Buffer.from(first.data))).toBe(true);
    expect(second.headers?.get(Header.Receipt)).toBe(first.headers?.get(Header.Receipt));
    const reused = await ask(consumer, id, taxCodes[1]);
    expect(reused.headers?.get(Header.Status)).toBe('client.request_id_reused');
    expect((await meteredEvents(nc)).filter((e) => e.requestId === id).length).toBe(1);
  });

  it('meters the four timestamps in order and the adapter instance from the adapter reply', async () => {
    const id = `e2e-stamps-${Date.now()}`;
    const reply = await ask('TINH-01-LGSP', id);
    expect(reply.headers?.get(Header.Status)).toBe('ok');
    const instance = reply.headers?.get(Header.Instance) ?? '';
    expect(instance).not.toBe('');
    const ev = (await meteredEvents(nc)).find((e) => e.requestId === id)!;
    expect(ev.adapterInstance).toBe(instance);
    expect(ev.receivedAtMs).toBeGreaterThan(0);
    expect(ev.forwardedAtMs).toBeGreaterThanOrEqual(ev.receivedAtMs);
    expect(ev.answeredAtMs).toBeGreaterThanOrEqual(ev.forwardedAtMs);
    expect(ev.respondedAtMs).toBeGreaterThanOrEqual(ev.answeredAtMs);
  });
});
