// Templates of the simulator's data: the dataset (seeded by @ndxp/simulator-kit, ids by the rule in @ndxp/contracts).
import type { Names } from '../names';

/** src/dataset.ts: a deterministic dataset; records are built on demand from their index. */
export function simDataset(n: Names): string {
  return `// The simulator's data: a deterministic set of records of ${n.title}, generated from a seed.
import { ${n.camel}IdOf } from '@ndxp/contracts';
import {
  createRng,
  mixSeed,
  seedDataset,
  spreadEvenly,
  type DatasetOptions,
  type Rng,
  type SeededDataset,
} from '@ndxp/simulator-kit';

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

/** A generated dataset: the same seed and size always give the same records. */
export interface Dataset extends SeededDataset {
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
  const { seedHash, rng } = seedDataset(options);
  const ids: string[] = [];
  const byId = new Map<string, number>();
  while (ids.length < size) {
    const id = ${n.camel}IdOf(String(rng.int(0, 999_999_999)).padStart(9, '0'));
    if (byId.has(id)) continue;
    byId.set(id, ids.length);
    ids.push(id);
  }
  return {
    seed,
    size,
    count: size,
    get(id) {
      const i = byId.get(id);
      return i === undefined ? undefined : generate(createRng(mixSeed(seedHash, i)), id);
    },
    sampleIds: (n) => spreadEvenly(ids, n),
  };
}
`;
}

/** src/dataset.test.ts */
export function simDatasetTest(n: Names): string {
  return `import { isValid${n.pascal}Id } from '@ndxp/contracts';
import { createDataset, DEFAULT_SIZE, STATUS_TEXTS } from './dataset';

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
      expect(isValid${n.pascal}Id(id)).toBe(true);
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
