import { computeTaxCodeCheckDigit } from './tax-code-check-digit';

describe('computeTaxCodeCheckDigit', () => {
  it('gives 6 for Viettel 010010910', () => {
    expect(computeTaxCodeCheckDigit('010010910')).toBe(6);
  });

  it('gives undefined when 10 − (Σ mod 11) is 10, i.e. Σ mod 11 is 0', () => {
    // 000000000 sums to 0: no valid check digit exists.
    expect(computeTaxCodeCheckDigit('000000000')).toBeUndefined();
  });

  it('rejects inputs that are not nine ASCII digits', () => {
    for (const bad of ['', '12345678', '1234567890', '12345678a', '１２３４５６７８９', ' 12345678']) {
      expect(computeTaxCodeCheckDigit(bad)).toBeUndefined();
    }
  });

  it('never uses the wrong (11 − r) mod 11 formula', () => {
    // For Viettel's first nine digits the two formulas disagree: only 10 − (Σ mod 11) gives 6.
    const nine = '010010910';
    const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    const sum = [...nine].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
    expect((11 - (sum % 11)) % 11).not.toBe(computeTaxCodeCheckDigit(nine));
  });
});
