// Integration: meter events published to JetStream land in the ledger exactly once, across
// redeliveries, retries, restarts, poison messages and a failing store. Real nats-server.
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { METER_DURABLE, METER_STREAM, MeterEvent, MeterEventBatch, Outcome, UsageQuery, subjects } from '@ndxp/contracts';
import { connectNats, createLogger, ensureMeterStream, loadCommonConfig } from '@ndxp/runtime';
import { openSqliteLedgerStore, type LedgerStore } from '@ndxp/store';
import { type NatsServerHandle, startNatsServer, waitForValue } from '@ndxp/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMetering, type Metering } from './metering';

const logger = createLogger({ service: 'metering-test', level: 'silent' });
const CONSUMERS = ['TINH-01-LGSP', 'TINH-79-LGSP', 'BO-BTP-LGSP'];

function ev(i: number, prefix = 'req'): MeterEvent {
  return MeterEvent.fromPartial({
    requestId: `${prefix}-${i}`,
    consumer: CONSUMERS[i % CONSUMERS.length]!,
    provider: 'BO-BKHDT-DKDN',
    service: 'GetEnterprise',
    version: 'v1',
    outcome: i % 10 === 0 ? Outcome.OUTCOME_CLIENT_ERROR : Outcome.OUTCOME_OK,
    code: i % 10 === 0 ? 'client.access_denied' : 'ok',
    receivedAtMs: Date.UTC(2021, 9, 1 + (i % 3), 12),
    durationUs: 900,
  });
}

const subjectOf = (e: MeterEvent): string => subjects.meter(e.consumer, e.provider, e.service);

