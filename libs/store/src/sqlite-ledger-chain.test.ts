// The hash chain on the embedded ledger: verify passes on an untouched file, and names the first
// changed, inserted or deleted record when the SQLite file is modified behind the store's back.
import { MeterEvent, Outcome } from '@ndxp/contracts';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalBytes, chainHashOfBytes } from './ledger-chain-encoding';
import { rewriteStoredEvent } from './random-meter-events.fixture';
import { canonicalEvent, chainHash, protoCanonicalBytes } from './sqlite-ledger-chain';
import { openSqliteLedgerStore, type SqliteLedgerStore } from './sqlite-ledger-store';

const DAY1 = Date.UTC(2021, 9, 1, 8);
const DAY3 = Date.UTC(2021, 9, 3, 8);

function ev(i: number, over: Partial<MeterEvent> = {}): MeterEvent {
  return MeterEvent.fromPartial({
    requestId: `chain-${String(i).padStart(3, '0')}`,
    consumer: 'TINH-01-LGSP',
    provider: 'BO-BKHDT-DKDN',
    service: 'GetEnterprise',
    version: 'v1',
    outcome: Outcome.OUTCOME_OK,
    code: 'ok',
    officer: 'officer-1',
    purpose: 'HS-1',
    receivedAtMs: DAY1 + i,
    durationUs: 1000 + i,
    forwardedAtMs: DAY1 + i + 1,
    answeredAtMs: DAY1 + i + 5,
    respondedAtMs: DAY1 + i + 6,
    adapterInstance: 'br-1',
    ...over,
  });
}

