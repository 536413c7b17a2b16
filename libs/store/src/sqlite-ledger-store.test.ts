import { MeshError, MeterEvent, Outcome, UsageQuery } from '@ndxp/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from './sqlite';
import { openSqliteLedgerStore, type SqliteLedgerStore } from './sqlite-ledger-store';

const DAY1 = Date.UTC(2021, 9, 1, 8, 0, 0); // 2021-10-01
const DAY2 = Date.UTC(2021, 9, 2, 16, 59, 59); // 2021-10-02, 23:59:59 in Hà Nội

function ev(requestId: string, over: Partial<MeterEvent> = {}): MeterEvent {
  return MeterEvent.fromPartial({
    requestId,
    consumer: 'TINH-01-LGSP',
    provider: 'BO-BKHDT-DKDN',
    service: 'GetEnterprise',
    version: 'v1',
    outcome: Outcome.OUTCOME_OK,
    code: 'ok',
    officer: 'officer-1',
    purpose: 'HS-0001',
    receivedAtMs: DAY1,
    durationUs: 1234,
    requestBytes: 120,
    responseBytes: 800,
    routingInstance: 'routing-1',
    traceId: '0af7651916cd43dd8448eb211c80319c',
    ...over,
  });
}

const q = (over: Partial<UsageQuery> = {}): UsageQuery => UsageQuery.fromPartial(over);

