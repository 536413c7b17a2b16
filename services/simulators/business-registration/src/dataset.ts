// The simulator's data: a deterministic set of enterprises and branches generated from a seed.
import { computeTaxCodeCheckDigit } from '@ndxp/contracts';
import { generateBranch, generateEnterprise } from './generator';
import { createRng, mixSeed, seedDataset, spreadEvenly, type DatasetOptions, type SeededDataset } from '@ndxp/simulator-kit';
import type { NationalEnterpriseRecord } from './record';

/** Number of enterprises (not counting branches) used when no size is given. */
export const DEFAULT_SIZE = 50_000;

/** A generated dataset: records are built on demand, identical for the same seed and size. */
export interface Dataset extends SeededDataset {
  /** Number of codes answered (enterprises plus branches). */
  readonly count: number;
  /** The record of a code (enterprise or branch), or undefined when unknown. Treat as read-only. */
  get(taxCode: string): NationalEnterpriseRecord | undefined;
  /** n known codes spread evenly over the dataset (branches included), the same for the same n. */
  sampleTaxCodes(n: number): string[];
}

// Two-digit prefixes of real codes, Hà Nội's and Hồ Chí Minh's weighted up. Not a province code.
const PREFIXES = ['01', '01', '01', '03', '03', '03', '02', ...Array.from({ length: 60 }, (_, i) => String(i + 4).padStart(2, '0'))];

/**
 * Generates the index of codes now; each record is generated when first asked for. `size` enterprises,
 * about one in ten of them with one to three branches.
 */
export function createDataset(options: DatasetOptions): Dataset {
  const { seed, size } = options;
  const { seedHash, rng } = seedDataset(options);
  const bases: string[] = new Array<string>(size);
  const branches = new Uint8Array(size);
  const byCode = new Map<string, number>();
  for (let i = 0; i < size; i++) {
    let code: string | undefined;
    while (code === undefined || byCode.has(code)) {
      const nine = rng.pick(PREFIXES) + String(rng.int(0, 9_999_999)).padStart(7, '0');
      const check = computeTaxCodeCheckDigit(nine);
      code = check === undefined ? undefined : nine + String(check);
    }
    bases[i] = code;
    byCode.set(code, i);
    branches[i] = rng.chance(0.1) ? rng.int(1, 3) : 0;
  }
  const enterprise = (i: number): NationalEnterpriseRecord => generateEnterprise(createRng(mixSeed(seedHash, i)), bases[i]!);
  let allCodes: string[] | undefined;
  const codes = (): string[] => {
    if (!allCodes) {
      allCodes = [];
      for (let i = 0; i < size; i++) {
        allCodes.push(bases[i]!);
        for (let b = 1; b <= branches[i]!; b++) allCodes.push(`${bases[i]}-${String(b).padStart(3, '0')}`);
      }
    }
    return allCodes;
  };
  const count = size + branches.reduce((s, b) => s + b, 0);
  return {
    seed,
    size,
    count,
    get(taxCode) {
      if (taxCode.length === 10) {
        const i = byCode.get(taxCode);
        return i === undefined ? undefined : enterprise(i);
      }
      if (taxCode.length !== 14 || taxCode[10] !== '-') return undefined;
      const i = byCode.get(taxCode.slice(0, 10));
      const n = Number(taxCode.slice(11));
      if (i === undefined || !/^[0-9]{3}$/.test(taxCode.slice(11)) || n < 1 || n > branches[i]!) return undefined;
      return generateBranch(createRng(mixSeed(seedHash ^ 0x5bd1e995, i * 1000 + n)), enterprise(i), n);
    },
    sampleTaxCodes: (n) => spreadEvenly(codes(), n),
  };
}
