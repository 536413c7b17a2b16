// Rollups for reports (counts, outcomes, latency buckets per group) and the first-ok aggregate,
// and the upgrade of schema 1 and schema 2 ledger files in place.
import { MeterEvent, Outcome } from '@ndxp/contracts';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_HASH, chainHash } from './sqlite-ledger-chain';
import { LATENCY_BOUNDS_US, latencyBucket } from './sqlite-ledger-latency';
import { openSqliteLedgerStore } from './sqlite-ledger-store';

const at = (m: number, d: number): number => Date.UTC(2021, m - 1, d, 10);
const ev = (id: string, over: Partial<MeterEvent>): MeterEvent =>
  MeterEvent.fromPartial({
    requestId: id,
    consumer: 'TINH-01-LGSP',
    provider: 'BO-BKHDT-DKDN',
    service: 'GetEnterprise',
    outcome: 1,
    code: 'ok',
    ...over,
  });

describe('latency buckets', () => {
  it('puts each duration in the bucket whose bounds hold it', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(100)).toBe(0);
    for (let i = 1; i < LATENCY_BOUNDS_US.length; i++) {
      expect(latencyBucket(LATENCY_BOUNDS_US[i]!)).toBe(i);
      expect(latencyBucket(LATENCY_BOUNDS_US[i - 1]! + 1)).toBe(i);
    }
    expect(latencyBucket(3_600_000_000)).toBe(LATENCY_BOUNDS_US.length);
  });
});

