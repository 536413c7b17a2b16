// Postal item numbers in the international UPU S10 format: 2 letters (service indicator), 8-digit
// serial, check digit, the 2-letter ISO country code of the issuing post. The one source of the rule,
// for the adapter's validation and the simulator's numbers.

/** Weights applied to the 8 serial digits. */
export const ITEM_NUMBER_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** Country code of every item number Vietnam Post issues. */
export const ITEM_NUMBER_COUNTRY = 'VN';

const SERIAL = /^[0-9]{8}$/;
const LETTERS = /^[A-Z]{2}$/;
const SHAPE = /^([A-Z]{2})([0-9]{8})([0-9])([A-Z]{2})$/;

/**
 * Check digit of an 8-digit serial: c = 11 − (Σ digit×weight mod 11), where 10 becomes 0 and 11
 * becomes 5. Undefined when the input is not exactly eight ASCII digits.
 */
export function computeItemCheckDigit(serial: string): number | undefined {
  if (!SERIAL.test(serial)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (serial.charCodeAt(i) - 48) * ITEM_NUMBER_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/**
 * Makes an item number from a 2-letter prefix and a serial (a number 0..99,999,999 or 8 digits),
 * issued by `country` (default VN): itemNumber('EA', 12345678) = 'EA123456785VN'. Throws RangeError
 * on a bad prefix, serial or country.
 */
export function itemNumber(prefix: string, serial: number | string, country: string = ITEM_NUMBER_COUNTRY): string {
  if (!LETTERS.test(prefix)) throw new RangeError(`item number prefix must be 2 capital letters, got ${JSON.stringify(prefix)}`);
  if (!LETTERS.test(country)) throw new RangeError(`item number country must be 2 capital letters, got ${JSON.stringify(country)}`);
  const digits = typeof serial === 'number' ? (Number.isSafeInteger(serial) && serial >= 0 ? String(serial).padStart(8, '0') : '') : serial;
  const check = computeItemCheckDigit(digits);
  if (check === undefined) throw new RangeError(`item number serial must be 8 digits, got ${JSON.stringify(serial)}`);
  return `${prefix}${digits}${check}${country}`;
}

/** Why a text is not a valid item number. */
export type ItemNumberProblem = 'empty' | 'shape' | 'check_digit';

/** The outcome of validating an item number; a valid one names the post that issued it. */
export type ItemNumberResult =
  | { valid: true; itemNumber: string; prefix: string; serial: string; country: string }
  | { valid: false; problem: ItemNumberProblem; reason: string };

/**
 * Validates an S10 item number of any country: trims it and upper-cases it (item numbers are printed
 * in capitals, and officers type them by hand), then checks the shape and the check digit. Whether
 * Vietnam Post holds the item is not a question of form: a valid foreign number is valid here.
 */
export function validateItemNumber(text: string): ItemNumberResult {
  const s = text.trim().toUpperCase();
  if (s === '') return { valid: false, problem: 'empty', reason: 'item number is empty' };
  const m = SHAPE.exec(s);
  if (!m) {
    return {
      valid: false,
      problem: 'shape',
      reason: 'item number must be 2 letters, 8 digits, a check digit and a 2-letter country code (e.g. EA123456785VN)',
    };
  }
  const [, prefix, serial, check, country] = m as unknown as [string, string, string, string, string];
  if (computeItemCheckDigit(serial) !== Number(check)) {
    return { valid: false, problem: 'check_digit', reason: 'item number check digit does not match its serial' };
  }
  return { valid: true, itemNumber: s, prefix, serial, country };
}
