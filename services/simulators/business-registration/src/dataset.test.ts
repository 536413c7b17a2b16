import { computeTaxCodeCheckDigit } from '@ndxp/contracts';
import { createDataset } from './dataset';

const CODE = /^[0-9]{10}(-(00[1-9]|0[1-9][0-9]|[1-9][0-9]{2}))?$/;

describe('createDataset', () => {
  const full = createDataset({ seed: 'ndxp-2021', size: 50_000 });
  const all = full.sampleTaxCodes(full.count);

  it('holds at least 50,000 enterprises plus some branches', () => {
    expect(full.size).toBe(50_000);
    expect(full.count).toBeGreaterThan(50_000);
    expect(all.filter((c) => c.includes('-')).length).toBe(full.count - 50_000);
  });

  it('gives every code a valid check digit, a valid branch suffix and a record', () => {
    expect(new Set(all).size).toBe(full.count);
    const bad = all.filter(
      (code) =>
        !CODE.test(code) || computeTaxCodeCheckDigit(code.slice(0, 9)) !== Number(code[9]) || full.get(code)?.maSoDoanhNghiep !== code,
    );
    expect(bad).toEqual([]);
  });

  it('gives the same records for the same seed and different ones for another seed', () => {
    const again = createDataset({ seed: 'ndxp-2021', size: 50_000 });
    const other = createDataset({ seed: 'other', size: 50_000 });
    const sample = full.sampleTaxCodes(200);
    expect(again.sampleTaxCodes(200)).toEqual(sample);
    for (const code of sample) expect(again.get(code)).toEqual(full.get(code));
    expect(other.sampleTaxCodes(200)).not.toEqual(sample);
  });

  it('links each branch to its parent and gives it no charter capital', () => {
    const branch = all.find((c) => c.endsWith('-001'))!;
    const record = full.get(branch)!;
    expect(record.maDonViChuQuan).toBe(branch.slice(0, 10));
    expect(record.loaiHinh).toBe('Chi nhánh');
    expect(record.vonDieuLe).toBeNull();
    expect(record.tenTiengViet).toMatch(/^Chi nhánh /);
    expect(full.get(branch.slice(0, 10))?.maDonViChuQuan).toBeUndefined();
  });

  it('answers undefined for unknown codes, missing branches and malformed codes', () => {
    const known = new Set(all);
    const base = all.find((c) => !c.includes('-') && !known.has(`${c}-001`))!;
    expect(full.get(`${base}-001`)).toBeUndefined();
    expect(full.get(`${base}-000`)).toBeUndefined();
    expect(full.get('0100109106x')).toBeUndefined();
    expect(full.get('')).toBeUndefined();
  });

  it('uses realistic Vietnamese names, all 63 provinces and several statuses', () => {
    const records = full.sampleTaxCodes(5000).map((c) => full.get(c)!);
    const provinces = new Set(records.map((r) => r.diaChiTruSo.maTinh));
    expect(provinces.size).toBe(63);
    expect(records.some((r) => r.tenTiengViet.startsWith('Công ty TNHH '))).toBe(true);
    expect(records.some((r) => r.tenTiengViet.startsWith('Công ty Cổ phần '))).toBe(true);
    expect(new Set(records.map((r) => r.tinhTrang)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(records.map((r) => r.nganhNgheChinh.maVSIC)).size).toBeGreaterThan(10);
    for (const r of records.slice(0, 200)) {
      expect(r.ngayDangKy).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(r.nguoiDaiDien.hoTen.split(' ').length).toBe(3);
    }
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => createDataset({ seed: 1, size: 0 })).toThrow(RangeError);
  });
});
