// Schema 5: counters on Vietnam days. A ledger of schema 4 (UTC days) opens with its records and
// hash chain untouched and its counters moved to the day each transaction fell on in Hà Nội.
import { Outcome, UsageQuery, type MeterEvent } from '@ndxp/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { meterEvent } from './contract/ledger-contract';
import { rewriteAsSchema4 } from './ledger-schema4';
import { openSqlite } from './sqlite';
import { openSqliteLedgerStore } from './sqlite-ledger-store';

const at = (iso: string): number => Date.parse(iso);

/** TINH-01-LGSP's call received at an instant (the storage contract's event). */
const ev = (requestId: string, receivedAtMs: number, over: Partial<MeterEvent> = {}): MeterEvent =>
  meterEvent(requestId, { receivedAtMs, respondedAtMs: receivedAtMs + 5, ...over });

// 06:30 on 1 October and on 1 January in Hà Nội (23:30 UTC the day before), 17:00 and 23:59:59 in
// Hà Nội, and one that failed first and succeeded on retry.
const EVENTS = [
  ev('oct-0630', at('2021-09-30T23:30:00Z')),
  ev('sep-1700', at('2021-09-30T10:00:00Z'), { durationUs: 90_000 }),
  ev('oct-2359', at('2021-10-01T16:59:59.999Z')),
  ev('jan-0630', at('2021-12-31T23:30:00Z'), { outcome: Outcome.OUTCOME_SERVER_ERROR, code: 'server.timeout' }),
  ev('jan-0630', at('2021-12-31T23:30:00Z'), { respondedAtMs: at('2021-12-31T23:30:01Z'), durationUs: 700_000 }),
  ev('other', at('2021-09-30T20:00:00Z'), { consumer: 'TINH-64-LGSP', outcome: Outcome.OUTCOME_CLIENT_ERROR, code: 'client.not_found' }),
];

describe('the ledger on Vietnam days (schema 5)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ndxp-vn-days-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const days = async (file: string): Promise<Record<string, number>> => {
    const store = openSqliteLedgerStore(file);
    try {
      const r = await store.usage(UsageQuery.fromPartial({ groupBy: ['day'] }));
      return Object.fromEntries(r.rows.map((row) => [row.day, row.count]));
    } finally {
      await store.close();
    }
  };
  const dump = (file: string): unknown[] => {
    const db = openSqlite(file);
    try {
      return [
        db.prepare(`SELECT * FROM ledger_counters ORDER BY day, consumer, provider, service, outcome, code`).all(),
        db.prepare(`SELECT * FROM ledger_first_ok ORDER BY consumer, provider`).all(),
      ];
    } finally {
      db.close();
    }
  };

  it('counts a call at 06:30 in Hà Nội on 1 October in October and one on 1 January in the new year', async () => {
    const file = join(dir, 'ledger.sqlite');
    const store = openSqliteLedgerStore(file);
    for (const e of EVENTS) await store.append([e]);
    const monthly = await store.rollup({ group: 'month', fromDay: '2021-09-01', toDay: '2022-01-31' });
    await store.close();
    expect(await days(file)).toEqual({ '2021-09-30': 1, '2021-10-01': 3, '2022-01-01': 1 });
    expect(monthly.map((r) => [r.key, r.count])).toEqual([
      ['2021-09', 1],
      ['2021-10', 3],
      ['2022-01', 1],
    ]);
  });

  it('upgrades a schema 4 ledger: records and hash chain untouched, counters and first-ok days as if counted on Vietnam days', async () => {
    const fresh = join(dir, 'fresh.sqlite');
    const old = join(dir, 'old.sqlite');
    for (const file of [fresh, old]) {
      const s = openSqliteLedgerStore(file);
      for (const e of EVENTS) await s.append([e]);
      await s.close();
    }
    rewriteAsSchema4(old);
    const before = openSqlite(old);
    const v4Days = before.prepare(`SELECT day, SUM(count) AS n FROM ledger_counters GROUP BY day ORDER BY day`).all();
    const records = before.prepare(`SELECT seq, request_id, event, prev_hash, hash FROM ledger ORDER BY seq`).all();
    const updates = before.prepare(`SELECT seq, request_id, event, prev_hash, hash FROM ledger_updates ORDER BY seq`).all();
    before.close();
    expect(v4Days).toEqual([
      { day: '2021-09-30', n: 3 },
      { day: '2021-10-01', n: 1 },
      { day: '2021-12-31', n: 1 },
    ]);

    const upgraded = openSqliteLedgerStore(old);
    expect(upgraded.upgrade).toMatchObject({ fromSchema: 4, toSchema: 5, vietnamDays: { moved: 3 } });
    expect(await upgraded.verifyChain()).toMatchObject({ ok: true, checked: 6 });
    await upgraded.close();
    expect(dump(old)).toEqual(dump(fresh));
    const after = openSqlite(old);
    expect(after.prepare(`SELECT seq, request_id, event, prev_hash, hash FROM ledger ORDER BY seq`).all()).toEqual(records);
    expect(after.prepare(`SELECT seq, request_id, event, prev_hash, hash FROM ledger_updates ORDER BY seq`).all()).toEqual(updates);
    expect(after.prepare(`SELECT value FROM ledger_totals WHERE name = 'schema_version'`).get()).toEqual({ value: 5 });
    after.close();
    // Opening again moves nothing twice.
    const again = openSqliteLedgerStore(old);
    expect(again.upgrade).toBeUndefined();
    await again.close();
    expect(dump(old)).toEqual(dump(fresh));
  });

  it('keeps the day of counts whose records retention deleted (nothing says when in the day they came)', async () => {
    const file = join(dir, 'purged.sqlite');
    const s = openSqliteLedgerStore(file);
    for (const e of EVENTS) await s.append([e]);
    await s.close();
    rewriteAsSchema4(file);
    const raw = openSqlite(file);
    // Retention removed the September records (their counters stay).
    raw.exec(`DELETE FROM ledger WHERE received_at_ms < ${at('2021-10-01T00:00:00Z')}`);
    raw.close();
    const upgraded = openSqliteLedgerStore(file);
    expect(upgraded.upgrade?.vietnamDays).toEqual({ moved: 1 });
    await upgraded.close();
    expect(await days(file)).toEqual({ '2021-09-30': 3, '2021-10-01': 1, '2022-01-01': 1 });
  });
});
