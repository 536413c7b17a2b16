// End to end: every service as its own process on a real nats-server, called as an LGSP would.
import { credentials } from '@grpc/grpc-js';
import { headers } from '@nats-io/nats-core';
import {
  getEnterpriseService,
  Header,
  MeshError,
  MeteringClient,
  RegistryClient,
  subjects,
  type GetTransactionResponse,
  type LedgerStatsResponse,
  type UsageReport,
} from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { startTelemetry } from '@ndxp/runtime';
import { trace } from '@opentelemetry/api';
import { startMesh, type Mesh, withBearer } from '@ndxp/testing';
import { startCollector } from './otlp-collector';

describe('the mesh end to end (real processes, real nats-server)', () => {
  let mesh: Mesh;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let hanoi: MeshClient;
  let registry: InstanceType<typeof RegistryClient>;
  let metering: InstanceType<typeof MeteringClient>;
  let sampleCode: string;

  beforeAll(async () => {
    collector = await startCollector();
    // OTLP's default protocol (http/protobuf); batches every 200 ms rather than the SDK's 5 s.
    mesh = await startMesh({
      otlpTracesEndpoint: collector.url,
      systems: ['business-registration'],
      env: { OTEL_BSP_SCHEDULE_DELAY: '200' },
    });
    hanoi = await createClient({ ...(await mesh.clientOptions('TINH-01-LGSP')), officer: 'can-bo-01', purpose: 'HS-2021-0001' });
    registry = new RegistryClient(
      `127.0.0.1:${mesh.registryGrpcPort}`,
      credentials.createInsecure(),
      withBearer(await mesh.accessToken('e2e-ops', ['ops', 'oversight'])),
    );
    metering = new MeteringClient(
      `127.0.0.1:${mesh.meteringGrpcPort}`,
      credentials.createInsecure(),
      withBearer(await mesh.accessToken('e2e-ops', ['ops', 'oversight'])),
    );
    sampleCode = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(1)[0]!;
  });

  afterAll(async () => {
    registry?.close();
    metering?.close();
    await hanoi?.close();
    await mesh?.stop();
    await collector?.close();
  });

  const code = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'ok';
    } catch (err) {
      if (err instanceof MeshError) return err.code;
      throw err;
    }
  };

  it('answers an allowed request with the enterprise from the national system', async () => {
    const e = await hanoi.businessRegistration.getEnterprise({ taxCode: sampleCode });
    expect(e.taxCode).toBe(sampleCode);
    expect(e.nameVi.length).toBeGreaterThan(5);
    expect(e.headOffice?.province.length).toBeGreaterThan(0);
  });

  it('refuses a consumer without a grant with client.access_denied', async () => {
    const stranger = await createClient(await mesh.clientOptions('TINH-99-LGSP'));
    try {
      expect(await code(stranger.businessRegistration.getEnterprise({ taxCode: sampleCode }))).toBe('client.access_denied');
    } finally {
      await stranger.close();
    }
  });

  it('refuses an unknown service with client.unknown_service', async () => {
    const unknown = { ...getEnterpriseService, service: 'GetEverything' };
    expect(await code(hanoi.call(unknown, { taxCode: sampleCode }))).toBe('client.unknown_service');
  });

  it('answers a malformed payload with client.malformed', async () => {
    const nc = await mesh.connect({ kind: 'lgsp', consumer: 'TINH-01-LGSP' });
    try {
      const h = headers();
      h.set(Header.RequestId, `malformed-${Date.now()}`);
      const reply = await nc.request(
        subjects.request('TINH-01-LGSP', getEnterpriseService.provider, 'GetEnterprise'),
        new Uint8Array([0x0a, 0xff, 0xff, 0xff]),
        { timeout: 3000, headers: h },
      );
      expect(reply.headers?.get(Header.Status)).toBe('client.malformed');
    } finally {
      await nc.close();
    }
  });

  it('answers a tax code with a wrong check digit with client.invalid_argument naming the field', async () => {
    const err = await hanoi.businessRegistration.getEnterprise({ taxCode: '0100109107' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeshError);
    expect((err as MeshError).code).toBe('client.invalid_argument');
    expect((err as MeshError).field).toBe('tax_code');
  });

  it('refuses a revoked grant within one second, and serves again once granted', async () => {
    const revoke = { consumer: 'TINH-01-LGSP', provider: getEnterpriseService.provider, service: 'GetEnterprise' };
    await new Promise<void>((res, rej) => registry.revoke(revoke, (e) => (e ? rej(e) : res())));
    const t0 = Date.now();
    let last = 'ok';
    while (Date.now() - t0 < 1000 && last !== 'client.access_denied') {
      last = await code(hanoi.businessRegistration.getEnterprise({ taxCode: sampleCode }, { retries: 0 }));
    }
    expect(last).toBe('client.access_denied');
    expect(Date.now() - t0).toBeLessThan(1000);
    await new Promise<void>((res, rej) => registry.grant(revoke, (e) => (e ? rej(e) : res())));
    const t1 = Date.now();
    while (Date.now() - t1 < 1000 && last !== 'ok')
      last = await code(hanoi.businessRegistration.getEnterprise({ taxCode: sampleCode }, { retries: 0 }));
    expect(last).toBe('ok');
  });

  it('puts every request of a run in the ledger exactly once, across a metering kill and restart', async () => {
    const client = await createClient(await mesh.clientOptions('TINH-79-LGSP'));
    const codes = createDatasetCodes(60);
    const ids: string[] = [];
    const send = async (i: number): Promise<void> => {
      const requestId = `e2e-ledger-${i}`;
      ids.push(requestId);
      await client.businessRegistration.getEnterprise({ taxCode: codes[i % codes.length]! }, { requestId });
      if (i % 10 === 0) await client.businessRegistration.getEnterprise({ taxCode: codes[i % codes.length]! }, { requestId }); // a retry
    };
    for (let i = 0; i < 100; i++) await send(i);
    await mesh.processes.get('metering')!.kill();
    for (let i = 100; i < 200; i++) await send(i);
    await mesh.start('metering');
    metering.close();
    metering = new MeteringClient(
      `127.0.0.1:${mesh.meteringGrpcPort}`,
      credentials.createInsecure(),
      withBearer(await mesh.accessToken('e2e-ops', ['ops', 'oversight'])),
    );
    for (let i = 200; i < 300; i++) await send(i);
    await client.close();

    const usage = (): Promise<UsageReport> =>
      new Promise((res, rej) =>
        metering.getUsage({ consumer: 'TINH-79-LGSP', fromDay: '', toDay: '', provider: '', groupBy: [] }, (e, r) => (e ? rej(e) : res(r))),
      );
    const until = Date.now() + 15_000;
    let total = 0;
    while (Date.now() < until && (total = (await usage()).total) < 300) await new Promise((r) => setTimeout(r, 100));
    expect(total).toBe(300);
    for (const id of ['e2e-ledger-0', 'e2e-ledger-150', 'e2e-ledger-299']) {
      const t = await new Promise<GetTransactionResponse>((res, rej) =>
        metering.getTransaction({ requestId: id }, (e, r) => (e ? rej(e) : res(r))),
      );
      expect(t.found).toBe(true);
      expect(t.event?.consumer).toBe('TINH-79-LGSP');
    }
    const stats = await new Promise<LedgerStatsResponse>((res, rej) => metering.ledgerStats({}, (e, r) => (e ? rej(e) : res(r))));
    expect(stats.entries).toBeGreaterThanOrEqual(300);
  });

  it('records one trace across the LGSP client, routing and the adapter', async () => {
    // The test process plays the LGSP: its active span's context travels in the request headers.
    const telemetry = startTelemetry({ service: 'lgsp-e2e' });
    const tracer = trace.getTracer('lgsp-e2e');
    const lgspTraceId = await tracer.startActiveSpan('lgsp-dossier', async (span) => {
      await hanoi.businessRegistration.getEnterprise({ taxCode: sampleCode });
      span.end();
      return span.spanContext().traceId;
    });
    await telemetry.shutdown();
    const inTrace = () => collector.spans.filter((s) => s.traceId === lgspTraceId);
    const until = Date.now() + 5000;
    while (Date.now() < until && new Set(inTrace().map((s) => s.service)).size < 2) await new Promise((r) => setTimeout(r, 100));
    const spans = inTrace();
    const routing = spans.find((s) => s.service === 'ndxp-routing');
    const adapter = spans.find((s) => s.service.includes('business-registration'));
    expect(routing).toBeDefined();
    expect(adapter).toBeDefined();
    // Routing's parent is the LGSP client's span (made inside the test process, not exported here).
    expect(routing!.parentSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(adapter!.parentSpanId).toBe(routing!.spanId);
  });

  it('answers server.no_adapter in under 100 ms when the adapter is stopped', async () => {
    await mesh.processes.get('adapter-business-registration')!.stop();
    const t0 = performance.now();
    const c = await code(hanoi.businessRegistration.getEnterprise({ taxCode: sampleCode }, { retries: 0 }));
    const ms = performance.now() - t0;
    expect(c).toBe('server.no_adapter');
    expect(ms).toBeLessThan(100);
    await mesh.start('adapter-business-registration');
    expect(await code(hanoi.businessRegistration.getEnterprise({ taxCode: sampleCode }))).toBe('ok');
  });

  function createDatasetCodes(n: number): string[] {
    return createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(n);
  }
});
