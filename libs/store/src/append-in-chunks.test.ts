// How a fetched batch is split into ledger transactions.
import { APPEND_MAX_EVENTS, HASH_AHEAD_MIN_EVENTS, chunkSizes } from './append-in-chunks';

describe('chunkSizes', () => {
  it('keeps a small batch in one transaction, and a large one without hashing ahead in chunks of at most the maximum', () => {
    expect(chunkSizes(0, true)).toEqual([]);
    expect(chunkSizes(7, true)).toEqual([7]);
    expect(chunkSizes(HASH_AHEAD_MIN_EVENTS - 1, true)).toEqual([HASH_AHEAD_MIN_EVENTS - 1]);
    expect(chunkSizes(2 * APPEND_MAX_EVENTS + 3, false)).toEqual([APPEND_MAX_EVENTS, APPEND_MAX_EVENTS, 3]);
  });

  it('starts a batch hashed ahead with a small chunk, so storing starts while the rest is hashed, and covers every event', () => {
    const sizes = chunkSizes(18_000, true);
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(18_000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(APPEND_MAX_EVENTS);
  });
});
