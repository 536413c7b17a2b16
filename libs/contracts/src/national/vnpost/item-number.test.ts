import { computeItemCheckDigit, ITEM_NUMBER_WEIGHTS, itemNumber, validateItemNumber } from './item-number';

/** The rule written out independently, to compare against for every remainder. */
function reference(serial: string): number {
  const sum = [...serial].reduce((s, d, i) => s + Number(d) * [8, 6, 4, 2, 3, 5, 9, 7][i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

describe('postal item check digit', () => {
  it('gives EA123456785VN for serial 12345678 (the worked example)', () => {
    expect(computeItemCheckDigit('12345678')).toBe(5);
    expect(itemNumber('EA', '12345678')).toBe('EA123456785VN');
    expect(itemNumber('EA', 12345678)).toBe('EA123456785VN');
  });

  it('uses the weights 8,6,4,2,3,5,9,7', () => {
    expect(ITEM_NUMBER_WEIGHTS).toEqual([8, 6, 4, 2, 3, 5, 9, 7]);
  });

  it('maps remainder 1 (c = 10) to 0 and remainder 0 (c = 11) to 5', () => {
    expect(computeItemCheckDigit('00000008')).toBe(0); // Σ = 8×7 = 56, 56 mod 11 = 1
    expect(computeItemCheckDigit('00000000')).toBe(5); // Σ = 0
    expect(computeItemCheckDigit('10000000')).toBe(3); // Σ = 8, c = 11 − 8
  });

  it('agrees with the rule for every remainder 0..10 and thousands of serials', () => {
    const seenRemainders = new Set<number>();
    for (let n = 0; n < 100_000_000; n += 9_973) {
      const serial = String(n).padStart(8, '0');
      const sum = [...serial].reduce((s, d, i) => s + Number(d) * ITEM_NUMBER_WEIGHTS[i]!, 0);
      seenRemainders.add(sum % 11);
      expect(computeItemCheckDigit(serial)).toBe(reference(serial));
    }
    expect(seenRemainders.size).toBe(11);
  });

  it('refuses a serial that is not exactly 8 ASCII digits', () => {
    for (const bad of ['', '1234567', '123456789', '1234567a', ' 12345678', '１２３４５６７８']) {
      expect(computeItemCheckDigit(bad)).toBeUndefined();
    }
  });

  it('makes item numbers only from 2 capital letters and a serial in range', () => {
    expect(itemNumber('RR', 0)).toBe('RR000000005VN');
    expect(() => itemNumber('ea', 1)).toThrow(RangeError);
    expect(() => itemNumber('E', 1)).toThrow(RangeError);
    expect(() => itemNumber('EA', 100_000_000)).toThrow(RangeError);
    expect(() => itemNumber('EA', -1)).toThrow(RangeError);
    expect(() => itemNumber('EA', 1.5)).toThrow(RangeError);
    expect(() => itemNumber('EA', 1, 'vn')).toThrow(RangeError);
  });
});

describe('validateItemNumber', () => {
  it('accepts a valid number, trimmed and upper-cased', () => {
    expect(validateItemNumber(' ea123456785vn ')).toEqual({
      valid: true,
      itemNumber: 'EA123456785VN',
      prefix: 'EA',
      serial: '12345678',
      country: 'VN',
    });
  });

  it('accepts a valid number of any issuing country, and names the country', () => {
    expect(validateItemNumber('RB473124829SG')).toMatchObject({ valid: true, country: 'SG', serial: '47312482' });
    expect(validateItemNumber('CP908172638DE')).toMatchObject({ valid: true, country: 'DE' });
    expect(itemNumber('RB', 47312482, 'SG')).toBe('RB473124829SG');
  });

  it('checks the check digit whatever the country', () => {
    expect(validateItemNumber('RB473124828SG')).toMatchObject({ valid: false, problem: 'check_digit' });
    expect(validateItemNumber('EA123456784US')).toMatchObject({ valid: false, problem: 'check_digit' });
  });

  it('refuses every wrong check digit of a serial', () => {
    for (let d = 0; d <= 9; d++) {
      const result = validateItemNumber(`EA12345678${d}VN`);
      expect(result.valid).toBe(d === 5);
      if (!result.valid) expect(result.problem).toBe('check_digit');
    }
  });

  it('refuses a swap of two adjacent digits of the serial', () => {
    expect(validateItemNumber('EA213456785VN')).toMatchObject({ valid: false, problem: 'check_digit' });
  });

  it('names the problem: empty, shape', () => {
    expect(validateItemNumber('  ')).toMatchObject({ valid: false, problem: 'empty' });
    for (const bad of ['EA12345678VN', 'E1123456785VN', 'EA1234567855VN', '12123456785VN', 'EA123456785V', 'EA 123456785VN']) {
      expect(validateItemNumber(bad)).toMatchObject({ valid: false, problem: 'shape' });
    }
  });

  it('accepts every number itemNumber makes', () => {
    for (let n = 0; n < 100_000_000; n += 1_234_567) {
      const made = itemNumber('EB', n);
      expect(validateItemNumber(made)).toMatchObject({ valid: true, itemNumber: made });
    }
  });
});
