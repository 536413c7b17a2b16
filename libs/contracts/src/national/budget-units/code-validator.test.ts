import { BUDGET_UNIT_CODE_PREFIXES, type BudgetUnitCodePrefix } from './code-prefixes';
import { validateBudgetUnitCode } from './code-validator';

const problem = (s: string, prefixes?: readonly BudgetUnitCodePrefix[]): string | undefined => {
  const r = validateBudgetUnitCode(s, prefixes);
  return r.valid ? undefined : r.problem;
};

describe('validateBudgetUnitCode', () => {
  it('accepts seven digits starting with an allowed prefix and names the prefix', () => {
    expect(validateBudgetUnitCode('1012345')).toMatchObject({ valid: true, code: '1012345', prefix: { prefix: '1', kinds: ['01'] } });
    expect(validateBudgetUnitCode('7000001')).toMatchObject({ valid: true, prefix: { prefix: '7' } });
    expect(validateBudgetUnitCode('8999999')).toMatchObject({ valid: true, prefix: { prefix: '8' } });
  });

  it('rejects an empty code', () => {
    expect(validateBudgetUnitCode('')).toEqual({ valid: false, problem: 'empty', reason: 'budget-unit code is empty' });
  });

  it('rejects whitespace anywhere, without trimming', () => {
    for (const s of [' 1012345', '1012345 ', '101 2345', '1012345\n', '\t101234']) expect([s, problem(s)]).toEqual([s, 'whitespace']);
  });

  it('rejects any length other than 7', () => {
    for (const s of ['1', '101234', '10123456', '1012345678']) expect([s, problem(s)]).toEqual([s, 'bad_length']);
  });

  it('rejects letters, signs and non-ASCII digits', () => {
    for (const s of ['101234A', 'I012345', '+101234', '1.12345', '１０１２３４５']) expect([s, problem(s)]).toEqual([s, 'not_digits']);
  });

  it('rejects a first digit that the prefix table does not allow, with the allowed ones in the reason', () => {
    for (const d of ['0', '2', '3', '4', '5', '6', '9']) expect(problem(`${d}012345`)).toBe('unknown_prefix');
    const r = validateBudgetUnitCode('2012345');
    expect(r.valid ? '' : r.reason).toMatch(/1, 7, 8/);
  });

  it('takes its prefixes from data: another table changes the outcome without code changes', () => {
    const table: BudgetUnitCodePrefix[] = [{ prefix: '2', kinds: ['01'], note: 'test' }];
    expect(problem('2012345', table)).toBeUndefined();
    expect(problem('1012345', table)).toBe('unknown_prefix');
    expect(BUDGET_UNIT_CODE_PREFIXES.map((p) => p.prefix)).toEqual(['1', '7', '8']);
  });
});
