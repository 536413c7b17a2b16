// The hand encoder of the chain's canonical bytes against its definition (ts-proto's encoding of
// canonicalEvent): equal bytes and hashes on random events, including non-ASCII and long strings,
// fractional, negative and large numbers; and a stored ledger whose hashes are exactly the ts-proto
// definition's, so that verify (which goes through the same encoder) detects a changed column.
import { MeterEvent, Outcome } from '@ndxp/contracts';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalBytes } from './ledger-chain-encoding';
import { randomEvent, rewriteStoredEvent } from './random-meter-events.fixture';
import { GENESIS_HASH, canonicalEvent, chainHash, protoCanonicalBytes } from './sqlite-ledger-chain';
import { openSqliteLedgerStore } from './sqlite-ledger-store';

function referenceHash(prev: Uint8Array, seq: number, e: MeterEvent): Buffer {
  const seqBytes = Buffer.alloc(8);
  seqBytes.writeBigUInt64BE(BigInt(seq));
  return createHash('sha256')
    .update(prev)
    .update(seqBytes)
    .update(MeterEvent.encode(canonicalEvent(e)).finish())
    .digest();
}

describe('canonical bytes of the hash chain', () => {
  it('the hand encoder writes exactly the ts-proto bytes of canonicalEvent on 10,000 random events', () => {
    for (let i = 0; i < 10_000; i++) {
      const e = randomEvent();
      const ours = Buffer.from(canonicalBytes(e, () => Buffer.from('fallback')));
      const theirs = Buffer.from(protoCanonicalBytes(e));
      if (!ours.equals(theirs))
        throw new Error(`event ${i} differs: ${JSON.stringify(e)}\n${ours.toString('hex')}\n${theirs.toString('hex')}`);
    }
  });

  it('chainHash equals SHA-256 over prev, seq and the ts-proto bytes, raw or canonical event, any seq', () => {
    let prev: Buffer = GENESIS_HASH;
    for (let i = 0; i < 3_000; i++) {
      const e = randomEvent();
      const seq = i % 2 ? i + 1 : 2 ** 33 + i;
      const expected = referenceHash(prev, seq, e);
      expect(chainHash(prev, seq, e).equals(expected)).toBe(true);
      expect(chainHash(prev, seq, canonicalEvent(e)).equals(expected)).toBe(true);
      prev = expected;
    }
  });

  it('falls back to ts-proto for an int64 beyond 2^53 and still hashes the same bytes', () => {
    const e = { ...randomEvent(), durationUs: 2 ** 60 };
    expect(chainHash(GENESIS_HASH, 1, e).equals(referenceHash(GENESIS_HASH, 1, e))).toBe(true);
  });

  it('a stored ledger carries the definition hashes, and verify names a changed record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ndxp-canon-'));
    const file = join(dir, 'ledger.sqlite');
    const store = openSqliteLedgerStore(file);
    try {
      const events = Array.from({ length: 200 }, (_, i) =>
        MeterEvent.fromPartial({
          requestId: `canon-${String(i).padStart(4, '0')}`,
          consumer: 'TINH-01-LGSP',
          provider: 'BO-BTP-HOTICH',
          service: 'GetCivilStatusRecord',
          version: 'v1',
          outcome: i % 7 ? Outcome.OUTCOME_OK : Outcome.OUTCOME_CLIENT_ERROR,
          code: i % 7 ? 'ok' : 'client.not_found',
          officer: `cán bộ ${i}`,
          purpose: 'Hồ sơ '.repeat(i % 40),
          receivedAtMs: Date.UTC(2021, 5, 1) + i * 1000.5,
          durationUs: 35_000 + i,
          requestBytes: 200,
          responseBytes: i % 7 ? 1200 : 0,
          routingInstance: 'routing-1',
          forwardedAtMs: Date.UTC(2021, 5, 1) + i * 1000 + 1,
          answeredAtMs: Date.UTC(2021, 5, 1) + i * 1000 + 36,
          respondedAtMs: Date.UTC(2021, 5, 1) + i * 1000 + 37,
          adapterInstance: 'hotich-1',
        }),
      );
      await store.append(events.slice(0, 120));
      await store.append(events.slice(120));
      const raw = new Database(file);
      try {
        const rows = raw.prepare(`SELECT request_id, seq, prev_hash, hash FROM ledger ORDER BY seq`).all() as {
          request_id: string;
          seq: number;
          prev_hash: Buffer;
          hash: Buffer;
        }[];
        let prev: Buffer = GENESIS_HASH;
        for (const [i, r] of rows.entries()) {
          expect(r.prev_hash.equals(prev)).toBe(true);
          expect(r.hash.equals(referenceHash(prev, i + 1, events[i]!))).toBe(true);
          prev = r.hash;
        }
        expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 200 });
        rewriteStoredEvent(raw, 151, (e) => ({ ...e, purpose: `${e.purpose}!` }));
        expect(await store.verifyChain()).toMatchObject({ ok: false, problem: 'changed', badSeq: 151, badRequestId: 'canon-0150' });
      } finally {
        raw.close();
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
