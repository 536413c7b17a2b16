// What every simulator's generated dataset shares: its default seed, its options, the checked start
// of its generation, and the even spread its samples are taken with.
import { createRng, hashSeed, type Rng } from './prng';

/** Seed of a simulator's data when SIM_SEED is not given. */
export const DEFAULT_DATASET_SEED = 'ndxp-2021';

/** How to generate a dataset: the same seed and size always give the same records. */
export interface DatasetOptions {
  seed: string | number;
  /** How many records (or people, enterprises, ...: the simulator's SIM_SIZE) to generate. */
  size: number;
}

/** What a generated dataset tells of itself. */
export interface SeededDataset {
  readonly seed: string | number;
  readonly size: number;
}

/** The start of a generation: the seed's hash (mixed with an index for per-record seeds) and the generator of the index. */
export interface DatasetSeed {
  seedHash: number;
  rng: Rng;
}

/** Checks the size (a whole number from 1, to `maxSize` when given; RangeError otherwise) and seeds the generation. */
export function seedDataset(options: DatasetOptions, maxSize?: number): DatasetSeed {
  const { seed, size } = options;
  if (!Number.isInteger(size) || size < 1 || (maxSize !== undefined && size > maxSize)) {
    const wanted = maxSize === undefined ? 'a positive integer' : `an integer from 1 to ${maxSize}`;
    throw new RangeError(`dataset size must be ${wanted}, got ${size}`);
  }
  const seedHash = hashSeed(seed);
  return { seedHash, rng: createRng(seedHash) };
}

/** n items spread evenly over `items` (with repeats when n exceeds them), the same for the same n; none when `items` is empty. */
export function spreadEvenly<T>(items: readonly T[], n: number): T[] {
  if (items.length === 0) return [];
  return Array.from({ length: Math.max(0, n) }, (_, k) => items[Math.floor((k * items.length) / n) % items.length]!);
}
