import { computeTaxCodeCheckDigit } from '@ndxp/contracts';
import { createDataset } from '@ndxp/simulator-business-registration';
import { validateTaxCode } from './tax-code';

const problem = (s: string): string | undefined => {
  const r = validateTaxCode(s);
  return r.valid ? undefined : r.problem;
};

describe('validateTaxCode', () => {
  it('accepts Viettel 0100109106', () => {
    expect(validateTaxCode('0100109106')).toEqual({
      valid: true,
      taxCode: '0100109106',
      enterpriseCode: '0100109106',
      branch: undefined,
    });
  });

  it('accepts every code of a generated dataset', () => {
    const dataset = createDataset({ seed: 'tax-code-test', size: 2000 });
    const rejected = dataset.sampleTaxCodes(dataset.count).filter((c) => !validateTaxCode(c).valid);
    expect(rejected).toEqual([]);
  });

  it('detects every single-digit change of the check digit', () => {
    for (let d = 0; d <= 9; d++) {
      if (d === 6) continue;
      expect(problem(`010010910${d}`)).toBe('wrong_check_digit');
    }
  });

  it('detects every single-digit change of digits 1-9 (weights are distinct and non-zero mod 11)', () => {
    // Changing digit i by δ (1..9) changes Σ by δ·w_i; w_i mod 11 is never 0 and 11 is prime, so Σ mod 11
    // always changes: the old check digit no longer fits (or no valid digit exists). Exhaustive over
    // several valid codes:
    const valid = ['0100109106', ...createDataset({ seed: 'mutations', size: 50 }).sampleTaxCodes(50)].filter((c) => c.length === 10);
    let mutations = 0;
    for (const code of valid) {
      for (let i = 0; i < 9; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === code[i]) continue;
          const mutated = code.slice(0, i) + String(d) + code.slice(i + 1);
          expect(validateTaxCode(mutated).valid).toBe(false);
          mutations++;
        }
      }
    }
    expect(mutations).toBe(valid.length * 81);
  });

  it('reports nine digits for which no check digit exists', () => {
    // Σ mod 11 = 0 → 10 − 0 = 10, not a digit.
    expect(computeTaxCodeCheckDigit('000000000')).toBeUndefined();
    for (let d = 0; d <= 9; d++) expect(problem(`000000000${d}`)).toBe('no_valid_check_digit');
  });

  it('accepts branch suffixes 001 to 999', () => {
    expect(validateTaxCode('0100109106-001')).toMatchObject({ valid: true, enterpriseCode: '0100109106', branch: 1 });
    expect(validateTaxCode('0100109106-042')).toMatchObject({ valid: true, branch: 42 });
    expect(validateTaxCode('0100109106-999')).toMatchObject({ valid: true, branch: 999 });
  });

  it('rejects suffix 000, short, long, non-digit and empty suffixes', () => {
    for (const s of ['-000', '-01', '-0001', '-1a1', '-', '-00１', '--001']) {
      expect([s, problem(`0100109106${s}`)]).toEqual([s, 'bad_branch_suffix']);
    }
  });

  it('checks the check digit of a branch code too', () => {
    expect(problem('0100109107-001')).toBe('wrong_check_digit');
  });

  it('rejects wrong lengths', () => {
    for (const s of ['1', '010010910', '01001091060', '0100109106123', '010010910-001']) {
      expect([s, problem(s)]).toEqual([s, 'bad_length']);
    }
  });

  it('rejects letters, signs and non-ASCII digits', () => {
    for (const s of ['010010910A', 'O100109106', '+100109106', '01001091.6', '０１００１０９１０６'.slice(0, 10)]) {
      expect([s, problem(s)]).toEqual([s, 'not_digits']);
    }
  });

  it('rejects whitespace anywhere, without trimming', () => {
    for (const s of [' 0100109106', '0100109106 ', '01001 09106', '0100109106\n', '\t0100109106', '0100109106 -001']) {
      expect(problem(s)).toBe('whitespace');
    }
  });

  it('rejects an empty code', () => {
    expect(validateTaxCode('')).toEqual({ valid: false, problem: 'empty', reason: 'tax code is empty' });
  });
});