describe('ledger hash chain (SQLite)', () => {
  let dir: string;
  let file: string;
  let store: SqliteLedgerStore;
  let raw: Database.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ndxp-chain-'));
    file = join(dir, 'ledger.sqlite');
    store = openSqliteLedgerStore(file);
    // Ten records over three batches, one duplicate that must not take a seq.
    await store.append([ev(1), ev(2), ev(3)]);
    await store.append([ev(3), ev(4), ev(5), ev(6)]);
    await store.append([ev(7), ev(8), ev(9), ev(10)]);
    raw = new Database(file);
  });
  afterEach(async () => {
    raw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies an untouched ledger: OK with every record checked and the tail', async () => {
    const v = await store.verifyChain();
    expect(v).toMatchObject({ ok: true, checked: 10, tailSeq: 10 });
    expect(v.tailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v.problem).toBeUndefined();
  });

  it('keeps the four timestamps and the adapter instance with each record', async () => {
    expect(await store.getTransaction('chain-004')).toMatchObject({
      forwardedAtMs: DAY1 + 5,
      answeredAtMs: DAY1 + 9,
      respondedAtMs: DAY1 + 10,
      adapterInstance: 'br-1',
    });
  });

  it('names a changed record: its content no longer gives its hash', async () => {
    rewriteStoredEvent(raw, 4, (e) => ({ ...e, code: 'client.access_denied', outcome: Outcome.OUTCOME_CLIENT_ERROR }));
    expect(await store.verifyChain()).toMatchObject({ ok: false, problem: 'changed', badSeq: 4, badRequestId: 'chain-004', checked: 3 });
  });

  it('names a deleted record in the middle and a deleted tail', async () => {
    raw.prepare(`DELETE FROM ledger WHERE seq = 6`).run();
    expect(await store.verifyChain()).toMatchObject({ ok: false, problem: 'deleted', badSeq: 6 });
    const tailOnly = mkdtempSync(join(tmpdir(), 'ndxp-chain-tail-'));
    try {
      const s = openSqliteLedgerStore(join(tailOnly, 'l.sqlite'));
      await s.append([ev(1), ev(2), ev(3)]);
      const r = new Database(join(tailOnly, 'l.sqlite'));
      r.prepare(`DELETE FROM ledger WHERE seq = 3`).run();
      r.close();
      expect(await s.verifyChain()).toMatchObject({ ok: false, problem: 'deleted', badSeq: 3, checked: 2 });
      await s.close();
    } finally {
      rmSync(tailOnly, { recursive: true, force: true });
    }
  });

  it("cannot hold a second record at an existing seq: seq is the table's key", () => {
    const forged = canonicalEvent(ev(500, { requestId: 'chain-000-forged' }));
    const prev = (raw.prepare(`SELECT hash FROM ledger WHERE seq = 4`).get() as { hash: Buffer }).hash;
    const bytes = canonicalBytes(forged, protoCanonicalBytes);
    expect(() =>
      raw
        .prepare(`INSERT INTO ledger (seq, request_id, received_at_ms, event, prev_hash, hash) VALUES (5, ?, ?, ?, ?, ?)`)
        .run(forged.requestId, forged.receivedAtMs, bytes, prev, chainHashOfBytes(prev, 5, bytes)),
    ).toThrow(/UNIQUE constraint failed: ledger.seq/);
  });

  it('names an inserted record slipped in with the records after it renumbered', async () => {
    // Renumber from the top down (seq is the key), then put a well-hashed forged record at seq 7.
    for (const seq of [10, 9, 8, 7]) raw.prepare(`UPDATE ledger SET seq = seq + 1 WHERE seq = ?`).run(seq);
    const prev = (raw.prepare(`SELECT hash FROM ledger WHERE seq = 6`).get() as { hash: Buffer }).hash;
    const forged = canonicalEvent({ ...ev(6), requestId: 'chain-zz-forged' });
    const bytes = canonicalBytes(forged, protoCanonicalBytes);
    raw
      .prepare(`INSERT INTO ledger (seq, request_id, received_at_ms, event, prev_hash, hash) VALUES (7, ?, ?, ?, ?, ?)`)
      .run(forged.requestId, forged.receivedAtMs, bytes, prev, chainHash(prev, 7, forged));
    raw.prepare(`UPDATE ledger_chain SET seq = 11 WHERE name = 'tail'`).run();
    expect(await store.verifyChain()).toMatchObject({ ok: false, problem: 'inserted', badSeq: 7, badRequestId: 'chain-zz-forged' });
  });

  it('names a record appended past the recorded tail as inserted', async () => {
    raw
      .prepare(
        `INSERT INTO ledger (seq, request_id, received_at_ms, event, prev_hash, hash)
         SELECT 11, 'chain-late', received_at_ms, event, hash, hash FROM ledger WHERE seq = 10`,
      )
      .run();
    expect(await store.verifyChain()).toMatchObject({ ok: false, problem: 'inserted', badSeq: 11, badRequestId: 'chain-late' });
  });

  it('names a record whose request id or received time was changed beside its stored event', async () => {
    raw.prepare(`UPDATE ledger SET request_id = 'chain-renamed' WHERE seq = 8`).run();
    expect(await store.verifyChain()).toMatchObject({ ok: false, problem: 'changed', badSeq: 8, badRequestId: 'chain-renamed' });
    raw.prepare(`UPDATE ledger SET request_id = 'chain-008', received_at_ms = received_at_ms + 86400000 WHERE seq = 8`).run();
    expect(await store.verifyChain()).toMatchObject({ ok: false, problem: 'changed', badSeq: 8, badRequestId: 'chain-008' });
  });

  it('verifies from a given seq, and after retention from the checkpoint it left', async () => {
    expect(await store.verifyChain(6)).toMatchObject({ ok: true, checked: 5 });
    await store.append([ev(11, { receivedAtMs: DAY3 }), ev(12, { receivedAtMs: DAY3 })]);
    expect(await store.purgeBefore(DAY3)).toBe(10);
    expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 2, tailSeq: 12 });
    rewriteStoredEvent(raw, 11, (e) => ({ ...e, purpose: 'HS-x' }));
    expect(await store.verifyChain()).toMatchObject({ ok: false, problem: 'changed', badSeq: 11 });
  });

  it('continues the chain across store instances on one file', async () => {
    const other = openSqliteLedgerStore(file);
    try {
      await other.append([ev(20), ev(21)]);
      await store.append([ev(22)]);
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 13, tailSeq: 13 });
    } finally {
      await other.close();
    }
  });
});
