// Templates of the simulator's data: record ids with their check digit, the dataset (seeded by @ndxp/simulator-kit).
import type { Names } from '../names';

/** src/record-id.ts: the id format of the scaffold (10 digits, Luhn check digit). */
export function simRecordId(): string {
  return `// Record ids of the simulated national system: 9 digits and a Luhn check digit. Replace with the
// real system's identifier format (and its check) when you know it.

/** The Luhn check digit of a string of digits. */
export function computeCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when id is 10 ASCII digits whose last is the Luhn check digit of the first nine. */
export function isValidRecordId(id: string): boolean {
  return /^[0-9]{10}$/.test(id) && computeCheckDigit(id.slice(0, 9)) === id.charCodeAt(9) - 48;
}

/** The id made of nine digits and their check digit. */
export function recordIdOf(payload: string): string {
  return payload + String(computeCheckDigit(payload));
}
`;
}

/** src/record-id.test.ts */
export function simRecordIdTest(): string {
  return `import { computeCheckDigit, isValidRecordId, recordIdOf } from './record-id';

describe('record ids', () => {
  it('computes the Luhn check digit of known payloads', () => {
    expect(computeCheckDigit('7992739871')).toBe(3);
    expect(recordIdOf('000000000')).toBe('0000000000');
    expect(recordIdOf('123456789')).toBe('1234567897');
  });

  it('accepts an id with its check digit and refuses every other last digit', () => {
    expect(isValidRecordId('1234567897')).toBe(true);
    for (let d = 0; d <= 9; d++) if (d !== 7) expect(isValidRecordId(\`123456789\${d}\`)).toBe(false);
  });

  it('refuses wrong lengths and non-digits', () => {
    for (const bad of ['', '123456789', '12345678970', '12345678a7', ' 1234567897']) expect(isValidRecordId(bad)).toBe(false);
  });
});
`;
}

/** src/dataset.ts: a deterministic dataset; records are built on demand from their index. */
export function simDataset(n: Names): string {
  return `// The simulator's data: a deterministic set of records of ${n.title}, generated from a seed.
import { createRng, hashSeed, mixSeed, type Rng } from '@ndxp/simulator-kit';
import { recordIdOf } from './record-id';

/** Seed used when none is given. */
export const DEFAULT_SEED = 'ndxp-2021';
/** Number of records used when no size is given. */
export const DEFAULT_SIZE = 20_000;

/** One record as the national system's API answers it (its own field names). */
export interface NationalRecord {
  maSo: string;
  ten: string;
  trangThai: string;
  /** dd/mm/yyyy */
  ngayCapNhat: string;
  tinhThanhPho: string;
}

/** How to generate a dataset. */
export interface DatasetOptions {
  seed: string;
  size: number;
}

/** A generated dataset: the same seed and size always give the same records. */
export interface Dataset {
  readonly seed: string;
  readonly count: number;
  /** The record of an id, or undefined when unknown. */
  get(id: string): NationalRecord | undefined;
  /** n known ids spread evenly over the dataset, the same for the same n. */
  sampleIds(n: number): string[];
}

/** Status texts of the national system, the first one the most common. */
export const STATUS_TEXTS = ['Đang hiệu lực', 'Đang hiệu lực', 'Đang hiệu lực', 'Tạm ngừng', 'Hết hiệu lực'] as const;
const KINDS = ['Hồ sơ', 'Bản ghi', 'Đăng ký', 'Giấy chứng nhận'];
const PLACES = ['Hà Nội', 'Hải Phòng', 'Đà Nẵng', 'Thành phố Hồ Chí Minh', 'Cần Thơ', 'Nghệ An', 'Thanh Hóa', 'Quảng Ninh', 'Lâm Đồng', 'Khánh Hòa'];
const STREETS = ['Trần Hưng Đạo', 'Lê Lợi', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Phan Chu Trinh'];

function generate(rng: Rng, id: string): NationalRecord {
  const province = rng.pick(PLACES);
  const day = String(rng.int(1, 28)).padStart(2, '0');
  const month = String(rng.int(1, 12)).padStart(2, '0');
  return {
    maSo: id,
    ten: \`\${rng.pick(KINDS)} số \${rng.int(1, 999)} đường \${rng.pick(STREETS)}, \${province}\`,
    trangThai: rng.pick(STATUS_TEXTS),
    ngayCapNhat: \`\${day}/\${month}/\${rng.int(2010, 2021)}\`,
    tinhThanhPho: province,
  };
}

/** Generates the index of ids now; each record is generated when asked for. */
export function createDataset(options: DatasetOptions): Dataset {
  const { seed, size } = options;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(\`dataset size must be a positive integer, got \${size}\`);
  const seedHash = hashSeed(seed);
  const rng = createRng(seedHash);
  const ids: string[] = [];
  const byId = new Map<string, number>();
  while (ids.length < size) {
    const id = recordIdOf(String(rng.int(0, 999_999_999)).padStart(9, '0'));
    if (byId.has(id)) continue;
    byId.set(id, ids.length);
    ids.push(id);
  }
  return {
    seed,
    count: size,
    get(id) {
      const i = byId.get(id);
      return i === undefined ? undefined : generate(createRng(mixSeed(seedHash, i)), id);
    },
    sampleIds(n) {
      return Array.from({ length: Math.max(0, n) }, (_, k) => ids[Math.floor((k * size) / n) % size]!);
    },
  };
}
`;
}

/** src/dataset.test.ts */
export function simDatasetTest(): string {
  return `import { createDataset, DEFAULT_SIZE, STATUS_TEXTS } from './dataset';
import { isValidRecordId } from './record-id';

describe('dataset', () => {
  it('gives the same records for the same seed and others for another seed', () => {
    const a = createDataset({ seed: 's', size: 500 });
    const b = createDataset({ seed: 's', size: 500 });
    const c = createDataset({ seed: 't', size: 500 });
    expect(a.sampleIds(20)).toEqual(b.sampleIds(20));
    for (const id of a.sampleIds(20)) expect(a.get(id)).toEqual(b.get(id));
    expect(c.sampleIds(20)).not.toEqual(a.sampleIds(20));
  });

  it('holds thousands of distinct records by default, every id valid and answered', () => {
    const d = createDataset({ seed: 'ndxp-2021', size: DEFAULT_SIZE });
    expect(d.count).toBeGreaterThanOrEqual(1000);
    const ids = d.sampleIds(d.count);
    expect(new Set(ids).size).toBe(d.count);
    for (const id of ids.slice(0, 2000)) {
      expect(isValidRecordId(id)).toBe(true);
      expect(d.get(id)?.maSo).toBe(id);
    }
  });

  it('answers undefined for an id it does not hold', () => {
    const d = createDataset({ seed: 's', size: 10 });
    expect(d.get('0000000000')).toBeUndefined();
  });

  it('writes dates as dd/mm/yyyy and statuses from the known texts', () => {
    const d = createDataset({ seed: 's', size: 300 });
    for (const id of d.sampleIds(300)) {
      const r = d.get(id)!;
      expect(r.ngayCapNhat).toMatch(/^\\d{2}\\/\\d{2}\\/\\d{4}$/);
      expect(STATUS_TEXTS).toContain(r.trangThai);
    }
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => createDataset({ seed: 's', size: 0 })).toThrow(RangeError);
  });
});
`;
}