describe('SQLite ledger rollups', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ndxp-rollup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('groups by month, consumer and provider with outcomes and summed latency buckets', async () => {
    const s = openSqliteLedgerStore(join(dir, 'l.sqlite'));
    await s.append([
      ev('a', { receivedAtMs: at(9, 1), durationUs: 1_000 }),
      ev('b', { receivedAtMs: at(9, 30), durationUs: 1_000, consumer: 'BO-BTP-LGSP' }),
      ev('c', { receivedAtMs: at(10, 2), durationUs: 50_000, outcome: Outcome.OUTCOME_SERVER_ERROR, code: 'server.timeout' }),
    ]);
    await s.append([
      ev('d', { receivedAtMs: at(10, 3), durationUs: 1_000, provider: 'BO-BTP-HOTICH', outcome: 2, code: 'client.access_denied' }),
    ]);
    const months = await s.rollup({ fromDay: '', toDay: '', group: 'month' });
    expect(months.map((r) => [r.key, r.count, r.ok, r.clientErrors, r.serverErrors])).toEqual([
      ['2021-09', 2, 2, 0, 0],
      ['2021-10', 2, 0, 1, 1],
    ]);
    expect(months[0]!.latency).toEqual([[1131, 2]]);
    expect(months[1]!.latency).toEqual([
      [1131, 1],
      [51200, 1],
    ]);
    const consumers = await s.rollup({ fromDay: '2021-09-15', toDay: '2021-10-02', group: 'consumer' });
    expect(consumers.map((r) => [r.key, r.count])).toEqual([
      ['BO-BTP-LGSP', 1],
      ['TINH-01-LGSP', 1],
    ]);
    expect((await s.rollup({ fromDay: '', toDay: '', group: 'provider' })).map((r) => r.key)).toEqual(['BO-BKHDT-DKDN', 'BO-BTP-HOTICH']);
    expect(await s.rollup({ fromDay: '', toDay: '', group: 'total' })).toMatchObject([{ key: '', count: 4, ok: 2 }]);
    // First ok per consumer and provider: the earliest day, never an error's day.
    await s.append([ev('e', { receivedAtMs: at(8, 5), consumer: 'BO-BTP-LGSP' })]);
    expect(await s.firstOkDays()).toEqual([
      { consumer: 'BO-BTP-LGSP', provider: 'BO-BKHDT-DKDN', day: '2021-08-05' },
      { consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', day: '2021-09-01' },
    ]);
    await s.close();
  });

  it('upgrades a schema 1 file in place: old rows kept outside the chain, first-ok filled from old counters', async () => {
    const file = join(dir, 'v1.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE ledger (request_id TEXT NOT NULL PRIMARY KEY, consumer TEXT NOT NULL, provider TEXT NOT NULL,
        service TEXT NOT NULL, version TEXT NOT NULL, outcome INTEGER NOT NULL, code TEXT NOT NULL, officer TEXT NOT NULL,
        purpose TEXT NOT NULL, received_at_ms INTEGER NOT NULL, duration_us INTEGER NOT NULL, request_bytes INTEGER NOT NULL,
        response_bytes INTEGER NOT NULL, routing_instance TEXT NOT NULL, trace_id TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE ledger_counters (day TEXT NOT NULL, consumer TEXT NOT NULL, provider TEXT NOT NULL, service TEXT NOT NULL,
        outcome INTEGER NOT NULL, code TEXT NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (day, consumer, provider, service, outcome, code)) WITHOUT ROWID;
      CREATE TABLE ledger_totals (name TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO ledger_totals VALUES ('entries', 1), ('duplicates_ignored', 0), ('schema_version', 1);
      INSERT INTO ledger VALUES ('old-1', 'TINH-79-LGSP', 'BO-BTP-HOTICH', 'GetCivilStatusRecord', 'v1', 1, 'ok', '', '', ${at(3, 4)}, 900, 1, 1, 'r', 't');
      INSERT INTO ledger_counters VALUES ('2021-03-04', 'TINH-79-LGSP', 'BO-BTP-HOTICH', 'GetCivilStatusRecord', 1, 'ok', 1);`);
    db.close();
    const s = openSqliteLedgerStore(file);
    await s.append([ev('new-1', { receivedAtMs: at(4, 1) })]);
    expect(await s.getTransaction('old-1')).toMatchObject({ consumer: 'TINH-79-LGSP', adapterInstance: '', forwardedAtMs: 0 });
    expect(await s.verifyChain()).toMatchObject({ ok: true, checked: 1, tailSeq: 1 });
    expect(await s.firstOkDays()).toContainEqual({ consumer: 'TINH-79-LGSP', provider: 'BO-BTP-HOTICH', day: '2021-03-04' });
    expect(await s.rollup({ fromDay: '', toDay: '', group: 'total' })).toMatchObject([{ count: 2, ok: 2 }]);
    expect(await s.stats()).toEqual({ entries: 2, duplicatesIgnored: 0 });
    await s.close();
  });
  it('upgrades a schema 2 file (one column per field) to schema 3: every record and its hash carried over', async () => {
    const file = join(dir, 'v2.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE ledger (request_id TEXT NOT NULL PRIMARY KEY, consumer TEXT NOT NULL, provider TEXT NOT NULL,
        service TEXT NOT NULL, version TEXT NOT NULL, outcome INTEGER NOT NULL, code TEXT NOT NULL, officer TEXT NOT NULL,
        purpose TEXT NOT NULL, received_at_ms INTEGER NOT NULL, duration_us INTEGER NOT NULL, request_bytes INTEGER NOT NULL,
        response_bytes INTEGER NOT NULL, routing_instance TEXT NOT NULL, trace_id TEXT NOT NULL,
        forwarded_at_ms INTEGER NOT NULL DEFAULT 0, answered_at_ms INTEGER NOT NULL DEFAULT 0,
        responded_at_ms INTEGER NOT NULL DEFAULT 0, adapter_instance TEXT NOT NULL DEFAULT '', seq INTEGER, prev_hash BLOB,
        hash BLOB) WITHOUT ROWID;
      CREATE INDEX ledger_by_received_at ON ledger (received_at_ms);
      CREATE INDEX ledger_by_seq ON ledger (seq) WHERE seq IS NOT NULL;
      CREATE TABLE ledger_counters (day TEXT NOT NULL, consumer TEXT NOT NULL, provider TEXT NOT NULL, service TEXT NOT NULL,
        outcome INTEGER NOT NULL, code TEXT NOT NULL, count INTEGER NOT NULL, hist BLOB,
        PRIMARY KEY (day, consumer, provider, service, outcome, code)) WITHOUT ROWID;
      CREATE TABLE ledger_totals (name TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE ledger_first_ok (consumer TEXT NOT NULL, provider TEXT NOT NULL, day TEXT NOT NULL,
        PRIMARY KEY (consumer, provider)) WITHOUT ROWID;
      CREATE TABLE ledger_chain (name TEXT NOT NULL PRIMARY KEY, seq INTEGER NOT NULL, hash BLOB NOT NULL) WITHOUT ROWID;
      INSERT INTO ledger_totals VALUES ('entries', 4), ('duplicates_ignored', 0), ('schema_version', 2);`);
    const insert = db.prepare(`INSERT INTO ledger VALUES (?, 'TINH-01-LGSP', 'BO-BKHDT-DKDN', 'GetEnterprise', 'v1', 1, 'ok',
      'cán bộ 1', 'Hồ sơ 7', ?, 35000, 200, 1200, 'routing-1', '', ?, ?, ?, 'dkdn-1', ?, ?, ?)`);
    insert.run('old-unchained', at(1, 2), 0, 0, 0, null, null, null);
    let prev: Buffer = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const t = at(2, seq);
      const event = ev(`v2-${seq}`, {
        version: 'v1',
        officer: 'cán bộ 1',
        purpose: 'Hồ sơ 7',
        receivedAtMs: t,
        durationUs: 35000,
        requestBytes: 200,
        responseBytes: 1200,
        routingInstance: 'routing-1',
        forwardedAtMs: t + 1,
        answeredAtMs: t + 36,
        respondedAtMs: t + 37,
        adapterInstance: 'dkdn-1',
      });
      const hash = chainHash(prev, seq, event);
      insert.run(event.requestId, t, t + 1, t + 36, t + 37, seq, prev, hash);
      prev = hash;
    }
    db.prepare(`INSERT INTO ledger_chain VALUES ('tail', 3, ?)`).run(prev);
    db.close();

    const s = openSqliteLedgerStore(file);
    expect(await s.verifyChain()).toMatchObject({ ok: true, checked: 3, tailSeq: 3, tailHash: prev.toString('hex') });
    expect(await s.getTransaction('v2-2')).toMatchObject({ officer: 'cán bộ 1', purpose: 'Hồ sơ 7', answeredAtMs: at(2, 2) + 36 });
    expect(await s.getTransaction('old-unchained')).toMatchObject({ consumer: 'TINH-01-LGSP', receivedAtMs: at(1, 2) });
    await s.append([ev('v3-1', { receivedAtMs: at(3, 1) }), ev('v2-1', { receivedAtMs: at(3, 1) })]);
    expect(await s.verifyChain()).toMatchObject({ ok: true, checked: 4, tailSeq: 4 });
    expect(await s.purgeBefore(at(2, 3))).toBe(3);
    expect(await s.getTransaction('old-unchained')).toBeUndefined();
    expect(await s.verifyChain()).toMatchObject({ ok: true, checked: 2, tailSeq: 4 });
    await s.close();
    const reopened = new Database(file);
    expect(reopened.prepare(`SELECT value FROM ledger_totals WHERE name = 'schema_version'`).get()).toEqual({ value: 5 });
    reopened.close();
  });
});
