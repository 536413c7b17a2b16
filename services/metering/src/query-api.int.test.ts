// Integration: GetUsage, GetTransaction and LedgerStats answer over NATS and over gRPC with the
// same results and the same stable error codes. Real nats-server, real gRPC server on a free port.
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import {
  RegistrySnapshot,
  GetTransactionRequest,
  GetTransactionResponse,
  Header,
  LedgerStatsRequest,
  LedgerStatsResponse,
  MeshError,
  MeteringClient,
  MeterEvent,
  Outcome,
  UsageQuery,
  UsageReport,
  subjects,
  GRPC_CODE_METADATA,
} from '@ndxp/contracts';
import { connectNats, createLogger, loadCommonConfig } from '@ndxp/runtime';
import { openSqliteLedgerStore, type LedgerStore } from '@ndxp/store';
import { startNatsServer, testTokenIssuer, type NatsServerHandle } from '@ndxp/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMetering, type Metering } from './metering';

const logger = createLogger({ service: 'metering-test', level: 'silent' });

const EVENTS = [
  { id: 'q-1', consumer: 'TINH-01-LGSP', day: 1, code: 'ok' },
  { id: 'q-2', consumer: 'TINH-01-LGSP', day: 1, code: 'ok' },
  { id: 'q-3', consumer: 'TINH-01-LGSP', day: 2, code: 'client.access_denied' },
  { id: 'q-4', consumer: 'BO-BTP-LGSP', day: 2, code: 'ok' },
  { id: 'q-5', consumer: 'TINH-79-LGSP', day: 3, code: 'server.timeout' },
].map((e) =>
  MeterEvent.fromPartial({
    requestId: e.id,
    consumer: e.consumer,
    provider: 'BO-BKHDT-DKDN',
    service: 'GetEnterprise',
    version: 'v1',
    outcome:
      e.code === 'ok' ? Outcome.OUTCOME_OK : e.code.startsWith('client.') ? Outcome.OUTCOME_CLIENT_ERROR : Outcome.OUTCOME_SERVER_ERROR,
    code: e.code,
    purpose: 'HS-2021-001',
    receivedAtMs: Date.UTC(2021, 9, e.day, 10),
    durationUs: 1500,
    requestBytes: 64,
    responseBytes: 900,
    routingInstance: 'routing-a',
  }),
);

interface Codec<T> {
  encode(m: T): { finish(): Uint8Array };
  decode(b: Uint8Array): T;
}

