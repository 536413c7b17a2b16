import { createDataset, normalizeRegisterField } from './dataset';
import { validatePersonalId, type EventCode } from '@ndxp/contracts';
import type { NationalBirthRecord, NationalRecord } from './record';

const DATE = /^\d{2}\/\d{2}\/\d{4}$/;
const dmy = (s: string): number => {
  const [d, m, y] = s.split('/').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
/** The subject's personal identification number and birth date fields of any record. */
const subjectOf = (r: NationalRecord): { id: string; born: string } =>
  r.loaiSuKien === 'KS'
    ? { id: r.nksSoDinhDanh, born: r.nksNgaySinh }
    : r.loaiSuKien === 'KT'
      ? { id: r.nktSoDinhDanh, born: r.nktNgaySinh }
      : r.loaiSuKien === 'KH'
        ? { id: r.chongSoDinhDanh, born: r.chongNgaySinh }
        : { id: r.nxnSoDinhDanh, born: r.nxnNgaySinh };

describe('createDataset', () => {
  const full = createDataset({ seed: 'ndxp-2021', size: 50_000 });
  const ids = full.samplePersonalIds(full.counts.KS);

  it('holds 50,000 people with a birth record and a fraction with death, marriage and confirmation', () => {
    expect(full.counts.KS).toBe(50_000);
    expect(new Set(ids).size).toBe(50_000);
    expect(full.counts.KT).toBeGreaterThan(1000);
    expect(full.counts.KH).toBeGreaterThan(5000);
    expect(full.counts.XNTTHN).toBeGreaterThan(1000);
    for (const e of ['KT', 'KH', 'XNTTHN'] as const) expect(full.counts[e]).toBeLessThan(50_000);
  });

  it('gives every person a valid personal ID whose province, sex and century match the birth record', () => {
    const bad: string[] = [];
    for (const id of ids) {
      const v = validatePersonalId(id, { currentYear: 2021 });
      const r = full.find('KS', { personalId: id }) as NationalBirthRecord | undefined;
      const ok =
        v.valid &&
        r !== undefined &&
        r.nksSoDinhDanh === id &&
        r.nksNgaySinh.endsWith(`/${v.birthYear}`) &&
        r.nksGioiTinh === (v.sex === 'male' ? '1' : '2') &&
        r.noiDangKy.endsWith(v.province.name);
      if (!ok) bad.push(id);
    }
    expect(bad).toEqual([]);
  });

  it('finds each record of a sample by the personal ID and by its register entry, with consistent fields', () => {
    for (const event of ['KS', 'KT', 'KH', 'XNTTHN'] as const) {
      const keys = full.sampleRegisterKeys(200, event);
      const people = full.samplePersonalIds(200, event);
      expect(keys).toHaveLength(200);
      for (let k = 0; k < 200; k++) {
        const byId = full.find(event, { personalId: people[k]! })!;
        expect(byId.loaiSuKien).toBe(event);
        const wife = byId.loaiSuKien === 'KH' ? byId.voSoDinhDanh : undefined;
        expect([subjectOf(byId).id, wife]).toContain(people[k]);
        const byRegister = full.find(event, keys[k]!)!;
        expect({ so: byRegister.so, quyenSo: byRegister.quyenSo, noiDangKy: byRegister.noiDangKy }).toEqual(keys[k]);
        for (const d of [byRegister.ngayDangKy, subjectOf(byRegister).born]) expect(d).toMatch(DATE);
        expect(dmy(byRegister.ngayDangKy)).toBeGreaterThanOrEqual(dmy(subjectOf(byRegister).born));
        expect(['1', '2', '3', '4']).toContain(byRegister.loaiDangKy);
        expect(validatePersonalId(subjectOf(byRegister).id).valid).toBe(true);
      }
    }
  });

  it('keeps a person the same across their records and dates in order', () => {
    for (const id of full.samplePersonalIds(300, 'KT')) {
      const birth = full.find('KS', { personalId: id }) as NationalBirthRecord;
      const death = full.find('KT', { personalId: id });
      if (death?.loaiSuKien !== 'KT') throw new Error('no death record');
      expect([death.nktHoTen, death.nktNgaySinh, death.nktDanToc]).toEqual([birth.nksHoTen, birth.nksNgaySinh, birth.nksDanToc]);
      expect(dmy(death.ngayChet)).toBeGreaterThan(dmy(birth.nksNgaySinh));
      expect(dmy(death.ngayDangKy)).toBeGreaterThanOrEqual(dmy(death.ngayChet));
    }
  });

  it('gives each marriage a husband and a wife with valid personal IDs, the subject being one of them', () => {
    for (const id of full.samplePersonalIds(300, 'KH')) {
      const m = full.find('KH', { personalId: id });
      if (m?.loaiSuKien !== 'KH') throw new Error('no marriage record');
      expect([m.chongSoDinhDanh, m.voSoDinhDanh]).toContain(id);
      expect(validatePersonalId(m.chongSoDinhDanh)).toMatchObject({ valid: true, sex: 'male' });
      expect(validatePersonalId(m.voSoDinhDanh)).toMatchObject({ valid: true, sex: 'female' });
    }
  });

  it('gives the same records for the same seed and different ones for another seed', () => {
    const again = createDataset({ seed: 'ndxp-2021', size: 50_000 });
    const other = createDataset({ seed: 'other', size: 50_000 });
    for (const event of ['KS', 'KT', 'KH', 'XNTTHN'] as const) {
      const sample = full.samplePersonalIds(50, event);
      expect(again.samplePersonalIds(50, event)).toEqual(sample);
      expect(again.sampleRegisterKeys(50, event)).toEqual(full.sampleRegisterKeys(50, event));
      for (const id of sample) expect(again.find(event, { personalId: id })).toEqual(full.find(event, { personalId: id }));
    }
    expect(other.samplePersonalIds(50)).not.toEqual(full.samplePersonalIds(50));
  });

  it('uses Vietnamese names with diacritics, many ethnicities and all 63 provinces', () => {
    const births = full.samplePersonalIds(5000).map((id) => full.find('KS', { personalId: id }) as NationalBirthRecord);
    expect(new Set(births.map((r) => r.nksSoDinhDanh.slice(1, 3))).size).toBe(63);
    const ethnicities = new Set(births.map((r) => r.nksDanToc));
    for (const e of ['Kinh', 'Tày', 'Thái', 'Mường', 'Khmer', "H'Mông"]) expect(ethnicities).toContain(e);
    expect(births.filter((r) => /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹ]/i.test(r.nksHoTen)).length).toBeGreaterThan(2500);
    expect(new Set(births.map((r) => r.loaiDangKy))).toEqual(new Set(['1', '2', '3', '4']));
  });

  it('answers undefined for unknown IDs, events a person does not have and register entries that do not match', () => {
    const noDeath = ids.find((id) => full.find('KT', { personalId: id }) === undefined)!;
    expect(full.find('KT', { personalId: noDeath })).toBeUndefined();
    expect(full.find('KS', { personalId: '001090000000' })).toBeUndefined();
    const key = full.sampleRegisterKeys(1, 'KS')[0]!;
    expect(full.find('KS', { ...key, quyenSo: '99/1900' })).toBeUndefined();
    expect(full.find('KS', { ...key, noiDangKy: 'Ủy ban nhân dân Xã Không Có' })).toBeUndefined();
    expect(full.find('KS', { ...key, so: '0' })).toBeUndefined();
  });

  it('matches the register office without regard to case, spacing or Unicode normalisation', () => {
    const key = full.sampleRegisterKeys(1, 'KH')[0]!;
    const loose = { ...key, noiDangKy: `  ${key.noiDangKy.toUpperCase().normalize('NFD').replace(/ /g, '   ')} ` };
    expect(full.find('KH', loose)?.so).toBe(key.so);
    expect(normalizeRegisterField(' A  b ')).toBe('a b');
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => createDataset({ seed: 1, size: 0 })).toThrow(RangeError);
    expect(() => createDataset({ seed: 1, size: 1.5 })).toThrow(RangeError);
  });

  it('samples nothing for an event no one has', () => {
    const tiny = createDataset({ seed: 'tiny', size: 1 });
    const none = (['KT', 'KH', 'XNTTHN'] as EventCode[]).filter((e) => tiny.counts[e] === 0);
    for (const e of none) expect(tiny.samplePersonalIds(3, e)).toEqual([]);
  });
});