describe('SqliteLedgerStore', () => {
  let dir: string;
  let file: string;
  const open: SqliteLedgerStore[] = [];
  const openStore = (): SqliteLedgerStore => {
    const s = openSqliteLedgerStore(file);
    open.push(s);
    return s;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ndxp-ledger-'));
    file = join(dir, 'ledger.sqlite');
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the same event appended twice once, and records the duplicate', async () => {
    const store = openStore();
    expect(await store.append([ev('r1')])).toEqual({ inserted: 1, duplicates: 0 });
    expect(await store.append([ev('r1')])).toEqual({ inserted: 0, duplicates: 1 });
    expect(await store.stats()).toEqual({ entries: 1, duplicatesIgnored: 1 });
    expect((await store.usage(q())).total).toBe(1);
  });

  it('counts a request id repeated inside one batch once', async () => {
    const store = openStore();
    expect(await store.append([ev('r1'), ev('r2'), ev('r1')])).toEqual({ inserted: 2, duplicates: 1 });
    expect((await store.usage(q())).total).toBe(2);
  });

  it('keeps the first event of a request id; a later one with other fields changes nothing', async () => {
    const store = openStore();
    await store.append([ev('r1')]);
    await store.append([ev('r1', { outcome: Outcome.OUTCOME_SERVER_ERROR, code: 'server.timeout' })]);
    expect((await store.getTransaction('r1'))?.code).toBe('ok');
    const report = await store.usage(q({ groupBy: ['code'] }));
    expect(report.rows.map((r) => [r.code, r.count])).toEqual([['ok', 1]]);
  });

  it('round-trips every field of an event through getTransaction', async () => {
    const store = openStore();
    const e = ev('r-full', { outcome: Outcome.OUTCOME_CLIENT_ERROR, code: 'client.access_denied' });
    await store.append([e]);
    expect(await store.getTransaction('r-full')).toEqual(e);
    expect(await store.getTransaction('nope')).toBeUndefined();
  });

  it('counts overlapping batches from two connections on one file exactly', async () => {
    const a = openStore();
    const b = openStore();
    const ids = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `req-${from + i}`);
    // 0..999 by a, 500..1499 by b, in interleaved batches of 100, issued together.
    const batches: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) {
      batches.push(a.append(ids(i * 100, i * 100 + 100).map((id) => ev(id))));
      batches.push(b.append(ids(500 + i * 100, 600 + i * 100).map((id) => ev(id))));
    }
    const results = (await Promise.all(batches)) as { inserted: number; duplicates: number }[];
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(1500);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(500);
    expect(await a.stats()).toEqual({ entries: 1500, duplicatesIgnored: 500 });
    expect((await b.usage(q())).total).toBe(1500);
  });

  it('appends a large batch in one transaction quickly', async () => {
    const store = openStore();
    const events = Array.from({ length: 5000 }, (_, i) => ev(`bulk-${i}`, { consumer: `TINH-${String(i % 63).padStart(2, '0')}-LGSP` }));
    const t0 = Date.now();
    expect(await store.append(events)).toEqual({ inserted: 5000, duplicates: 0 });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect((await store.usage(q({ groupBy: ['consumer'] }))).rows).toHaveLength(63);
  });

  it('groups by any dimensions, leaving the others empty, with total the sum', async () => {
    const store = openStore();
    await store.append([
      ev('a1'),
      ev('a2'),
      ev('a3', { receivedAtMs: DAY2 }),
      ev('b1', { consumer: 'BO-BTP-LGSP', outcome: Outcome.OUTCOME_CLIENT_ERROR, code: 'client.access_denied' }),
      ev('c1', { provider: 'DN-VNPOST-DVC', service: 'TrackParcel', outcome: Outcome.OUTCOME_SERVER_ERROR, code: 'server.timeout' }),
    ]);
    const byConsumerDay = await store.usage(q({ groupBy: ['consumer', 'day'] }));
    expect(byConsumerDay.total).toBe(5);
    expect(byConsumerDay.rows).toEqual([
      { consumer: 'BO-BTP-LGSP', provider: '', service: '', day: '2021-10-01', outcome: 0, code: '', count: 1 },
      { consumer: 'TINH-01-LGSP', provider: '', service: '', day: '2021-10-01', outcome: 0, code: '', count: 3 },
      { consumer: 'TINH-01-LGSP', provider: '', service: '', day: '2021-10-02', outcome: 0, code: '', count: 1 },
    ]);
    const byOutcome = await store.usage(q({ groupBy: ['outcome', 'code'] }));
    expect(byOutcome.rows.map((r) => [r.outcome, r.code, r.count])).toEqual([
      [Outcome.OUTCOME_OK, 'ok', 3],
      [Outcome.OUTCOME_CLIENT_ERROR, 'client.access_denied', 1],
      [Outcome.OUTCOME_SERVER_ERROR, 'server.timeout', 1],
    ]);
    const byService = await store.usage(q({ groupBy: ['provider', 'service'] }));
    expect(byService.rows.map((r) => [r.provider, r.service, r.count])).toEqual([
      ['BO-BKHDT-DKDN', 'GetEnterprise', 4],
      ['DN-VNPOST-DVC', 'TrackParcel', 1],
    ]);
    const ungrouped = await store.usage(q());
    expect(ungrouped).toEqual({
      rows: [{ consumer: '', provider: '', service: '', day: '', outcome: 0, code: '', count: 5 }],
      total: 5,
    });
  });

  it('filters by day range, consumer and provider', async () => {
    const store = openStore();
    await store.append([
      ev('a1'),
      ev('a2', { receivedAtMs: DAY2 }),
      ev('b1', { consumer: 'BO-BTP-LGSP' }),
      ev('c1', { provider: 'DN-VNPOST-DVC', receivedAtMs: DAY2 }),
    ]);
    expect((await store.usage(q({ fromDay: '2021-10-02' }))).total).toBe(2);
    expect((await store.usage(q({ toDay: '2021-10-01' }))).total).toBe(2);
    expect((await store.usage(q({ fromDay: '2021-10-01', toDay: '2021-10-01', consumer: 'TINH-01-LGSP' }))).total).toBe(1);
    expect((await store.usage(q({ provider: 'DN-VNPOST-DVC' }))).total).toBe(1);
    expect((await store.usage(q({ consumer: 'TINH-79-LGSP' }))).rows).toEqual([]);
    expect((await store.usage(q({ fromDay: '2021-11-01' }))).total).toBe(0);
  });

  it('rejects a malformed day or an unknown group_by dimension with client.invalid_argument', async () => {
    const store = openStore();
    await expect(store.usage(q({ fromDay: '2021-13-01' }))).rejects.toMatchObject({ code: 'client.invalid_argument', field: 'from_day' });
    await expect(store.usage(q({ toDay: '21-10-01' }))).rejects.toMatchObject({ code: 'client.invalid_argument', field: 'to_day' });
    const bad = store.usage(q({ groupBy: ['consumer', 'count; DROP TABLE ledger'] }));
    await expect(bad).rejects.toBeInstanceOf(MeshError);
    await expect(bad).rejects.toMatchObject({ code: 'client.invalid_argument', field: 'group_by' });
  });

  it('refuses an event without a request id', async () => {
    const store = openStore();
    await expect(store.append([ev('')])).rejects.toMatchObject({ code: 'client.invalid_argument' });
    expect(await store.stats()).toEqual({ entries: 0, duplicatesIgnored: 0 });
  });

  it('keeps entries, counters and the duplicate count across a reopen', async () => {
    const first = openStore();
    await first.append([ev('r1'), ev('r2', { receivedAtMs: DAY2 })]);
    await first.append([ev('r1')]);
    await first.close();
    const second = openStore();
    expect(await second.stats()).toEqual({ entries: 2, duplicatesIgnored: 1 });
    expect((await second.usage(q({ groupBy: ['day'] }))).rows.map((r) => [r.day, r.count])).toEqual([
      ['2021-10-01', 1],
      ['2021-10-02', 1],
    ]);
    expect(await second.append([ev('r2'), ev('r3')])).toEqual({ inserted: 1, duplicates: 1 });
    expect(await second.stats()).toEqual({ entries: 3, duplicatesIgnored: 2 });
  });

  it('upgrades a schema 3 file to the current schema (outcome updates): records and hashes untouched, a retry then updates the outcome', async () => {
    const first = openStore();
    const failed = { outcome: Outcome.OUTCOME_SERVER_ERROR, code: 'server.no_adapter', respondedAtMs: DAY1 + 10 };
    await first.append([ev('s3-1', failed), ev('s3-2')]);
    const tail = await first.chainTail();
    await first.close();
    // What a schema 3 file looks like: no ledger_updates table, schema_version 3.
    const raw = openSqlite(file);
    raw.exec(`DROP TABLE ledger_updates; UPDATE ledger_totals SET value = 3 WHERE name = 'schema_version'`);
    raw.close();
    const second = openStore();
    expect(await second.chainTail()).toEqual(tail);
    expect(await second.verifyChain()).toMatchObject({ ok: true, checked: 2, tailSeq: 2 });
    expect(await second.append([ev('s3-1', { respondedAtMs: DAY1 + 900 })])).toEqual({ inserted: 0, duplicates: 0, updated: 1 });
    expect(await second.getTransaction('s3-1')).toMatchObject({ outcome: Outcome.OUTCOME_OK, code: 'ok' });
    expect(await second.outcomeUpdatesTotal()).toBe(1);
    expect(await second.verifyChain()).toMatchObject({ ok: true, checked: 3, tailSeq: 3 });
    await second.close();
    const check = openSqlite(file);
    expect(check.prepare(`SELECT value FROM ledger_totals WHERE name = 'schema_version'`).get()).toEqual({ value: 5 });
    check.close();
  });
});
