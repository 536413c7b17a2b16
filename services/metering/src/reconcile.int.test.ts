// Integration: ReconcileLedger over NATS on a real nats-server and a SQLite ledger. Routing-style
// batches, single events and a poison message go through the stream into the ledger; rows then
// deleted behind metering's back are named missing (request id, code, stream seq, routing instance),
// a lost ok update is an outcome mismatch, events past the ack floor are pending rather than
// missing, and the periodic run puts the count on ndxp_ledger_reconcile_missing.
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import {
  Header,
  MeshError,
  METER_DURABLE,
  METER_STREAM,
  MeterEvent,
  MeterEventBatch,
  Outcome,
  ReconcileLedgerRequest,
  ReconcileLedgerResponse,
  RegistrySnapshot,
  subjects,
} from '@ndxp/contracts';
import { connectNats, createLogger, loadCommonConfig } from '@ndxp/runtime';
import { openSqlite, openSqliteLedgerStore, type LedgerStore } from '@ndxp/store';
import { startNatsServer, waitUntil, type NatsServerHandle } from '@ndxp/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { startMetering, type Metering } from './metering';
import { reconcileLedger } from './reconcile';

const logger = createLogger({ service: 'metering-test', level: process.env['TEST_LOG'] ?? 'silent' });
const AT = Date.now() - 60_000;

function ev(requestId: string, over: Partial<MeterEvent> = {}): MeterEvent {
  return MeterEvent.fromPartial({
    requestId,
    consumer: 'TINH-01-LGSP',
    provider: 'BO-BKHDT-DKDN',
    service: 'GetEnterprise',
    version: 'v1',
    outcome: Outcome.OUTCOME_OK,
    code: 'ok',
    receivedAtMs: AT,
    respondedAtMs: AT + 5,
    durationUs: 900,
    routingInstance: 'routing-a',
    ...over,
  });
}

