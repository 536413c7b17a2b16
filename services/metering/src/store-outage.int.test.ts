// Integration: a ledger store that is down makes metering stop acknowledging (the events wait in
// JetStream) and, when it returns, catch up exactly. Real nats-server; the real SQLite store made
// to fail for real (a second connection holds the write lock with BEGIN EXCLUSIVE, so every append
// ends in SQLITE_BUSY); MongoDB, when reachable, cut off for real behind a TCP relay.
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { METER_DURABLE, METER_STREAM, MeterEvent, Outcome, UsageQuery, subjects } from '@ndxp/contracts';
import { connectNats, createLogger, ensureMeterStream, loadCommonConfig } from '@ndxp/runtime';
import { openMongoLedgerStore, openSqlite, openSqliteLedgerStore, type LedgerStore } from '@ndxp/store';
import { type NatsServerHandle, startNatsServer, waitForValue } from '@ndxp/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mongoAvailability, mongoTitle, startMongo, type MongoHandle } from '@ndxp/testing';
import { startMetering, type Metering } from './metering';

const logger = createLogger({ service: 'metering-outage-test', level: 'silent' });
const N = 120;

const ev = (i: number): MeterEvent =>
  MeterEvent.fromPartial({
    requestId: `outage-${i}`,
    consumer: i % 2 ? 'TINH-01-LGSP' : 'TINH-79-LGSP',
    provider: 'BO-BKHDT-DKDN',
    service: 'GetEnterprise',
    version: 'v1',
    outcome: Outcome.OUTCOME_OK,
    code: 'ok',
    receivedAtMs: Date.now(),
  });

/** A store under test and a real way to take it down and bring it back. */
interface Outage {
  store: LedgerStore;
  /** A second handle that reads the ledger while the first one's writes fail. */
  entries(): Promise<number>;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** Runs the outage scenario on one store. */
function outageScenario(open: () => Promise<Outage>): void {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let outage: Outage | undefined;
  let metering: Metering | undefined;

  beforeAll(async () => {
    server = await startNatsServer({ private: true });
    nc = await connectNats(loadCommonConfig({ NATS_URL: server.url }, 'metering-outage-test'), 'metering-outage-test', logger);
    jsm = await jetstreamManager(nc);
    await ensureMeterStream(nc);
  });
  afterAll(async () => {
    await metering?.stop();
    await outage?.close();
    await nc?.drain();
    await server?.stop();
  });

  test('events published while the store is down wait unacknowledged in JetStream and are ledgered exactly once after it returns', async () => {
    outage = await open();
    metering = await startMetering({ nc, store: outage.store, logger, grpcAddr: 'off', batchSize: 50, retryDelayMs: 200 });
    await outage.down();
    // The event loop stays free while the store refuses (better-sqlite3's lock wait is synchronous):
    // the longest a 50 ms timer fires late meanwhile.
    let lag = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      lag = Math.max(lag, now - last - 50);
      last = now;
    }, 50);

    const js = jetstream(nc);
    for (let i = 0; i < N; i++) {
      const e = ev(i);
      await js.publish(subjects.meter(e.consumer, e.provider, e.service), MeterEvent.encode(e).finish(), { msgID: e.requestId });
    }
    // The consumer tried and the store refused: nothing acknowledged, nothing ledgered.
    await waitForValue(
      async () => metering!.counters.failedBatches,
      (n) => n >= 2,
      { timeoutMs: 60_000 },
    );
    clearInterval(probe);
    expect(lag).toBeLessThan(500);
    const waiting = await jsm.consumers.info(METER_STREAM, METER_DURABLE);
    expect(waiting.num_pending + waiting.num_ack_pending).toBe(N);
    expect(waiting.ack_floor.stream_seq).toBe(0);
    expect(await outage.entries()).toBe(0);
    expect(metering.counters.inserted).toBe(0);

    await outage.up();
    await waitForValue(
      async () => {
        const info = await jsm.consumers.info(METER_STREAM, METER_DURABLE);
        return info.num_pending + info.num_ack_pending;
      },
      (n) => n === 0,
      { timeoutMs: 60_000 },
    );
    expect(await outage.entries()).toBe(N);
    expect((await outage.store.usage(UsageQuery.fromPartial({}))).total).toBe(N);
    expect(metering.counters.inserted).toBe(N);
  }, 120_000);
}

describe('metering with the SQLite ledger down (write lock held by another connection)', () => {
  let dir: string;
  outageScenario(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ndxp-outage-'));
    const path = join(dir, 'ledger.sqlite');
    const store = openSqliteLedgerStore(path);
    const locker = openSqlite(path);
    return {
      store,
      entries: async () => (await store.stats()).entries,
      down: async () => {
        locker.exec('BEGIN EXCLUSIVE');
      },
      up: async () => {
        locker.exec('COMMIT');
      },
      close: async () => {
        if (locker.inTransaction) locker.exec('ROLLBACK');
        locker.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

/** A TCP relay to MongoDB that can cut every connection and refuse new ones. */
async function startRelay(target: {
  host: string;
  port: number;
}): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let port = 0;
  const make = (): Server =>
    createServer((client) => {
      const upstream = tcpConnect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
  const listen = (srv: Server): Promise<void> =>
    new Promise((resolve, reject) => srv.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  let server = make();
  await listen(server);
  port = (server.address() as AddressInfo).port;
  const shut = async (): Promise<void> => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    port,
    cut: shut,
    restore: async () => {
      server = make();
      await listen(server);
    },
    close: async () => {
      if (server.listening) await shut();
    },
  };
}

/** First host of a mongodb:// URL, and the URL rewritten to go through a relay on 127.0.0.1. */
function viaRelay(url: string, relayPort: number): { target: { host: string; port: number }; url: string } {
  const m = /^mongodb:\/\/([^@/]*@)?([^/,?]+)[^/?]*(\/[^?]*)?(\?.*)?$/.exec(url);
  if (!m) throw new Error(`cannot relay MongoDB URL ${url}`);
  const [host, port] = m[2]!.split(':');
  const params = new URLSearchParams((m[4] ?? '').replace(/^\?/, ''));
  params.delete('replicaSet');
  params.set('directConnection', 'true');
  params.set('serverSelectionTimeoutMS', '2000');
  return {
    target: { host: host!, port: Number(port ?? 27017) },
    url: `mongodb://${m[1] ?? ''}127.0.0.1:${relayPort}/?${params.toString()}`,
  };
}

const mongo = mongoAvailability();
(mongo.available ? describe : describe.skip)(mongoTitle('metering with the ledger store down', mongo), () => {
  let handle: MongoHandle | undefined;
  outageScenario(async () => {
    handle = await startMongo();
    const probe = viaRelay(handle.url, 0);
    const relay = await startRelay(probe.target);
    const url = viaRelay(handle.url, relay.port).url;
    const dbName = `ndxp_outage_${Date.now()}`;
    const store = await openMongoLedgerStore(url, dbName);
    const reader = await openMongoLedgerStore(handle.url, dbName);
    return {
      store,
      entries: async () => (await reader.stats()).entries,
      down: () => relay.cut(),
      up: () => relay.restore(),
      close: async () => {
        await store.close();
        await reader.close();
        await relay.close();
        await handle?.stop();
      },
    };
  });
});
