import { computeTaxCodeCheckDigit } from './tax-code-check-digit';
import { validateTaxCode } from './tax-code';

const problem = (s: string): string | undefined => {
  const r = validateTaxCode(s);
  return r.valid ? undefined : r.problem;
};

/** Valid codes spread over the number space: nine digits stepped through it, each with its check digit where one exists. */
const VALID_CODES = Array.from({ length: 200 }, (_, i) =>
  String(100_000_007 + i * 4_999_963)
    .padStart(9, '0')
    .slice(-9),
).flatMap((nine) => {
  const check = computeTaxCodeCheckDigit(nine);
  return check === undefined ? [] : [`${nine}${check}`];
});

describe('validateTaxCode', () => {
  it('accepts Viettel 0100109106', () => {
    expect(validateTaxCode('0100109106')).toEqual({
      valid: true,
      taxCode: '0100109106',
      enterpriseCode: '0100109106',
      branch: undefined,
    });
  });

  it('accepts every code whose 10th digit is the check digit of the nine before it', () => {
    expect(VALID_CODES.length).toBeGreaterThan(150);
    expect(VALID_CODES.filter((c) => !validateTaxCode(c).valid)).toEqual([]);
  });

  it.each([0, 1, 2, 3, 4, 5, 7, 8, 9])('detects check digit %i in place of 6', (d) => {
    expect(problem(`010010910${d}`)).toBe('wrong_check_digit');
  });

  it('detects every single-digit change of digits 1-9 (weights are distinct and non-zero mod 11)', () => {
    // Changing digit i by δ (1..9) changes Σ by δ·w_i; w_i mod 11 is never 0 and 11 is prime, so Σ mod 11
    // always changes: the old check digit no longer fits (or no valid digit exists). Exhaustive over
    // several valid codes:
    const valid = ['0100109106', ...VALID_CODES.slice(0, 50)];
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

  it.each([
    ['0100109106-001', 1],
    ['0100109106-042', 42],
    ['0100109106-999', 999],
  ])('accepts the branch code %s as branch %i', (code, branch) => {
    expect(validateTaxCode(code)).toMatchObject({ valid: true, enterpriseCode: '0100109106', branch });
  });

  it.each([
    // suffix 000, short, long, non-digit and empty suffixes
    ...['-000', '-01', '-0001', '-1a1', '-', '-00１', '--001'].map((s) => [`0100109106${s}`, 'bad_branch_suffix']),
    ['0100109107-001', 'wrong_check_digit'],
    ...['1', '010010910', '01001091060', '0100109106123', '010010910-001'].map((s) => [s, 'bad_length']),
    // letters, signs and non-ASCII digits
    ...['010010910A', 'O100109106', '+100109106', '01001091.6', '０１００１０９１０６'.slice(0, 10)].map((s) => [s, 'not_digits']),
    // whitespace anywhere, without trimming
    ...[' 0100109106', '0100109106 ', '01001 09106', '0100109106\n', '\t0100109106', '0100109106 -001'].map((s) => [s, 'whitespace']),
  ])('rejects %j as %s', (code, expected) => {
    expect(problem(code)).toBe(expected);
  });

  it('rejects an empty code', () => {
    expect(validateTaxCode('')).toEqual({ valid: false, problem: 'empty', reason: 'tax code is empty' });
  });
});
