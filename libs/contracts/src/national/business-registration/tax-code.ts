// Validates an enterprise code (mã số doanh nghiệp = tax code), with an optional branch suffix.
import { computeTaxCodeCheckDigit } from './tax-code-check-digit';

/** Why a code is invalid. */
export type TaxCodeProblem =
  'empty' | 'whitespace' | 'bad_length' | 'not_digits' | 'no_valid_check_digit' | 'wrong_check_digit' | 'bad_branch_suffix';

/** A valid code, split into its parts. */
export interface ValidTaxCode {
  valid: true;
  /** The code as given (10 digits, or 10 digits + "-NNN"). */
  taxCode: string;
  /** The enterprise's 10-digit code. */
  enterpriseCode: string;
  /** Branch number 1..999 for a dependent unit, undefined for the enterprise itself. */
  branch: number | undefined;
}

/** An invalid code and the reason, in words an LGSP operator can act on. */
export interface InvalidTaxCode {
  valid: false;
  problem: TaxCodeProblem;
  reason: string;
}

/** Result of validateTaxCode. */
export type TaxCodeResult = ValidTaxCode | InvalidTaxCode;

const invalid = (problem: TaxCodeProblem, reason: string): InvalidTaxCode => ({ valid: false, problem, reason });

/**
 * Checks the form of a code: exactly 10 ASCII digits whose 10th is 10 − (Σ d_i·w_i mod 11) with
 * weights 31,29,23,19,17,13,7,5,3, optionally followed by "-NNN" with NNN in 001..999. Whitespace is
 * not trimmed: a code with spaces is reported, not silently repaired.
 */
export function validateTaxCode(input: string): TaxCodeResult {
  if (input.length === 0) return invalid('empty', 'tax code is empty');
  if (/\s/.test(input)) return invalid('whitespace', 'tax code contains whitespace');
  const dash = input.indexOf('-');
  const main = dash < 0 ? input : input.slice(0, dash);
  const suffix = dash < 0 ? undefined : input.slice(dash + 1);
  if (main.length !== 10) return invalid('bad_length', `tax code must have 10 digits before any branch suffix, got ${main.length}`);
  if (!/^[0-9]{10}$/.test(main)) return invalid('not_digits', 'tax code must be digits 0-9 only');
  const check = computeTaxCodeCheckDigit(main.slice(0, 9));
  if (check === undefined) return invalid('no_valid_check_digit', 'no valid tax code begins with these nine digits');
  if (check !== main.charCodeAt(9) - 48) return invalid('wrong_check_digit', 'check digit (10th digit) is wrong');
  let branch: number | undefined;
  if (suffix !== undefined) {
    if (!/^[0-9]{3}$/.test(suffix) || suffix === '000') {
      return invalid('bad_branch_suffix', 'branch suffix must be -001 to -999');
    }
    branch = Number(suffix);
  }
  return { valid: true, taxCode: input, enterpriseCode: main, branch };
}
