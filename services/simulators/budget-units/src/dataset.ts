// The simulator's data: a deterministic set of budget units generated from a seed, with search.
import { BUDGET_UNIT_CODE_PREFIXES, BUDGET_UNIT_STATUS_TEXT, foldName, type BudgetUnitCodePrefix } from '@ndxp/contracts';
import { generateUnit } from './generator';
import { buildGeography } from './geography';
import { createRng, mixSeed, seedDataset, spreadEvenly, type DatasetOptions, type Rng, type SeededDataset } from '@ndxp/simulator-kit';
import type { NationalBudgetUnitRecord, NationalSearchPage } from './record';

/** Number of units used when none is given. */
export const DEFAULT_SIZE = 50_000;
/** Largest dataset: codes of one prefix have only 6 free digits (a million codes). */
export const MAX_SIZE = 500_000;

/** A search as the national API takes it: `trang` is 1-based. */
export interface SearchQuery {
  /** Case- and diacritic-insensitive substring of the name; empty matches all. */
  ten?: string;
  /** Exact managing authority (compared in NFC); empty matches all. */
  coQuanChuQuan?: string;
  trang: number;
  kichThuoc: number;
}

/** A generated dataset, identical for the same seed and size. Records are shared: treat as read-only. */
export interface Dataset extends SeededDataset {
  /** The unit with this code (closed and merged units included), or undefined. */
  get(code: string): NationalBudgetUnitRecord | undefined;
  /** One page of the units matching the query, in code order. */
  search(query: SearchQuery): NationalSearchPage;
  /** n known codes spread evenly over the dataset, the same for the same n. */
  sampleCodes(n: number): string[];
  /** Every unit, in code order. */
  all(): readonly NationalBudgetUnitRecord[];
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2008, 0, 1);
const LAST_DAY = Date.UTC(2021, 10, 30);

function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** A new code for a unit of this kind: a prefix allowed for the kind (from the table) and 6 free digits. */
function issueCode(rng: Rng, prefixes: readonly BudgetUnitCodePrefix[], taken: Set<string>): string {
  const prefix = rng.pick(prefixes).prefix;
  const rest = 7 - prefix.length;
  for (;;) {
    const code = prefix + String(rng.int(0, 10 ** rest - 1)).padStart(rest, '0');
    if (!taken.has(code)) return code;
  }
}

/** Gives about 6% of mergeable units an absorbing unit of the same kind and district that stays active. */
function mergeSome(rng: Rng, units: NationalBudgetUnitRecord[], groups: Map<string, number[]>): void {
  const absorbers = new Set<number>();
  for (const members of groups.values()) {
    for (const i of members) {
      const unit = units[i]!;
      if (absorbers.has(i) || unit.trangThai !== BUDGET_UNIT_STATUS_TEXT.active || !rng.chance(0.06)) continue;
      const candidates = members.filter((j) => j !== i && units[j]!.trangThai === BUDGET_UNIT_STATUS_TEXT.active);
      if (candidates.length === 0) continue;
      const into = rng.pick(candidates);
      absorbers.add(into);
      unit.trangThai = BUDGET_UNIT_STATUS_TEXT.merged;
      unit.maSoDonViSapNhap = units[into]!.maSo;
    }
  }
}

/** Generates every unit now (under a second for 50,000); codes are unique and never given twice. */
export function createDataset(options: DatasetOptions): Dataset {
  const { seed, size } = options;
  const { seedHash, rng } = seedDataset(options, MAX_SIZE);
  const places = buildGeography(createRng(mixSeed(seedHash, 0x9e0)));
  const taken = new Set<string>();
  const prefixCache = new Map<string, BudgetUnitCodePrefix[]>();
  const prefixesOf = (kind: string): BudgetUnitCodePrefix[] => {
    let list = prefixCache.get(kind);
    if (!list) prefixCache.set(kind, (list = BUDGET_UNIT_CODE_PREFIXES.filter((p) => (p.kinds as readonly string[]).includes(kind))));
    if (list.length === 0) throw new RangeError(`no code prefix is allowed for unit kind ${kind}`);
    return list;
  };
  const units: NationalBudgetUnitRecord[] = [];
  const groups = new Map<string, number[]>();
  for (let i = 0; i < size; i++) {
    const draft = generateUnit(rng, places);
    const code = issueCode(rng, prefixesOf(draft.loaiHinh), taken);
    taken.add(code);
    const closed = rng.chance(draft.loaiHinh === '01' ? 0.02 : 0.1);
    // Field order as the national API writes it.
    units.push({
      maSo: code,
      tenDonVi: draft.tenDonVi,
      loaiHinh: draft.loaiHinh,
      coQuanChuQuan: draft.coQuanChuQuan,
      capNganSach: draft.capNganSach,
      khoBacGiaoDich: draft.khoBacGiaoDich,
      trangThai: closed ? BUDGET_UNIT_STATUS_TEXT.closed : BUDGET_UNIT_STATUS_TEXT.active,
      ngayCap: formatDate(FIRST_DAY + rng.int(0, Math.floor((LAST_DAY - FIRST_DAY) / DAY_MS)) * DAY_MS),
      maSoDonViSapNhap: null,
      tinh: draft.tinh,
    });
    const mergeGroup = draft.mergeGroup;
    if (mergeGroup) {
      const members = groups.get(mergeGroup);
      if (members) members.push(i);
      else groups.set(mergeGroup, [i]);
    }
  }
  mergeSome(rng, units, groups);
  const sorted = units.slice().sort((a, b) => (a.maSo < b.maSo ? -1 : 1));
  const byCode = new Map(sorted.map((u) => [u.maSo, u]));
  const folded = sorted.map((u) => foldName(u.tenDonVi));

  return {
    seed,
    size,
    get: (code) => byCode.get(code),
    search({ ten = '', coQuanChuQuan = '', trang, kichThuoc }) {
      const needle = foldName(ten);
      const authority = coQuanChuQuan.normalize('NFC').trim();
      const matches: NationalBudgetUnitRecord[] = [];
      for (let i = 0; i < sorted.length; i++) {
        if (needle !== '' && !folded[i]!.includes(needle)) continue;
        if (authority !== '' && sorted[i]!.coQuanChuQuan !== authority) continue;
        matches.push(sorted[i]!);
      }
      const start = (trang - 1) * kichThuoc;
      return { tongSo: matches.length, trang, kichThuoc, duLieu: matches.slice(start, start + kichThuoc) };
    },
    sampleCodes: (n) => spreadEvenly(sorted, n).map((u) => u.maSo),
    all: () => sorted,
  };
}
