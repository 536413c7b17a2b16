import { seedDataset, spreadEvenly } from './dataset';
import { createRng, hashSeed } from './prng';

describe('seedDataset', () => {
  it('gives the hash of the seed and a generator seeded with it', () => {
    const { seedHash, rng } = seedDataset({ seed: 'ndxp-2021', size: 10 });
    expect(seedHash).toBe(hashSeed('ndxp-2021'));
    const same = createRng(hashSeed('ndxp-2021'));
    expect([rng.next(), rng.next()]).toEqual([same.next(), same.next()]);
  });

  it('refuses a size that is not a whole number from 1, or above the largest when one is given', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) {
      expect(() => seedDataset({ seed: 's', size })).toThrow(new RangeError(`dataset size must be a positive integer, got ${size}`));
    }
    expect(() => seedDataset({ seed: 's', size: 11 }, 10)).toThrow(new RangeError('dataset size must be an integer from 1 to 10, got 11'));
    expect(seedDataset({ seed: 's', size: 10 }, 10).seedHash).toBe(hashSeed('s'));
  });
});

describe('spreadEvenly', () => {
  it('takes n items spread evenly, repeating them when n is larger, and none of an empty list', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(spreadEvenly(items, 3)).toEqual(['a', 'c', 'e']);
    expect(spreadEvenly(items, 6)).toEqual(items);
    expect(spreadEvenly(['a', 'b'], 4)).toEqual(['a', 'a', 'b', 'b']);
    expect(spreadEvenly(items, 0)).toEqual([]);
    expect(spreadEvenly(items, -2)).toEqual([]);
    expect(spreadEvenly([], 5)).toEqual([]);
  });
});