describe('metering query API', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let dir: string;
  let store: LedgerStore;
  let metering: Metering;
  let client: MeteringClient;
  /** Metadata with an oversight token (who may call what: grpc-access.int.test.ts). */
  const auth = new Metadata();

  /** One NATS call: the decoded answer, or the MeshError its headers carry. */
  async function natsCall<Req, Res>(method: string, req: Uint8Array | Req, reqCodec: Codec<Req>, resCodec: Codec<Res>): Promise<Res> {
    const data = req instanceof Uint8Array ? req : reqCodec.encode(req).finish();
    const reply = await nc.request(subjects.metering(method), data, { timeout: 5_000 });
    const err = reply.headers ? MeshError.fromHeaders(reply.headers) : undefined;
    if (err) throw err;
    expect(reply.headers?.get(Header.Status)).toBe('ok');
    return resCodec.decode(reply.data);
  }

  /** One gRPC call, promisified. */
  function grpcCall<Req, Res>(method: 'getUsage' | 'getTransaction' | 'ledgerStats', req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      const fn = client[method].bind(client) as unknown as (r: Req, md: Metadata, cb: (e: ServiceError | null, res: Res) => void) => void;
      fn(req, auth, (e, res) => (e ? reject(e) : resolve(res)));
    });
  }

  beforeAll(async () => {
    server = await startNatsServer({ private: true });
    nc = await connectNats(loadCommonConfig({ NATS_URL: server.url }, 'metering-test'), 'metering-test', logger);
    dir = mkdtempSync(join(tmpdir(), 'ndxp-metering-q-'));
    store = openSqliteLedgerStore(join(dir, 'ledger.sqlite'));
    const issuer = await testTokenIssuer();
    auth.set('authorization', `Bearer ${await issuer.token('giam-sat-01', ['oversight'])}`);
    const registrySnapshot = async (): Promise<RegistrySnapshot> => RegistrySnapshot.fromPartial({ tokenKeys: [issuer.tokenKey] });
    metering = await startMetering({ nc, store, logger, grpcAddr: '127.0.0.1:0', batchSize: 10, registrySnapshot });
    expect(metering.grpcPort).toBeGreaterThan(0);
    client = new MeteringClient(`127.0.0.1:${metering.grpcPort}`, credentials.createInsecure());
    const js = jetstream(nc);
    for (const e of EVENTS) {
      await js.publish(subjects.meter(e.consumer, e.provider, e.service), MeterEvent.encode(e).finish(), { msgID: e.requestId });
    }
    // Ready when LedgerStats over NATS shows every event: probing, no sleeps beyond a poll interval.
    const until = Date.now() + 20_000;
    for (;;) {
      const s = await natsCall('LedgerStats', LedgerStatsRequest.fromPartial({}), LedgerStatsRequest, LedgerStatsResponse);
      if (s.entries === EVENTS.length) break;
      if (Date.now() > until) throw new Error(`ledger holds ${s.entries} of ${EVENTS.length} events`);
      await new Promise((r) => setTimeout(r, 25));
    }
  });

  afterAll(async () => {
    client?.close();
    await metering?.stop();
    await store?.close();
    await nc?.drain();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const usageQuery = UsageQuery.fromPartial({ fromDay: '2021-10-01', toDay: '2021-10-02', groupBy: ['consumer', 'code'] });
  const expectedUsage = UsageReport.fromPartial({
    total: 4,
    rows: [
      { consumer: 'BO-BTP-LGSP', code: 'ok', count: 1 },
      { consumer: 'TINH-01-LGSP', code: 'client.access_denied', count: 1 },
      { consumer: 'TINH-01-LGSP', code: 'ok', count: 2 },
    ],
  });

  it('answers GetUsage over NATS with the filtered, grouped counts', async () => {
    expect(await natsCall('GetUsage', usageQuery, UsageQuery, UsageReport)).toEqual(expectedUsage);
    const one = await natsCall(
      'GetUsage',
      UsageQuery.fromPartial({ consumer: 'TINH-79-LGSP', groupBy: ['outcome'] }),
      UsageQuery,
      UsageReport,
    );
    expect(one).toEqual(UsageReport.fromPartial({ total: 1, rows: [{ outcome: Outcome.OUTCOME_SERVER_ERROR, count: 1 }] }));
  });

  it('answers GetUsage over gRPC with the same report', async () => {
    expect(await grpcCall('getUsage', usageQuery)).toEqual(expectedUsage);
  });

  it('answers GetTransaction over both transports with the whole event, and found=false for an unknown id', async () => {
    const req = GetTransactionRequest.fromPartial({ requestId: 'q-3' });
    const expected = GetTransactionResponse.fromPartial({ found: true, event: EVENTS[2] });
    expect(await natsCall('GetTransaction', req, GetTransactionRequest, GetTransactionResponse)).toEqual(expected);
    expect(await grpcCall('getTransaction', req)).toEqual(expected);
    const missing = GetTransactionRequest.fromPartial({ requestId: 'never-seen' });
    expect(await natsCall('GetTransaction', missing, GetTransactionRequest, GetTransactionResponse)).toEqual(
      GetTransactionResponse.fromPartial({ found: false }),
    );
    expect(await grpcCall('getTransaction', missing)).toEqual(GetTransactionResponse.fromPartial({ found: false }));
  });

  it('answers LedgerStats over both transports', async () => {
    const expected = LedgerStatsResponse.fromPartial({ entries: 5, duplicatesIgnored: 0 });
    expect(await natsCall('LedgerStats', LedgerStatsRequest.fromPartial({}), LedgerStatsRequest, LedgerStatsResponse)).toEqual(expected);
    expect(await grpcCall('ledgerStats', LedgerStatsRequest.fromPartial({}))).toEqual(expected);
  });

  it('answers undecodable NATS request bytes with client.malformed', async () => {
    const call = natsCall('GetUsage', new Uint8Array([0x0a, 0xff]), UsageQuery, UsageReport);
    await expect(call).rejects.toMatchObject({ code: 'client.malformed' });
  });

  it('rejects a bad day or group_by with client.invalid_argument over NATS, naming the field', async () => {
    await expect(natsCall('GetUsage', UsageQuery.fromPartial({ fromDay: '1/10/2021' }), UsageQuery, UsageReport)).rejects.toMatchObject({
      code: 'client.invalid_argument',
      field: 'from_day',
    });
    await expect(natsCall('GetUsage', UsageQuery.fromPartial({ groupBy: ['officer'] }), UsageQuery, UsageReport)).rejects.toMatchObject({
      code: 'client.invalid_argument',
      field: 'group_by',
    });
  });

  it('rejects a bad group_by over gRPC with INVALID_ARGUMENT and the stable code in ndxp-code metadata', async () => {
    const err = await grpcCall('getUsage', UsageQuery.fromPartial({ groupBy: ['nope'] })).then(
      () => undefined,
      (e: ServiceError) => e,
    );
    expect(err?.code).toBe(status.INVALID_ARGUMENT);
    expect((err?.metadata ?? new Metadata()).get(GRPC_CODE_METADATA)).toEqual(['client.invalid_argument']);
  });

  it('rejects GetTransaction without a request id on both transports', async () => {
    const req = GetTransactionRequest.fromPartial({});
    await expect(natsCall('GetTransaction', req, GetTransactionRequest, GetTransactionResponse)).rejects.toMatchObject({
      code: 'client.invalid_argument',
    });
    await expect(grpcCall('getTransaction', req)).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
  });
});