/** Probes until check() is true; fails with the last observed value otherwise. */
describe('metering consumer (JetStream → ledger)', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let dir: string;
  const running: Metering[] = [];
  const stores: LedgerStore[] = [];

  const openStore = (name = 'ledger.sqlite'): LedgerStore => {
    const s = openSqliteLedgerStore(join(dir, name));
    stores.push(s);
    return s;
  };
  const start = async (store: LedgerStore, over: { batchSize?: number; retryDelayMs?: number } = {}): Promise<Metering> => {
    const m = await startMetering({ nc, store, logger, grpcAddr: 'off', batchSize: over.batchSize ?? 100, ...over });
    running.push(m);
    return m;
  };
  /** Everything in the stream delivered and acknowledged (or terminated). */
  const drained = async (): Promise<boolean> => {
    const info = await jsm.consumers.info(METER_STREAM, METER_DURABLE);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  };
  /** Publishes an event with its request id as msgID, or with no msgID at all (a retry by another path). */
  const publish = (e: MeterEvent, withMsgId = true) =>
    js.publish(subjectOf(e), MeterEvent.encode(e).finish(), withMsgId ? { msgID: e.requestId } : {});

  beforeAll(async () => {
    server = await startNatsServer({ private: true });
    nc = await connectNats(loadCommonConfig({ NATS_URL: server.url }, 'metering-test'), 'metering-test', logger);
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ndxp-metering-'));
    await ensureMeterStream(nc);
  });
  afterEach(async () => {
    for (const m of running.splice(0)) await m.stop();
    for (const s of stores.splice(0)) await s.close();
    await jsm.streams.delete(METER_STREAM).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ledgers each request id once: same msgID twice (JetStream dedupe) and a msgID-less republish (ledger dedupe)', async () => {
    const store = openStore();
    const metering = await start(store);
    const acks = [];
    for (let i = 0; i < 3; i++) acks.push(await publish(ev(i)));
    const again = await publish(ev(0)); // same msgID inside the duplicate window
    const republished = await publish(ev(1), false); // stored again by JetStream: only the key dedupes
    expect(acks.map((a) => a.duplicate)).toEqual([false, false, false]);
    expect(again.duplicate).toBe(true);
    expect(republished.duplicate).toBe(false);

    await waitForValue(drained, Boolean, { timeoutMs: 20_000 });
    expect(await store.stats()).toEqual({ entries: 3, duplicatesIgnored: 1 });
    expect((await store.usage(UsageQuery.fromPartial({}))).total).toBe(3);
    expect((await store.getTransaction('req-2'))?.consumer).toBe(CONSUMERS[2]);
    expect(metering.counters).toMatchObject({ inserted: 3, duplicates: 1, poison: 0 });
  });

  it('ledgers large batches (chain hashed ahead on the hasher thread) once per request id, with a chain that verifies', async () => {
    const store = openStore();
    const metering = await start(store);
    const seedBatch = (from: number, n: number) =>
      MeterEventBatch.encode({ events: Array.from({ length: n }, (_, i) => ev(from + i, 'bulk')) }).finish();
    await js.publish(subjects.meterSeed('hint'), seedBatch(0, 6_000), { msgID: 'bulk-a' });
    await js.publish(subjects.meterSeed('hint'), seedBatch(6_000, 6_000), { msgID: 'bulk-b' });
    await waitForValue(drained, Boolean, { timeoutMs: 20_000 });
    expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 12_000, tailSeq: 12_000 });
    // Half of the next batch was ledgered already: those are skipped, the chain goes on from the tail.
    await js.publish(subjects.meterSeed('hint'), seedBatch(9_000, 6_000), { msgID: 'bulk-c' });
    await waitForValue(drained, Boolean, { timeoutMs: 20_000 });
    expect(await store.stats()).toEqual({ entries: 15_000, duplicatesIgnored: 3_000 });
    expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 15_000, tailSeq: 15_000 });
    expect(metering.counters).toMatchObject({ inserted: 15_000, duplicates: 3_000, poison: 0 });
    expect((await store.getTransaction('bulk-14999'))?.consumer).toBe(CONSUMERS[14_999 % 3]);
  });

  it('counts N events exactly once when the service is stopped and started again mid-way on the same file', async () => {
    const N = 2000;
    const events = Array.from({ length: N }, (_, i) => ev(i));
    const first = await start(openStore(), { batchSize: 100 });
    await Promise.all(events.slice(0, 1200).map((e) => publish(e)));
    const probeStore = openStore();
    await waitForValue(
      () => probeStore.stats(),
      (s) => s.entries >= 100,
      { timeoutMs: 20_000 },
    );
    await first.stop();
    await stores[0]!.close();
    const atStop = (await probeStore.stats()).entries;
    expect(atStop).toBeLessThan(N);

    // While stopped: the rest, plus 300 of the first part again as msgID-less retries.
    await Promise.all(events.slice(1200).map((e) => publish(e)));
    await Promise.all(events.slice(0, 300).map((e) => publish(e, false)));
    const restartedStore = openStore();
    await start(restartedStore, { batchSize: 100 });

    await waitForValue(drained, Boolean, { timeoutMs: 20_000 });
    expect(await restartedStore.stats()).toEqual({ entries: N, duplicatesIgnored: 300 });
    const byConsumer = await restartedStore.usage(UsageQuery.fromPartial({ groupBy: ['consumer'] }));
    expect(byConsumer.total).toBe(N);
    const expected = CONSUMERS.map((c, k) => [c, events.filter((_, i) => i % CONSUMERS.length === k).length]).sort();
    expect(byConsumer.rows.map((r) => [r.consumer, r.count])).toEqual(expected);
    const byCode = await restartedStore.usage(UsageQuery.fromPartial({ groupBy: ['code'] }));
    expect(byCode.rows.map((r) => [r.code, r.count])).toEqual([
      ['client.access_denied', N / 10],
      ['ok', N - N / 10],
    ]);
  });

  it('counts exactly once when stopped and restarted while a publisher keeps publishing', async () => {
    const N = 3000;
    const events = Array.from({ length: N }, (_, i) => ev(i, 'live'));
    const first = await start(openStore(), { batchSize: 50 });
    const publisher = (async () => {
      for (let i = 0; i < N; i += 25) {
        await Promise.all(events.slice(i, i + 25).map((e) => publish(e)));
        await new Promise((r) => setImmediate(r));
      }
    })();
    const probeStore = openStore();
    await waitForValue(
      () => probeStore.stats(),
      (s) => s.entries >= 200,
      { timeoutMs: 20_000 },
    );
    await first.stop(); // with batches still arriving: the one in flight is finished and acked
    await stores[0]!.close();
    const second = await start(openStore(), { batchSize: 50 });
    await publisher;
    await waitForValue(drained, Boolean, { timeoutMs: 20_000 });
    expect(await probeStore.stats()).toEqual({ entries: N, duplicatesIgnored: 0 });
    expect((await probeStore.usage(UsageQuery.fromPartial({ groupBy: ['day'] }))).total).toBe(N);
    expect(first.counters.inserted + second.counters.inserted).toBe(N);
  });

  it('does not count again an event ledgered before a crash whose ack never reached JetStream', async () => {
    const store = openStore();
    const events = Array.from({ length: 50 }, (_, i) => ev(i, 'crash'));
    // The ledger committed the first 20 but the process died before acking: JetStream redelivers them.
    await store.append(events.slice(0, 20));
    await Promise.all(events.map((e) => publish(e)));
    await start(store);
    await waitForValue(drained, Boolean, { timeoutMs: 20_000 });
    expect(await store.stats()).toEqual({ entries: 50, duplicatesIgnored: 20 });
  });

  it('terminates an undecodable message as poison and keeps ledgering the rest', async () => {
    const store = openStore();
    const metering = await start(store);
    await js.publish(subjects.meter('TINH-01-LGSP', 'BO-BKHDT-DKDN', 'GetEnterprise'), new Uint8Array([0x0f, 0x01]), { msgID: 'junk-1' });
    await js.publish(subjects.meter('TINH-01-LGSP', 'BO-BKHDT-DKDN', 'GetEnterprise'), new TextEncoder().encode('not proto'));
    await publish(ev(7));
    await waitForValue(drained, Boolean, { timeoutMs: 20_000 });
    expect(metering.counters.poison).toBe(2);
    expect(await store.stats()).toEqual({ entries: 1, duplicatesIgnored: 0 });
  });

  it('does not ack a batch the store refused: JetStream redelivers it and it is counted once', async () => {
    const real = openStore();
    let failures = 1;
    const flaky: LedgerStore = {
      acceptsChainHints: real.acceptsChainHints,
      chainTail: () => real.chainTail(),
      append: (events) => real.append(events),
      appendEncoded: async (events, hint) => {
        if (failures-- > 0) throw new Error('disk full');
        return real.appendEncoded(events, hint);
      },
      getTransaction: (id) => real.getTransaction(id),
      finalOutcomes: (ids) => real.finalOutcomes(ids),
      usage: (q) => real.usage(q),
      stats: () => real.stats(),
      purgeBefore: (cutoff) => real.purgeBefore(cutoff),
      rollup: (q) => real.rollup(q),
      firstOkDays: () => real.firstOkDays(),
      verifyChain: (from) => real.verifyChain(from),
      close: async () => undefined,
    };
    const metering = await start(flaky, { retryDelayMs: 200 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => publish(ev(i, 'flaky'))));
    await waitForValue(drained, Boolean, { timeoutMs: 20_000 });
    expect(metering.counters.failedBatches).toBe(1);
    expect(await real.stats()).toEqual({ entries: 30, duplicatesIgnored: 0 });
  });
});
