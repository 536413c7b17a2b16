import { headers } from '@nats-io/nats-core';
import { ENTRY_OVERHEAD_BYTES, ReplayCache, type ReplayEntry, type StoredAnswer } from './replay-cache';

const answer = (code: string, bytes = 10): StoredAnswer => {
  const h = headers();
  h.set('Ndxp-Status', code);
  return { code, headers: h, data: new Uint8Array(bytes).fill(7) };
};
const cache = (o: Partial<{ windowMs: number; maxEntries: number; maxBytes: number }> = {}): ReplayCache =>
  new ReplayCache({ windowMs: 600_000, maxEntries: 100, maxBytes: 1_000_000, ...o });

function started(c: ReplayCache, key: string, fp = 'fp', now = 0): ReplayEntry {
  const r = c.begin(key, fp, now);
  if (r.kind !== 'new' || !r.entry) throw new Error(`expected a new entry, got ${r.kind}`);
  return r.entry;
}

describe('ReplayCache', () => {
  it('answers a finished request id with the same answer object', () => {
    const c = cache();
    const a = answer('ok');
    c.finish(started(c, 'k'), a, true);
    const again = c.begin('k', 'fp', 1);
    expect(again).toEqual({ kind: 'answered', answer: a });
  });

  it('makes a replay of a request in flight wait for the first answer', async () => {
    const c = cache();
    const e = started(c, 'k');
    const r = c.begin('k', 'fp', 1);
    expect(r.kind).toBe('in_flight');
    const a = answer('ok');
    c.finish(e, a, true);
    if (r.kind === 'in_flight') await expect(r.answer).resolves.toBe(a);
  });

  it('reports a different fingerprint under the same id as reused, in flight or finished', () => {
    const c = cache();
    const e = started(c, 'k', 'fp-a');
    expect(c.begin('k', 'fp-b', 1).kind).toBe('reused');
    c.finish(e, answer('ok'), true);
    expect(c.begin('k', 'fp-b', 2).kind).toBe('reused');
  });

  it('forgets an answer not to be remembered, after handing it to the waiters', async () => {
    const c = cache();
    const e = started(c, 'k');
    const r = c.begin('k', 'fp', 1);
    const a = answer('server.timeout');
    c.finish(e, a, false);
    if (r.kind === 'in_flight') await expect(r.answer).resolves.toBe(a);
    expect(c.begin('k', 'fp', 2).kind).toBe('new');
  });

  it('forgets answers older than the window', () => {
    const c = cache({ windowMs: 1_000 });
    c.finish(started(c, 'k', 'fp', 0), answer('ok'), true);
    expect(c.begin('k', 'fp', 1_000).kind).toBe('answered');
    expect(c.begin('k', 'other', 1_001).kind).toBe('new');
  });

  it('keeps at most maxEntries ids, forgetting the least recently used', () => {
    const c = cache({ maxEntries: 2 });
    c.finish(started(c, 'a'), answer('ok'), true);
    c.finish(started(c, 'b'), answer('ok'), true);
    expect(c.begin('a', 'fp', 1).kind).toBe('answered');
    c.finish(started(c, 'c'), answer('ok'), true);
    expect(c.size).toBe(2);
    expect(c.begin('a', 'fp', 2).kind).toBe('answered');
    expect(c.begin('c', 'fp', 2).kind).toBe('answered');
    expect(c.begin('b', 'fp', 2).kind).toBe('new');
  });

  it('keeps evicting in least-recently-used order across touches and many evictions', () => {
    const c = cache({ maxEntries: 3 });
    for (const k of ['a', 'b', 'c']) c.finish(started(c, k), answer('ok'), true);
    expect(c.begin('a', 'fp', 1).kind).toBe('answered');
    c.finish(started(c, 'd'), answer('ok'), true);
    expect(c.begin('c', 'fp', 1).kind).toBe('answered');
    c.finish(started(c, 'e'), answer('ok'), true);
    // b went first (a was touched), then a (c was touched).
    // Looked up held ones first: a lookup that misses inserts (and evicts).
    expect(['c', 'd', 'e', 'a', 'b'].map((k) => c.begin(k, 'fp', 2).kind)).toEqual(['answered', 'answered', 'answered', 'new', 'new']);
    const big = cache({ maxEntries: 1_000 });
    for (let i = 0; i < 20_000; i++) big.finish(started(big, `k${i}`), answer('ok'), true);
    expect(big.size).toBe(1_000);
    expect(big.begin('k19000', 'fp', 3).kind).toBe('answered');
    expect(big.begin('k18999', 'fp', 3).kind).toBe('new');
  });

  it('keeps the bytes held under maxBytes by forgetting the oldest answers, and never keeps one larger than the budget', () => {
    const one = ENTRY_OVERHEAD_BYTES + 100 + 'Ndxp-Status'.length + 2 + 4;
    const c = cache({ maxBytes: one * 2 });
    for (const k of ['a', 'b', 'c']) c.finish(started(c, k), answer('ok', 100), true);
    expect(c.heldBytes).toBe(one * 2);
    expect(c.begin('a', 'fp', 1).kind).toBe('new');
    c.finish(started(c, 'big'), answer('ok', one * 3), true);
    expect(c.begin('big', 'fp', 1).kind).toBe('new');
    expect(c.heldBytes).toBeLessThanOrEqual(one * 2);
  });

  it('still resolves waiters of an entry evicted while in flight, and does not store it', async () => {
    const c = cache({ maxEntries: 1 });
    const e = started(c, 'a');
    const r = c.begin('a', 'fp', 0);
    started(c, 'b');
    const a = answer('ok');
    c.finish(e, a, true);
    if (r.kind === 'in_flight') await expect(r.answer).resolves.toBe(a);
    expect(c.size).toBe(1);
    expect(c.heldBytes).toBe(0);
  });

  it('is off with a zero window or zero entries', () => {
    for (const c of [cache({ windowMs: 0 }), cache({ maxEntries: 0 })]) {
      const r = c.begin('k', 'fp', 0);
      expect(r).toEqual({ kind: 'new', entry: undefined });
      expect(c.begin('k', 'fp', 0).kind).toBe('new');
    }
  });
});
