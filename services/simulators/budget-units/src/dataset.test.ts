import { BUDGET_LEVEL_TEXT, BUDGET_UNIT_STATUS_TEXT, foldName, validateBudgetUnitCode } from '@ndxp/contracts';
import { createDataset } from './dataset';

describe('createDataset', () => {
  const full = createDataset({ seed: 'ndxp-2021', size: 50_000 });
  const all = full.all();

  it('holds 50,000 units with unique codes that all pass the validator', () => {
    expect(all.length).toBe(50_000);
    expect(new Set(all.map((u) => u.maSo)).size).toBe(50_000);
    expect(all.filter((u) => !validateBudgetUnitCode(u.maSo).valid)).toEqual([]);
  });

  it('issues codes whose prefix the prefix table allows for the unit kind', () => {
    const wrong = all.filter((u) => {
      const r = validateBudgetUnitCode(u.maSo);
      return !r.valid || !r.prefix.kinds.includes(u.loaiHinh);
    });
    expect(wrong).toEqual([]);
  });

  it('gives the same units for the same seed and different ones for another seed', () => {
    const again = createDataset({ seed: 'ndxp-2021', size: 50_000 });
    const other = createDataset({ seed: 'other', size: 50_000 });
    expect(again.sampleCodes(500)).toEqual(full.sampleCodes(500));
    for (const code of full.sampleCodes(500)) expect(again.get(code)).toEqual(full.get(code));
    expect(other.sampleCodes(500)).not.toEqual(full.sampleCodes(500));
  });

  it('spans the 63 provinces, the four budget levels and the three kinds', () => {
    expect(new Set(all.map((u) => u.tinh)).size).toBe(63);
    expect(new Set(all.map((u) => u.capNganSach))).toEqual(new Set(Object.values(BUDGET_LEVEL_TEXT)));
    expect(new Set(all.map((u) => u.loaiHinh))).toEqual(new Set(['01', '02', '03']));
  });

  it('names schools, hospitals, health stations, communes, departments and projects', () => {
    for (const start of [
      'Trường Tiểu học ',
      'Trường THCS ',
      'Trường THPT ',
      'Bệnh viện ',
      'Trạm Y tế xã ',
      'Ủy ban nhân dân xã ',
      'Sở ',
      'Dự án xây dựng ',
    ]) {
      expect([start, all.filter((u) => u.tenDonVi.startsWith(start)).length > 50]).toEqual([start, true]);
    }
    for (const u of all.slice(0, 300)) expect(u.ngayCap).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  it('closes some units and merges others into an active unit of the same kind that keeps its code', () => {
    const closed = all.filter((u) => u.trangThai === BUDGET_UNIT_STATUS_TEXT.closed);
    const merged = all.filter((u) => u.trangThai === BUDGET_UNIT_STATUS_TEXT.merged);
    expect(closed.length).toBeGreaterThan(500);
    expect(merged.length).toBeGreaterThan(500);
    for (const u of closed) expect(u.maSoDonViSapNhap).toBeNull();
    for (const u of merged) {
      const into = full.get(u.maSoDonViSapNhap!)!;
      expect(into.trangThai).toBe(BUDGET_UNIT_STATUS_TEXT.active);
      expect(into.maSo).not.toBe(u.maSo);
      expect([into.coQuanChuQuan, into.tenDonVi.split(' ')[0]]).toEqual([u.coQuanChuQuan, u.tenDonVi.split(' ')[0]]);
    }
    expect(all.filter((u) => u.trangThai === BUDGET_UNIT_STATUS_TEXT.active).every((u) => u.maSoDonViSapNhap === null)).toBe(true);
  });

  it('searches names case- and diacritic-insensitively, by exact authority, in code order, by page', () => {
    const first = full.search({ ten: 'TRAM Y TE XA', trang: 1, kichThuoc: 100 });
    expect(first.tongSo).toBe(all.filter((u) => foldName(u.tenDonVi).includes('tram y te xa')).length);
    expect(first.duLieu).toHaveLength(100);
    expect(first.duLieu.every((u) => u.tenDonVi.startsWith('Trạm Y tế xã'))).toBe(true);
    const codes = first.duLieu.map((u) => u.maSo);
    expect([...codes].sort()).toEqual(codes);
    const authority = first.duLieu[0]!.coQuanChuQuan;
    const byAuthority = full.search({ coQuanChuQuan: authority, trang: 1, kichThuoc: 100 });
    expect(byAuthority.tongSo).toBeGreaterThan(0);
    expect(byAuthority.duLieu.every((u) => u.coQuanChuQuan === authority)).toBe(true);
    expect(full.search({ coQuanChuQuan: authority.toLowerCase(), trang: 1, kichThuoc: 1 }).tongSo).toBe(0);
    const last = Math.ceil(first.tongSo / 100);
    expect(full.search({ ten: 'tram y te xa', trang: last, kichThuoc: 100 }).duLieu.length).toBe(first.tongSo - (last - 1) * 100);
    expect(full.search({ ten: 'tram y te xa', trang: last + 1, kichThuoc: 100 }).duLieu).toEqual([]);
    expect(full.search({ ten: '', trang: 1, kichThuoc: 1 }).tongSo).toBe(50_000);
  });

  it('spreads sampleCodes over the dataset and answers undefined for unknown codes', () => {
    const sample = full.sampleCodes(1000);
    expect(new Set(sample).size).toBe(1000);
    expect(sample.every((c) => full.get(c)?.maSo === c)).toBe(true);
    const known = new Set(all.map((u) => u.maSo));
    const unknown = ['1000000', '1000001', '1000002', '1000003'].find((c) => !known.has(c))!;
    expect(full.get(unknown)).toBeUndefined();
    expect(full.get('')).toBeUndefined();
  });

  it('refuses a size that is not an integer from 1 to 500,000', () => {
    expect(() => createDataset({ seed: 1, size: 0 })).toThrow(RangeError);
    expect(() => createDataset({ seed: 1, size: 500_001 })).toThrow(RangeError);
    expect(() => createDataset({ seed: 1, size: 1.5 })).toThrow(RangeError);
  });
});
