// The check digit of a Vietnamese enterprise (tax) code: the one source of the algorithm, for the
// adapter's validation and the simulator's generated codes.

/** Weights applied to digits 1-9 of an enterprise code. */
export const TAX_CODE_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/**
 * Check digit (the 10th digit) for the first nine digits of an enterprise code:
 * 10 − (Σ digit×weight mod 11). Returns undefined when that is 10 (no valid number exists with
 * these nine digits) or when the input is not exactly nine ASCII digits.
 */
export function computeTaxCodeCheckDigit(nineDigits: string): number | undefined {
  if (!/^[0-9]{9}$/.test(nineDigits)) return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (nineDigits.charCodeAt(i) - 48) * TAX_CODE_WEIGHTS[i]!;
  const d = 10 - (sum % 11);
  return d === 10 ? undefined : d;
}
