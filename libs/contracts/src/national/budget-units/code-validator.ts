// Validates the form of a budget-unit code (mã số ĐVQHNS): length, digits, and an allowed prefix.
import { BUDGET_UNIT_CODE_LENGTH as CODE_LENGTH, BUDGET_UNIT_CODE_PREFIXES, type BudgetUnitCodePrefix } from './code-prefixes';

/** Why a code is invalid. */
export type BudgetUnitCodeProblem = 'empty' | 'whitespace' | 'bad_length' | 'not_digits' | 'unknown_prefix';

/** Result of validateBudgetUnitCode: the code, or the problem with a reason an operator can act on. */
export type BudgetUnitCodeResult =
  { valid: true; code: string; prefix: BudgetUnitCodePrefix } | { valid: false; problem: BudgetUnitCodeProblem; reason: string };

const invalid = (problem: BudgetUnitCodeProblem, reason: string): BudgetUnitCodeResult => ({ valid: false, problem, reason });

/**
 * Checks a code: exactly 7 ASCII digits starting with a prefix of `prefixes` (default BUDGET_UNIT_CODE_PREFIXES,
 * which is unverified data). No check digit exists as far as known. Whitespace is reported, not trimmed.
 */
export function validateBudgetUnitCode(
  input: string,
  prefixes: readonly BudgetUnitCodePrefix[] = BUDGET_UNIT_CODE_PREFIXES,
): BudgetUnitCodeResult {
  if (input.length === 0) return invalid('empty', 'budget-unit code is empty');
  if (/\s/.test(input)) return invalid('whitespace', 'budget-unit code contains whitespace');
  if (input.length !== CODE_LENGTH) {
    return invalid('bad_length', `budget-unit code must have ${CODE_LENGTH} characters, got ${input.length}`);
  }
  if (!/^[0-9]+$/.test(input)) return invalid('not_digits', 'budget-unit code must be digits 0-9 only');
  const prefix = prefixes.find((p) => input.startsWith(p.prefix));
  if (!prefix) {
    const allowed = prefixes.map((p) => p.prefix).join(', ');
    return invalid('unknown_prefix', `budget-unit code must start with one of ${allowed}`);
  }
  return { valid: true, code: input, prefix };
}