describe('ReconcileLedger (meter stream against the ledger)', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let dir: string;
  let store: LedgerStore;
  let metering: Metering | undefined;
  const registry = new Registry();

  const start = async (): Promise<Metering> =>
    startMetering({
      nc,
      store,
      logger,
      grpcAddr: 'off',
      httpAddr: 'off',
      registrySnapshot: async () => RegistrySnapshot.fromPartial({}),
      reconcileMs: 300,
      reconcileWindowMs: 3_600_000,
      metricsRegistry: registry,
    });
  const reconcile = async (req: Partial<ReconcileLedgerRequest> = {}): Promise<ReconcileLedgerResponse> => {
    const reply = await nc.request(
      subjects.metering('ReconcileLedger'),
      ReconcileLedgerRequest.encode(ReconcileLedgerRequest.fromPartial(req)).finish(),
      {
        timeout: 10_000,
      },
    );
    const failure = reply.headers ? MeshError.fromHeaders(reply.headers) : undefined;
    if (failure) throw failure;
    expect(reply.headers?.get(Header.Status)).toBe('ok');
    return ReconcileLedgerResponse.decode(reply.data);
  };
  /** Everything the stream holds acknowledged (or terminated) by the durable. */
  const acked = async (): Promise<boolean> => {
    const [info, stream] = await Promise.all([jsm.consumers.info(METER_STREAM, METER_DURABLE), jsm.streams.info(METER_STREAM)]);
    return info.ack_floor.stream_seq === stream.state.last_seq;
  };
  /** Runs SQL on the ledger file through a connection of its own, as an operator's sqlite3 would. */
  const behindTheBack = (sql: string, ...params: unknown[]): void => {
    const raw = openSqlite(join(dir, 'ledger.sqlite'));
    try {
      raw.prepare(sql).run(...params);
    } finally {
      raw.close();
    }
  };

  beforeAll(async () => {
    server = await startNatsServer({ private: true });
    nc = await connectNats(loadCommonConfig({ NATS_URL: server.url }, 'metering-test'), 'metering-test', logger);
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    dir = mkdtempSync(join(tmpdir(), 'ndxp-reconcile-'));
    store = openSqliteLedgerStore(join(dir, 'ledger.sqlite'));
    metering = await start();
  });
  afterAll(async () => {
    await metering?.stop();
    await store?.close();
    await nc?.drain();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds every acknowledged event in an intact ledger, then names the rows deleted behind its back', async () => {
    // 30 routing batches of 10 (seq 1-30), 5 single events (31-35), one poison message (36).
    for (let b = 0; b < 30; b++) {
      const events = Array.from({ length: 10 }, (_, i) => ev(`b-${b * 10 + i}`, { routingInstance: b % 2 ? 'routing-b' : 'routing-a' }));
      await js.publish(subjects.meterBatch(b % 2 ? 'routing-b' : 'routing-a'), MeterEventBatch.encode({ events }).finish());
    }
    for (let i = 0; i < 5; i++) {
      const e = ev(`s-${i}`, { outcome: Outcome.OUTCOME_CLIENT_ERROR, code: 'client.not_found' });
      await js.publish(subjects.meter(e.consumer, e.provider, e.service), MeterEvent.encode(e).finish(), {
        msgID: `${e.requestId}:${e.code}`,
      });
    }
    await js.publish(subjects.meter('TINH-01-LGSP', 'BO-BKHDT-DKDN', 'GetEnterprise'), new Uint8Array([0xff, 0xff, 0xff]));
    await waitUntil(acked, { timeoutMs: 20_000, what: 'metering acknowledging the stream' });
    expect((await store.stats()).entries).toBe(305);

    const t0 = Date.now();
    const whole = await reconcile();
    // The walk ends at the ack floor; it does not wait out a fetch's expiry.
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(whole).toMatchObject({
      ok: true,
      eventsScanned: 305,
      firstSeq: 1,
      lastSeq: 36,
      ackFloor: 36,
      missing: 0,
      undecodable: 1,
      pending: 0,
    });
    expect(whole.startMs).toBeGreaterThan(0);

    // b-57 (batch seq 6), b-58 and s-3 (seq 34) vanish from the ledger.
    behindTheBack(`DELETE FROM ledger WHERE request_id IN ('b-57', 'b-58', 's-3')`);
    const gap = await reconcile({ sinceMs: AT - 60_000 });
    expect(gap).toMatchObject({ ok: false, eventsScanned: 305, missing: 3, outcomeMismatches: 0, startMs: AT - 60_000 });
    expect(gap.firstMissing).toEqual([
      expect.objectContaining({ requestId: 'b-57', code: 'ok', streamSeq: 6, routingInstance: 'routing-b', receivedAtMs: AT }),
      expect.objectContaining({ requestId: 'b-58', code: 'ok', streamSeq: 6, routingInstance: 'routing-b' }),
      expect.objectContaining({ requestId: 's-3', code: 'client.not_found', streamSeq: 34, consumer: 'TINH-01-LGSP' }),
    ]);
    // From stream seq 10 on, only s-3 is in the walk.
    const later = await reconcile({ fromSeq: 10 });
    expect(later).toMatchObject({ firstSeq: 10, lastSeq: 36, eventsScanned: 215, missing: 1 });
    expect(later.firstMissing.map((m) => m.requestId)).toEqual(['s-3']);
    // Nothing was stored after a time in the future.
    expect(await reconcile({ sinceMs: Date.now() + 3_600_000 })).toMatchObject({ ok: true, eventsScanned: 0, firstSeq: 0, ackFloor: 36 });

    // The periodic run saw the same gap.
    await waitUntil(async () => (await registry.getSingleMetric('ndxp_ledger_reconcile_missing')?.get())?.values[0]?.value === 3, {
      timeoutMs: 20_000,
      what: 'the periodic run reporting 3 missing',
    });
  });

  it('names an ok whose ledgered transaction lost it as an outcome mismatch, and no retry that failed first', async () => {
    const failed = { outcome: Outcome.OUTCOME_SERVER_ERROR, code: 'server.no_adapter', respondedAtMs: AT + 1 };
    const before = (await jsm.streams.info(METER_STREAM)).state.last_seq;
    await js.publish(
      subjects.meterBatch('routing-a'),
      MeterEventBatch.encode({ events: [ev('retry-1', failed), ev('retry-2', failed)] }).finish(),
    );
    await js.publish(subjects.meterBatch('routing-a'), MeterEventBatch.encode({ events: [ev('retry-1'), ev('retry-2')] }).finish());
    await waitUntil(acked, { timeoutMs: 20_000, what: 'metering acknowledging the stream' });
    expect((await store.getTransaction('retry-1'))?.code).toBe('ok');
    // retry-2's outcome update (the ok) is lost: the ledger keeps its failed first attempt.
    behindTheBack(`DELETE FROM ledger_updates WHERE request_id = 'retry-2'`);
    const r = await reconcile({ fromSeq: before + 1 });
    expect(r).toMatchObject({ ok: false, eventsScanned: 4, missing: 0, outcomeMismatches: 1 });
    expect(r.firstMismatches).toEqual([
      expect.objectContaining({ requestId: 'retry-2', streamSeq: before + 2, ledgerCode: 'server.no_adapter' }),
    ]);
  });

  it('leaves events past the durable ack floor out as pending, not missing', async () => {
    await metering!.stop();
    metering = undefined;
    const floor = (await jsm.consumers.info(METER_STREAM, METER_DURABLE)).ack_floor.stream_seq;
    for (let i = 0; i < 4; i++)
      await js.publish(subjects.meterBatch('routing-a'), MeterEventBatch.encode({ events: [ev(`late-${i}`)] }).finish());
    // Metering is stopped: the four are in the stream, past the ack floor, not in the ledger.
    const stopped = await reconcileLedger({ nc, store, start: {} });
    expect(stopped).toMatchObject({ ackFloor: floor, lastSeq: floor, pending: 4, missing: 3, outcomeMismatches: 1 });
    expect(stopped.firstMissing.map((m) => m.requestId)).toEqual(['b-57', 'b-58', 's-3']);
    metering = await start();
    await waitUntil(acked, { timeoutMs: 20_000, what: 'metering acknowledging the stream' });
    expect(await reconcile()).toMatchObject({ lastSeq: floor + 4, ackFloor: floor + 4, pending: 0, missing: 3, outcomeMismatches: 1 });
  });

  it('refuses since_ms with from_seq as client.invalid_argument', async () => {
    await expect(reconcile({ sinceMs: 1, fromSeq: 1 })).rejects.toMatchObject({ code: 'client.invalid_argument', field: 'from_seq' });
  });
});
