import { BudgetLevel, MeshError, UnitKind, UnitStatus } from '@ndxp/contracts';
import { BUDGET_LEVEL_TEXT, BUDGET_UNIT_STATUS_TEXT } from '@ndxp/contracts';
import { createDataset } from '@ndxp/simulator-budget-units';
import { mapBudgetUnit, mapKind, mapLevel, mapSearchPage, mapStatus } from './mapper';

const record = {
  maSo: '1012345',
  tenDonVi: 'Trường THCS Nguyễn Du',
  loaiHinh: '01',
  coQuanChuQuan: 'Phòng Giáo dục và Đào tạo huyện Tân Phú',
  capNganSach: 'Huyện',
  khoBacGiaoDich: 'Kho bạc Nhà nước Huyện Tân Phú',
  trangThai: 'Đang hoạt động',
  ngayCap: '05/09/2016',
  maSoDonViSapNhap: null,
  tinh: 'Đồng Nai',
};

describe('budget-unit mapper', () => {
  it('maps every field of a national record', () => {
    expect(mapBudgetUnit(record)).toEqual({
      code: '1012345',
      name: 'Trường THCS Nguyễn Du',
      kind: UnitKind.UNIT_KIND_BUDGET_USING_UNIT,
      managingAuthority: 'Phòng Giáo dục và Đào tạo huyện Tân Phú',
      budgetLevel: BudgetLevel.BUDGET_LEVEL_DISTRICT,
      treasury: 'Kho bạc Nhà nước Huyện Tân Phú',
      status: UnitStatus.UNIT_STATUS_ACTIVE,
      issueDate: '2016-09-05',
      mergedIntoCode: '',
      province: 'Đồng Nai',
    });
  });

  it('maps the three kinds, with or without the leading zero, and anything else to UNSPECIFIED', () => {
    expect(['01', '02', '03', '1', ' 3 '].map(mapKind)).toEqual([
      UnitKind.UNIT_KIND_BUDGET_USING_UNIT,
      UnitKind.UNIT_KIND_INVESTMENT_PROJECT_PREPARATION,
      UnitKind.UNIT_KIND_INVESTMENT_PROJECT_IMPLEMENTATION,
      UnitKind.UNIT_KIND_BUDGET_USING_UNIT,
      UnitKind.UNIT_KIND_INVESTMENT_PROJECT_IMPLEMENTATION,
    ]);
    for (const v of ['', '04', '00', 'x', '001']) expect([v, mapKind(v)]).toEqual([v, UnitKind.UNIT_KIND_UNSPECIFIED]);
  });

  it('maps the four budget levels in any case, with or without marks, and unknown ones to UNSPECIFIED', () => {
    expect(Object.values(BUDGET_LEVEL_TEXT).map(mapLevel)).toEqual([
      BudgetLevel.BUDGET_LEVEL_CENTRAL,
      BudgetLevel.BUDGET_LEVEL_PROVINCE,
      BudgetLevel.BUDGET_LEVEL_DISTRICT,
      BudgetLevel.BUDGET_LEVEL_COMMUNE,
    ]);
    expect(mapLevel('TRUNG UONG')).toBe(BudgetLevel.BUDGET_LEVEL_CENTRAL);
    expect(mapLevel('Cấp tỉnh')).toBe(BudgetLevel.BUDGET_LEVEL_PROVINCE);
    expect(mapLevel('xã'.normalize('NFD'))).toBe(BudgetLevel.BUDGET_LEVEL_COMMUNE);
    for (const v of ['', 'Quận', 'Liên xã', '4']) expect([v, mapLevel(v)]).toEqual([v, BudgetLevel.BUDGET_LEVEL_UNSPECIFIED]);
  });

  it('maps statuses in any case, with or without marks, and unknown ones to UNSPECIFIED', () => {
    expect(Object.values(BUDGET_UNIT_STATUS_TEXT).map(mapStatus)).toEqual([
      UnitStatus.UNIT_STATUS_ACTIVE,
      UnitStatus.UNIT_STATUS_CLOSED,
      UnitStatus.UNIT_STATUS_MERGED,
    ]);
    expect(mapStatus('ĐÃ ĐÓNG MÃ SỐ')).toBe(UnitStatus.UNIT_STATUS_CLOSED);
    expect(mapStatus(' da sap  nhap ')).toBe(UnitStatus.UNIT_STATUS_MERGED);
    for (const v of ['', 'Tạm ngừng', 'active']) expect([v, mapStatus(v)]).toEqual([v, UnitStatus.UNIT_STATUS_UNSPECIFIED]);
  });

  it('sets merged_into_code only on a merged unit', () => {
    expect(mapBudgetUnit({ ...record, trangThai: 'Đã sáp nhập', maSoDonViSapNhap: '1099999' })).toMatchObject({
      status: UnitStatus.UNIT_STATUS_MERGED,
      mergedIntoCode: '1099999',
    });
    expect(mapBudgetUnit({ ...record, maSoDonViSapNhap: '1099999' }).mergedIntoCode).toBe('');
  });

  it('maps missing or mistyped optional fields to empty values, not errors', () => {
    expect(mapBudgetUnit({ maSo: '1012345', tenDonVi: 42, loaiHinh: null })).toMatchObject({
      code: '1012345',
      name: '42',
      kind: UnitKind.UNIT_KIND_UNSPECIFIED,
      budgetLevel: BudgetLevel.BUDGET_LEVEL_UNSPECIFIED,
      status: UnitStatus.UNIT_STATUS_UNSPECIFIED,
      issueDate: '',
      province: '',
    });
  });

  it('answers server.upstream_failure for a record without maSo', () => {
    for (const bad of [null, [], 'x', {}, { maSo: '' }, { maSo: 1012345 }]) {
      expect(() => mapBudgetUnit(bad)).toThrow(expect.objectContaining({ code: 'server.upstream_failure' }) as MeshError);
    }
  });

  it('maps a search page and refuses one without duLieu or a valid tongSo', () => {
    expect(mapSearchPage({ tongSo: 7, trang: 1, duLieu: [record] })).toEqual({ units: [mapBudgetUnit(record)], total: 7 });
    for (const bad of [
      {},
      { tongSo: 1 },
      { duLieu: [] },
      { tongSo: -1, duLieu: [] },
      { tongSo: '3', duLieu: [] },
      { tongSo: 1, duLieu: {} },
    ]) {
      expect(() => mapSearchPage(bad)).toThrow(MeshError);
    }
  });

  it('maps every unit of a generated dataset to a known kind, level and status with an ISO date', () => {
    const units = createDataset({ seed: 'mapper', size: 3000 }).all().map(mapBudgetUnit);
    expect(units.filter((u) => !u.kind || !u.budgetLevel || !u.status || !/^\d{4}-\d{2}-\d{2}$/.test(u.issueDate))).toEqual([]);
    expect(units.filter((u) => (u.status === UnitStatus.UNIT_STATUS_MERGED) !== (u.mergedIntoCode !== ''))).toEqual([]);
  });
});
