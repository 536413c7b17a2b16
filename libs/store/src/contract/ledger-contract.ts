// The ledger half of the storage contract: exactly-once writes under redelivery and concurrency,
// usage from the aggregates, retention that deletes raw rows but never the aggregates.
import { MeterEvent, Outcome, UsageQuery } from '@ndxp/contracts';
import type { LedgerStore } from '../ports';
import type { StoreDatabase, StoreHarness } from './harness';

const DAY1 = Date.UTC(2021, 9, 1, 8, 0, 0); // 2021-10-01
const DAY2 = Date.UTC(2021, 9, 2, 16, 59, 59); // 2021-10-02, 23:59:59 in Hà Nội

/** A meter event of TINH-01-LGSP asking the business registry, with overrides. */
export function meterEvent(requestId: string, over: Partial<MeterEvent> = {}): MeterEvent {
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
    requestBytes: 40,
    responseBytes: 400,
    routingInstance: 'routing-1',
    traceId: '0af7651916cd43dd8448eb211c80319c',
    ...over,
  });
}

const ids = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `${prefix}-${from + i}`);
const total = async (s: LedgerStore): Promise<number> => (await s.usage(UsageQuery.fromPartial({}))).total;

/** Registers the ledger contract tests against a harness (inside the caller's describe). */
export function ledgerContract(harness: StoreHarness): void {
  let db: StoreDatabase;
  let ledger: LedgerStore;
  beforeEach(async () => {
    db = await harness.freshDatabase();
    ledger = await db.openLedger();
  });
  afterEach(async () => {
    await db.drop();
  });

  test('an event redelivered in a later batch is ledgered and counted once', async () => {
    expect(await ledger.append([meterEvent('r-1'), meterEvent('r-2')])).toEqual({ inserted: 2, duplicates: 0 });
    expect(await ledger.append([meterEvent('r-2'), meterEvent('r-3')])).toEqual({ inserted: 1, duplicates: 1 });
    expect(await ledger.append([meterEvent('r-1'), meterEvent('r-2'), meterEvent('r-3')])).toEqual({ inserted: 0, duplicates: 3 });
    expect(await total(ledger)).toBe(3);
    expect(await ledger.stats()).toEqual({ entries: 3, duplicatesIgnored: 4 });
  });

  test('the same request id twice within one batch counts once', async () => {
    const r = await ledger.append([meterEvent('d-1'), meterEvent('d-1', { code: 'other' }), meterEvent('d-2')]);
    expect(r).toEqual({ inserted: 2, duplicates: 1 });
    expect(await total(ledger)).toBe(2);
    expect((await ledger.getTransaction('d-1'))?.code).toBe('ok');
  });

  test('a ledgered event reads back with every field', async () => {
    const e = meterEvent('f-1', {
      outcome: Outcome.OUTCOME_SERVER_ERROR,
      code: 'upstream.unavailable',
      receivedAtMs: DAY2,
      durationUs: 98765,
    });
    await ledger.append([e]);
    expect(await ledger.getTransaction('f-1')).toEqual(e);
    expect(await ledger.getTransaction('missing')).toBeUndefined();
  });

  test('concurrent writers on two instances with overlapping ids count each id exactly once', async () => {
    const other = await db.openLedger();
    // Eight batches of 100, each overlapping its neighbour by half: 450 distinct ids.
    const batches = Array.from({ length: 8 }, (_, i) => ids('c', i * 50, i * 50 + 100).map((id) => meterEvent(id)));
    const results = await Promise.all(batches.map((b, i) => (i % 2 ? other : ledger).append(b)));
    const inserted = results.reduce((n, r) => n + r.inserted, 0);
    const duplicates = results.reduce((n, r) => n + r.duplicates, 0);
    expect(inserted).toBe(450);
    expect(duplicates).toBe(800 - 450);
    expect(await total(ledger)).toBe(450);
    expect(await total(other)).toBe(450);
    expect((await ledger.stats()).entries).toBe(450);
  });

  test('usage groups the aggregates by day, consumer and outcome', async () => {
    await ledger.append([
      meterEvent('u-1'),
      meterEvent('u-2', { receivedAtMs: DAY2 }),
      meterEvent('u-3', { receivedAtMs: DAY2, consumer: 'TINH-79-LGSP', outcome: Outcome.OUTCOME_CLIENT_ERROR, code: 'auth.denied' }),
    ]);
    const byDay = await ledger.usage(UsageQuery.fromPartial({ groupBy: ['day'] }));
    expect(byDay.rows.map((r) => [r.day, r.count])).toEqual([
      ['2021-10-01', 1],
      ['2021-10-02', 2],
    ]);
    const filtered = await ledger.usage(UsageQuery.fromPartial({ consumer: 'TINH-01-LGSP', fromDay: '2021-10-02', groupBy: ['outcome'] }));
    expect(filtered.total).toBe(1);
    expect(filtered.rows).toEqual([{ consumer: '', provider: '', service: '', day: '', outcome: Outcome.OUTCOME_OK, code: '', count: 1 }]);
  });

  test('retention deletes raw rows older than the cutoff and leaves usage and stats unchanged', async () => {
    await ledger.append([meterEvent('old-1'), meterEvent('old-2'), meterEvent('new-1', { receivedAtMs: DAY2 })]);
    const before = await ledger.usage(UsageQuery.fromPartial({ groupBy: ['day'] }));
    expect(await ledger.purgeBefore(Date.UTC(2021, 9, 2))).toBe(2);
    expect(await ledger.getTransaction('old-1')).toBeUndefined();
    expect(await ledger.getTransaction('new-1')).toBeDefined();
    expect(await ledger.usage(UsageQuery.fromPartial({ groupBy: ['day'] }))).toEqual(before);
    expect(await ledger.stats()).toEqual({ entries: 3, duplicatesIgnored: 0 });
    expect(await ledger.purgeBefore(Date.UTC(2021, 9, 2))).toBe(0);
  });

  test('records chain in ingest order and verify walks them; rollup and first-ok come from the aggregates', async () => {
    await ledger.append([meterEvent('h-1'), meterEvent('h-2', { receivedAtMs: DAY2, durationUs: 50_000 })]);
    await ledger.append([meterEvent('h-2'), meterEvent('h-3', { outcome: Outcome.OUTCOME_SERVER_ERROR, code: 'server.timeout' })]);
    expect(await ledger.verifyChain()).toMatchObject({ ok: true, checked: 3, tailSeq: 3 });
    expect(await ledger.verifyChain(2)).toMatchObject({ ok: true, checked: 2 });
    const days = await ledger.rollup({ fromDay: '', toDay: '', group: 'day' });
    expect(days.map((r) => [r.key, r.count, r.ok, r.serverErrors])).toEqual([
      ['2021-10-01', 2, 1, 1],
      ['2021-10-02', 1, 1, 0],
    ]);
    expect(days[1]!.latency).toEqual([[51200, 1]]);
    expect(await ledger.firstOkDays()).toEqual([{ consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', day: '2021-10-01' }]);
    expect(await ledger.purgeBefore(DAY2)).toBe(1);
    expect(await ledger.verifyChain()).toMatchObject({ ok: true, checked: 2, tailSeq: 3 });
  });

  test('finalOutcomes names the ledgered ids of a batch with their codes, and leaves out the others', async () => {
    await ledger.append([
      meterEvent('l-1'),
      meterEvent('l-2', { outcome: Outcome.OUTCOME_CLIENT_ERROR, code: 'client.not_found' }),
      ...ids('l-bulk', 0, 1200).map((id) => meterEvent(id)),
    ]);
    const found = await ledger.finalOutcomes(['l-1', 'l-2', 'l-none', 'l-1', ...ids('l-bulk', 0, 1200)]);
    expect(found.get('l-1')).toEqual({ outcome: Outcome.OUTCOME_OK, code: 'ok' });
    expect(found.get('l-2')).toEqual({ outcome: Outcome.OUTCOME_CLIENT_ERROR, code: 'client.not_found' });
    expect(found.has('l-none')).toBe(false);
    expect(found.size).toBe(2 + 1200);
    expect((await ledger.finalOutcomes([])).size).toBe(0);
    // A purged row is no longer ledgered.
    await ledger.append([meterEvent('l-new', { receivedAtMs: DAY2 })]);
    await ledger.purgeBefore(DAY2);
    expect([...(await ledger.finalOutcomes(['l-1', 'l-new'])).keys()]).toEqual(['l-new']);
  });

  describe('final outcome of a retried transaction', () => {
    const noAdapter = { outcome: Outcome.OUTCOME_SERVER_ERROR, code: 'server.no_adapter', respondedAtMs: DAY1 + 5 };
    const okLater = { outcome: Outcome.OUTCOME_OK, code: 'ok', respondedAtMs: DAY1 + 900, receivedAtMs: DAY1 + 800, durationUs: 50_000 };
    const byCode = async (s: LedgerStore): Promise<[string, number][]> =>
      (await s.usage(UsageQuery.fromPartial({ groupBy: ['code'] }))).rows.map((r) => [r.code, r.count]);

    test('an ok after an error updates the outcome: one transaction, counted once under ok, the update appended to the chain', async () => {
      expect(await ledger.append([meterEvent('x-1', noAdapter), meterEvent('x-2')])).toEqual({ inserted: 2, duplicates: 0 });
      expect(await byCode(ledger)).toEqual([
        ['ok', 1],
        ['server.no_adapter', 1],
      ]);
      expect(await ledger.append([meterEvent('x-1', okLater)])).toEqual({ inserted: 0, duplicates: 0, updated: 1 });
      expect(await ledger.getTransaction('x-1')).toMatchObject({ outcome: Outcome.OUTCOME_OK, code: 'ok', respondedAtMs: DAY1 + 900 });
      expect(await ledger.outcomeUpdates?.('x-1')).toBe(1);
      expect(await ledger.finalOutcomes(['x-1', 'x-2'])).toEqual(
        new Map([
          ['x-1', { outcome: Outcome.OUTCOME_OK, code: 'ok' }],
          ['x-2', { outcome: Outcome.OUTCOME_OK, code: 'ok' }],
        ]),
      );
      expect(await byCode(ledger)).toEqual([['ok', 2]]);
      expect(await total(ledger)).toBe(2);
      expect((await ledger.stats()).entries).toBe(2);
      // The transaction stays on the day it was first received; its latency is the successful attempt's.
      const days = await ledger.rollup({ fromDay: '', toDay: '', group: 'day' });
      expect(days.map((r) => [r.key, r.count, r.ok, r.serverErrors])).toEqual([['2021-10-01', 2, 2, 0]]);
      expect(days[0]!.latency).toEqual([
        [1600, 1],
        [51200, 1],
      ]);
      expect(await ledger.verifyChain()).toMatchObject({ ok: true, checked: 3, tailSeq: 3 });
      // A redelivery of either event changes nothing more.
      expect(await ledger.append([meterEvent('x-1', noAdapter), meterEvent('x-1', okLater)])).toEqual({ inserted: 0, duplicates: 2 });
      expect(await byCode(ledger)).toEqual([['ok', 2]]);
      expect(await ledger.verifyChain()).toMatchObject({ ok: true, checked: 3, tailSeq: 3 });
    });

    test('an error after an ok never replaces it (a late duplicate of a failed attempt)', async () => {
      await ledger.append([meterEvent('y-1', okLater)]);
      expect(await ledger.append([meterEvent('y-1', { ...noAdapter, respondedAtMs: DAY1 + 2000 })])).toEqual({
        inserted: 0,
        duplicates: 1,
      });
      expect(await ledger.getTransaction('y-1')).toMatchObject({ outcome: Outcome.OUTCOME_OK, code: 'ok' });
      expect(await ledger.outcomeUpdates?.('y-1')).toBe(0);
      expect(await byCode(ledger)).toEqual([['ok', 1]]);
      expect(await ledger.verifyChain()).toMatchObject({ ok: true, checked: 1, tailSeq: 1 });
    });

    test('between errors the later answer wins; the error, the retry and the ok in one batch end ok', async () => {
      const timeout = { outcome: Outcome.OUTCOME_SERVER_ERROR, code: 'server.timeout', respondedAtMs: DAY1 + 100 };
      await ledger.append([meterEvent('z-1', timeout)]);
      // An earlier answer arriving late does not replace the later one.
      expect(await ledger.append([meterEvent('z-1', { ...noAdapter, respondedAtMs: DAY1 + 50 })])).toEqual({ inserted: 0, duplicates: 1 });
      expect((await ledger.getTransaction('z-1'))?.code).toBe('server.timeout');
      expect(await ledger.append([meterEvent('z-1', { ...noAdapter, respondedAtMs: DAY1 + 200 })])).toMatchObject({ updated: 1 });
      expect((await ledger.getTransaction('z-1'))?.code).toBe('server.no_adapter');
      expect((await ledger.finalOutcomes(['z-1'])).get('z-1')).toEqual({
        outcome: Outcome.OUTCOME_SERVER_ERROR,
        code: 'server.no_adapter',
      });
      expect(await byCode(ledger)).toEqual([['server.no_adapter', 1]]);
      // All attempts of another transaction in one batch (no_adapter answered before the timeout: ignored).
      const r = await ledger.append([meterEvent('z-2', timeout), meterEvent('z-2', noAdapter), meterEvent('z-2', okLater)]);
      expect(r).toEqual({ inserted: 1, duplicates: 1, updated: 1 });
      expect((await ledger.getTransaction('z-2'))?.code).toBe('ok');
      expect(await byCode(ledger)).toEqual([
        ['ok', 1],
        ['server.no_adapter', 1],
      ]);
      expect(await total(ledger)).toBe(2);
      expect(await ledger.firstOkDays()).toEqual([{ consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', day: '2021-10-01' }]);
      expect(await ledger.verifyChain()).toMatchObject({ ok: true, checked: 4, tailSeq: 4 });
    });

    test('a tampered outcome update is found by the chain walk', async () => {
      await ledger.append([meterEvent('t-1', noAdapter), meterEvent('t-2')]);
      await ledger.append([meterEvent('t-1', okLater)]);
      expect(await ledger.verifyChain()).toMatchObject({ ok: true, checked: 3 });
      await db.tamperLedgerCode(3, 'server.no_adapter');
      expect(await ledger.verifyChain()).toMatchObject({ ok: false, problem: 'changed', badSeq: 3, badRequestId: 't-1' });
    });

    test('retention purges outcome updates with the records before them', async () => {
      await ledger.append([meterEvent('p-1', noAdapter), meterEvent('p-2', { receivedAtMs: DAY2 })]);
      await ledger.append([meterEvent('p-1', okLater)]);
      // p-1's update (seq 3) was received on day 1, after p-2 (seq 2): only p-1 (seq 1) goes.
      expect(await ledger.purgeBefore(DAY2)).toBe(1);
      expect(await ledger.verifyChain()).toMatchObject({ ok: true, checked: 2, tailSeq: 3 });
      expect(await byCode(ledger)).toEqual([['ok', 2]]);
    });
  });
}
