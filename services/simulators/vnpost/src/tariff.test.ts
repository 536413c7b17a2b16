import { COD_MIN_VND, distanceClass, quote, TARIFF } from './tariff';
import { PROVINCES } from './provinces';

const base = { weightGrams: 500, kind: 1 as const, codVnd: 0 };

describe('distance class', () => {
  it('is noi-tinh within one province, lan-can within or between neighbouring regions, xa North to South', () => {
    expect(distanceClass('01', '01')).toBe('noi-tinh');
    expect(distanceClass('01', '31')).toBe('lan-can'); // Hà Nội → Hải Phòng, both North
    expect(distanceClass('01', '48')).toBe('lan-can'); // Hà Nội → Đà Nẵng, North → Centre
    expect(distanceClass('48', '79')).toBe('lan-can'); // Đà Nẵng → TP HCM, Centre → South
    expect(distanceClass('01', '79')).toBe('xa');
    expect(distanceClass('96', '02')).toBe('xa');
  });

  it('is symmetric for every pair of provinces', () => {
    const codes = [...PROVINCES.keys()];
    for (const a of codes) for (const b of codes) expect(distanceClass(a, b)).toBe(distanceClass(b, a));
  });

  it('refuses an unknown province code', () => {
    expect(() => distanceClass('03', '01')).toThrow(/03/);
    expect(() => distanceClass('01', '99')).toThrow(/99/);
  });

  it('knows the 63 provinces in three regions', () => {
    expect(PROVINCES.size).toBe(63);
    expect(PROVINCES.get('38')?.region).toBe('trung');
    expect(PROVINCES.get('68')?.region).toBe('trung');
    expect(PROVINCES.get('70')?.region).toBe('nam');
    expect(PROVINCES.get('37')?.region).toBe('bac');
  });
});

describe('quote', () => {
  it('charges the base price for the first 500 g and one step per further 500 g or part', () => {
    const t = TARIFF['lan-can'];
    expect(quote({ ...base, fromProvince: '01', toProvince: '31', weightGrams: 1 }).postageVnd).toBe(t.baseVnd);
    expect(quote({ ...base, fromProvince: '01', toProvince: '31', weightGrams: 500 }).postageVnd).toBe(t.baseVnd);
    expect(quote({ ...base, fromProvince: '01', toProvince: '31', weightGrams: 501 }).postageVnd).toBe(t.baseVnd + t.stepVnd);
    expect(quote({ ...base, fromProvince: '01', toProvince: '31', weightGrams: 1500 }).postageVnd).toBe(t.baseVnd + 2 * t.stepVnd);
  });

  it('costs more and takes longer with distance', () => {
    const near = quote({ ...base, fromProvince: '01', toProvince: '01' });
    const mid = quote({ ...base, fromProvince: '01', toProvince: '48' });
    const far = quote({ ...base, fromProvince: '01', toProvince: '79' });
    expect(near).toEqual({ distance: 'noi-tinh', postageVnd: 16_500, codFeeVnd: 0, days: 1 });
    expect(mid.postageVnd).toBeGreaterThan(near.postageVnd);
    expect(far.postageVnd).toBeGreaterThan(mid.postageVnd);
    expect(far.days).toBeGreaterThan(mid.days);
  });

  it('charges two trips for a pickup-and-return order', () => {
    const one = quote({ ...base, fromProvince: '01', toProvince: '79', weightGrams: 2000 });
    const both = quote({ ...base, fromProvince: '01', toProvince: '79', weightGrams: 2000, kind: 3 });
    expect(both.postageVnd).toBe(2 * one.postageVnd);
  });

  it('charges 1% cash-on-delivery fee with a minimum, and none without an amount', () => {
    expect(quote({ ...base, fromProvince: '01', toProvince: '01', codVnd: 0 }).codFeeVnd).toBe(0);
    expect(quote({ ...base, fromProvince: '01', toProvince: '01', codVnd: 50_000 }).codFeeVnd).toBe(COD_MIN_VND);
    expect(quote({ ...base, fromProvince: '01', toProvince: '01', codVnd: 2_500_000 }).codFeeVnd).toBe(25_000);
  });

  it('gives the same quote for the same input', () => {
    const input = { fromProvince: '46', toProvince: '92', weightGrams: 2750, kind: 2 as const, codVnd: 123_456 };
    expect(quote(input)).toEqual(quote({ ...input }));
  });

  it('refuses a weight outside 1..30000 g', () => {
    expect(() => quote({ ...base, fromProvince: '01', toProvince: '01', weightGrams: 0 })).toThrow(RangeError);
    expect(() => quote({ ...base, fromProvince: '01', toProvince: '01', weightGrams: 30_001 })).toThrow(RangeError);
  });
});
