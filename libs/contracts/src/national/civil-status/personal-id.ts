// The personal identification number (số định danh cá nhân, printed on the CCCD card): 12 digits.
import { provinceByCode, type Province } from '../provinces';

/** Sex as digit 4 of the number encodes it. */
export type PersonalIdSex = 'male' | 'female';

/** Why a number is invalid. */
export type PersonalIdProblem =
  'empty' | 'whitespace' | 'bad_length' | 'not_digits' | 'unknown_province' | 'bad_sex_century' | 'future_birth_year';

/** A valid number and what it says. */
export interface ValidPersonalId {
  valid: true;
  personalId: string;
  /** Province of birth registration (digits 2-3). */
  province: Province;
  sex: PersonalIdSex;
  /** First year of the birth century: 1900 or 2000. */
  century: 1900 | 2000;
  birthYear: number;
  /** The six random digits. */
  serial: string;
}

/** An invalid number and the reason, in words an LGSP operator can act on. */
export interface InvalidPersonalId {
  valid: false;
  problem: PersonalIdProblem;
  reason: string;
}

/** Result of validatePersonalId. */
export type PersonalIdResult = ValidPersonalId | InvalidPersonalId;

/** Options of validatePersonalId. */
export interface PersonalIdOptions {
  /** Birth years after this one are invalid (default: the current UTC year). */
  currentYear?: number;
}

const invalid = (problem: PersonalIdProblem, reason: string): InvalidPersonalId => ({ valid: false, problem, reason });

/**
 * Checks a number: 12 ASCII digits; digits 1-3 are "0" + a province code of Decision 124/2004;
 * digit 4 is 0/1 (male/female born 1900-1999) or 2/3 (born 2000-2099); digits 5-6 the year in that
 * century, not after the current year; 6 random digits. There is no check digit. Whitespace is
 * reported, not trimmed.
 */
export function validatePersonalId(input: string, options: PersonalIdOptions = {}): PersonalIdResult {
  if (input.length === 0) return invalid('empty', 'personal identification number is empty');
  if (/\s/.test(input)) return invalid('whitespace', 'personal identification number contains whitespace');
  if (input.length !== 12) return invalid('bad_length', `personal identification number must have 12 digits, got ${input.length}`);
  if (!/^[0-9]{12}$/.test(input)) return invalid('not_digits', 'personal identification number must be digits 0-9 only');
  const province = input[0] === '0' ? provinceByCode(input.slice(1, 3)) : undefined;
  if (!province) {
    return invalid('unknown_province', `digits 1-3 (${input.slice(0, 3)}) must be 0 followed by a province code`);
  }
  const sexCentury = input.charCodeAt(3) - 48;
  if (sexCentury > 3) {
    return invalid('bad_sex_century', `digit 4 (${sexCentury}) must be 0-3 (sex and century of birth)`);
  }
  const century = sexCentury < 2 ? 1900 : 2000;
  const birthYear = century + Number(input.slice(4, 6));
  const currentYear = options.currentYear ?? new Date().getUTCFullYear();
  if (birthYear > currentYear) return invalid('future_birth_year', `birth year ${birthYear} is in the future`);
  return {
    valid: true,
    personalId: input,
    province,
    sex: sexCentury % 2 === 0 ? 'male' : 'female',
    century,
    birthYear,
    serial: input.slice(6),
  };
}

/** The parts a number is made of. */
export interface PersonalIdParts {
  provinceCode: string;
  sex: PersonalIdSex;
  /** 1900-2099. */
  birthYear: number;
  /** Six digits. */
  serial: string;
}

/** Builds the number of the given parts; throws RangeError on parts no valid number has. */
export function encodePersonalId(parts: PersonalIdParts): string {
  const { provinceCode, sex, birthYear, serial } = parts;
  if (!provinceByCode(provinceCode)) throw new RangeError(`unknown province code ${JSON.stringify(provinceCode)}`);
  if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > 2099) {
    throw new RangeError(`birth year ${birthYear} is outside 1900-2099`);
  }
  if (!/^[0-9]{6}$/.test(serial)) throw new RangeError(`serial ${JSON.stringify(serial)} must be six digits`);
  const digit = (birthYear >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0);
  return `0${provinceCode}${digit}${String(birthYear % 100).padStart(2, '0')}${serial}`;
}
