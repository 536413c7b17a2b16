// The chain hashed ahead on a worker thread: the same hashes as the ledger's own chainHashOfBytes,
// chunk by chunk in order; and the SQLite ledger takes such a hint only when it starts from its tail.
import { MeterEvent } from '@ndxp/contracts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainHasher } from './chain-hasher';
import { chainHashOfBytes } from './ledger-chain-encoding';
import { encodeForLedger } from './meter-event-wire';
import { openSqliteLedgerStore } from './sqlite-ledger-store';

function events(n: number, from = 0) {
  return Array.from({ length: n }, (_, i) =>
    encodeForLedger(
      MeterEvent.fromPartial({
        requestId: `hint-${from + i}`,
        consumer: 'TINH-01-LGSP',
        provider: 'BO-BKHDT-DKDN',
        service: 'GetEnterprise',
        outcome: 1,
        code: 'ok',
        officer: 'x'.repeat(i % 300),
        receivedAtMs: Date.UTC(2021, 0, 1) + from + i,
      }),
    ),
  );
}

describe('ChainHasher', () => {
  let hasher: ChainHasher;
  beforeEach(() => (hasher = new ChainHasher()));
  afterEach(() => hasher.close());

  it('computes chainHashOfBytes for every event, chunk by chunk, each chunk following the one before', async () => {
    const bytes = Array.from({ length: 2_500 }, (_, i) => randomBytes(i % 700));
    const prev = randomBytes(32);
    const fromSeq = 2 ** 33 + 5;
    const hints = await Promise.all(hasher.chain(fromSeq, prev, bytes, [1, 999, 1_500]));
    let expectedPrev: Uint8Array = prev;
    let seq = fromSeq;
    let i = 0;
    for (const hint of hints) {
      expect(hint.fromSeq).toBe(seq);
      expect(Buffer.from(hint.prevHash).equals(expectedPrev)).toBe(true);
      for (let k = 0; k < hint.hashes.length / 32; k++, i++, seq++) {
        const h = chainHashOfBytes(expectedPrev, seq, bytes[i]!);
        if (!h.equals(hint.hashes.subarray(32 * k, 32 * k + 32))) throw new Error(`hash ${i} differs`);
        expectedPrev = h;
      }
    }
    expect(i).toBe(2_500);
  });

  it('fails the chains it has not delivered when closed, and every later one', async () => {
    const pending = hasher.chain(1, Buffer.alloc(32), [Buffer.from('a')], [1]);
    await hasher.close();
    const after = hasher.chain(1, Buffer.alloc(32), [Buffer.from('a')], [1]);
    await expect(after[0]).rejects.toThrow(/closed/);
    // The first was either delivered before the close or failed by it, never left hanging.
    await expect(
      pending[0]!.then(
        () => 'delivered',
        () => 'failed',
      ),
    ).resolves.toMatch(/delivered|failed/);
  });
});

describe('SQLite ledger with chain hints', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ndxp-hint-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the hinted hashes when the hint starts from its tail, and hashes itself when it does not', async () => {
    const store = openSqliteLedgerStore(join(dir, 'l.sqlite'));
    const hasher = new ChainHasher();
    try {
      const first = events(100);
      const tail = await store.chainTail();
      const [hint] = hasher.chain(
        tail.seq + 1,
        tail.hash,
        first.map((e) => e.bytes),
        [100],
      );
      await store.appendEncoded(first, await hint);
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 100, tailSeq: 100 });
      expect((await store.chainTail()).hash.equals(Buffer.from((await hint)!.hashes.subarray(99 * 32)))).toBe(true);

      // A hint from another tail is ignored: the chain stays right.
      const second = events(50, 100);
      const stale = { fromSeq: 1, prevHash: Buffer.alloc(32), hashes: Buffer.alloc(50 * 32, 7) };
      await store.appendEncoded(second, stale);
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 150 });

      // A hint that does start from the tail is taken as it is (here a wrong one: verify then says so).
      const third = events(10, 150);
      const now = await store.chainTail();
      await store.appendEncoded(third, { fromSeq: now.seq + 1, prevHash: now.hash, hashes: Buffer.alloc(10 * 32, 9) });
      expect(await store.verifyChain()).toMatchObject({ ok: false, problem: 'changed', badSeq: 151 });
    } finally {
      await hasher.close();
      await store.close();
    }
  });

  it('hashes itself after a duplicate shifts the seqs the hint was computed for', async () => {
    const store = openSqliteLedgerStore(join(dir, 'l.sqlite'));
    const hasher = new ChainHasher();
    try {
      await store.appendEncoded(events(5));
      const batch = [...events(3, 5), events(1, 2)[0]!, ...events(200, 8)];
      const tail = await store.chainTail();
      const [hint] = hasher.chain(
        tail.seq + 1,
        tail.hash,
        batch.map((e) => e.bytes),
        [batch.length],
      );
      expect(await store.appendEncoded(batch, await hint)).toEqual({ inserted: 203, duplicates: 1 });
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 208, tailSeq: 208 });
    } finally {
      await hasher.close();
      await store.close();
    }
  });
});
