// Postal item numbers (S10 format): 2 letters, 8-digit serial, check digit, "VN". The one source of
// the algorithm; the adapter validates with it too.

/** Weights applied to the 8 serial digits. */
export const ITEM_NUMBER_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** Country suffix of every item number VNPost issues. */
export const ITEM_NUMBER_COUNTRY = 'VN';

const SERIAL = /^[0-9]{8}$/;
const PREFIX = /^[A-Z]{2}$/;
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
 * Makes an item number from a 2-letter prefix and a serial (a number 0..99,999,999 or 8 digits):
 * itemNumber('EA', 12345678) = 'EA123456785VN'. Throws RangeError on a bad prefix or serial.
 */
export function itemNumber(prefix: string, serial: number | string): string {
  if (!PREFIX.test(prefix)) throw new RangeError(`item number prefix must be 2 capital letters, got ${JSON.stringify(prefix)}`);
  const digits = typeof serial === 'number' ? (Number.isSafeInteger(serial) && serial >= 0 ? String(serial).padStart(8, '0') : '') : serial;
  const check = computeItemCheckDigit(digits);
  if (check === undefined) throw new RangeError(`item number serial must be 8 digits, got ${JSON.stringify(serial)}`);
  return `${prefix}${digits}${check}${ITEM_NUMBER_COUNTRY}`;
}

/** Why a text is not a valid item number. */
export type ItemNumberProblem = 'empty' | 'shape' | 'country' | 'check_digit';

/** The outcome of validating an item number. */
export type ItemNumberResult =
  { valid: true; itemNumber: string; prefix: string; serial: string } | { valid: false; problem: ItemNumberProblem; reason: string };

/**
 * Validates an item number: trims it and upper-cases it (item numbers are printed in capitals, and
 * officers type them by hand), then checks the shape, the "VN" suffix and the check digit.
 */
export function validateItemNumber(text: string): ItemNumberResult {
  const s = text.trim().toUpperCase();
  if (s === '') return { valid: false, problem: 'empty', reason: 'item number is empty' };
  const m = SHAPE.exec(s);
  if (!m) {
    return { valid: false, problem: 'shape', reason: 'item number must be 2 letters, 8 digits, a check digit and VN (e.g. EA123456785VN)' };
  }
  const [, prefix, serial, check, country] = m as unknown as [string, string, string, string, string];
  if (country !== ITEM_NUMBER_COUNTRY) {
    return { valid: false, problem: 'country', reason: `item number must end in ${ITEM_NUMBER_COUNTRY}, got ${country}` };
  }
  if (computeItemCheckDigit(serial) !== Number(check)) {
    return { valid: false, problem: 'check_digit', reason: 'item number check digit does not match its serial' };
  }
  return { valid: true, itemNumber: s, prefix, serial };
}
