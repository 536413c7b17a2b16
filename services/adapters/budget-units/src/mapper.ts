// Pure mapping from the national system's JSON (Vietnamese field names) to the mesh's proto messages.
import { BudgetLevel, BudgetUnit, foldName, MeshError, UnitKind, UnitStatus } from '@ndxp/contracts';
import { mapNationalDate } from '@ndxp/adapter-sdk';

/** Form numbers (loaiHinh) and the contract's kinds; anything else is UNSPECIFIED. */
export const KIND_BY_CODE: ReadonlyMap<string, UnitKind> = new Map([
  ['01', UnitKind.UNIT_KIND_BUDGET_USING_UNIT],
  ['02', UnitKind.UNIT_KIND_INVESTMENT_PROJECT_PREPARATION],
  ['03', UnitKind.UNIT_KIND_INVESTMENT_PROJECT_IMPLEMENTATION],
]);

/** Budget-level texts (folded: no case, no marks) and the contract's levels. */
export const LEVEL_BY_TEXT: ReadonlyMap<string, BudgetLevel> = new Map([
  ['trung uong', BudgetLevel.BUDGET_LEVEL_CENTRAL],
  ['tinh', BudgetLevel.BUDGET_LEVEL_PROVINCE],
  ['huyen', BudgetLevel.BUDGET_LEVEL_DISTRICT],
  ['xa', BudgetLevel.BUDGET_LEVEL_COMMUNE],
]);

/** Status texts (folded) and the contract's statuses. */
export const STATUS_BY_TEXT: ReadonlyMap<string, UnitStatus> = new Map([
  ['dang hoat dong', UnitStatus.UNIT_STATUS_ACTIVE],
  ['ngung hoat dong', UnitStatus.UNIT_STATUS_CLOSED],
  ['da dong', UnitStatus.UNIT_STATUS_CLOSED],
  ['da dong ma so', UnitStatus.UNIT_STATUS_CLOSED],
  ['da sap nhap', UnitStatus.UNIT_STATUS_MERGED],
]);

/** loaiHinh "01"/"02"/"03" (also 1/2/3) → UnitKind. */
export function mapKind(value: string): UnitKind {
  const t = value.trim();
  return KIND_BY_CODE.get(/^[0-9]$/.test(t) ? `0${t}` : t) ?? UnitKind.UNIT_KIND_UNSPECIFIED;
}

/** capNganSach "Trung ương"/"Tỉnh"/"Huyện"/"Xã" (any case, with or without marks, "Cấp …" too) → BudgetLevel. */
export function mapLevel(text: string): BudgetLevel {
  const key = foldName(text).replace(/^cap /, '');
  return LEVEL_BY_TEXT.get(key) ?? BudgetLevel.BUDGET_LEVEL_UNSPECIFIED;
}

/** trangThai text (any case, with or without marks) → UnitStatus. */
export function mapStatus(text: string): UnitStatus {
  return STATUS_BY_TEXT.get(foldName(text)) ?? UnitStatus.UNIT_STATUS_UNSPECIFIED;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Json, k: string): string => {
  const v = o[k];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};

/**
 * Maps one unit (maSo, tenDonVi, loaiHinh, …) to BudgetUnit. A record without maSo is the national
 * system's fault: server.upstream_failure. merged_into_code is set only on a MERGED unit.
 */
export function mapBudgetUnit(record: unknown): BudgetUnit {
  if (!isObject(record) || typeof record['maSo'] !== 'string' || record['maSo'] === '') {
    throw new MeshError('server.upstream_failure', 'the national system answered a unit without maSo');
  }
  const status = mapStatus(str(record, 'trangThai'));
  return BudgetUnit.fromPartial({
    code: record['maSo'],
    name: str(record, 'tenDonVi'),
    kind: mapKind(str(record, 'loaiHinh')),
    managingAuthority: str(record, 'coQuanChuQuan'),
    budgetLevel: mapLevel(str(record, 'capNganSach')),
    treasury: str(record, 'khoBacGiaoDich'),
    status,
    issueDate: mapNationalDate(str(record, 'ngayCap')),
    mergedIntoCode: status === UnitStatus.UNIT_STATUS_MERGED ? str(record, 'maSoDonViSapNhap') : '',
    province: str(record, 'tinh'),
  });
}

/** One page of a search: the mapped units and the total number of matches. */
export interface MappedPage {
  units: BudgetUnit[];
  total: number;
}

/** Maps a search page ({ tongSo, duLieu: [...] }); a page of another shape is server.upstream_failure. */
export function mapSearchPage(page: unknown): MappedPage {
  if (!isObject(page) || !Array.isArray(page['duLieu'])) {
    throw new MeshError('server.upstream_failure', 'the national system answered a search page without duLieu');
  }
  const total = page['tongSo'];
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0 || total > 2_147_483_647) {
    throw new MeshError('server.upstream_failure', 'the national system answered a search page without a valid tongSo');
  }
  return { units: page['duLieu'].map(mapBudgetUnit), total };
}
