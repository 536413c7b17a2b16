// The details of synthetic people: names, ethnicity, addresses and ID documents.
import { dayOf, yearOfDay } from './days';
import { encodePersonalId } from '@ndxp/contracts';
import type { Rng } from '@ndxp/simulator-kit';
import { provinceByCode } from '@ndxp/contracts';
import { pickWeighted, provinceLabel } from '@ndxp/simulator-kit';
import { pickProvince } from './skeleton';
import {
  ETHNICITIES,
  FEMALE_GIVEN_NAMES,
  FEMALE_MIDDLE_NAMES,
  MALE_GIVEN_NAMES,
  MALE_MIDDLE_NAMES,
  PLACE_NAMES,
  STREETS,
  SURNAMES,
} from './vocabulary';

/** A full name: surname, middle name, given name by sex. */
export function fullName(rng: Rng, female: boolean, surname: string = rng.pick(SURNAMES)): string {
  const middle = rng.pick(female ? FEMALE_MIDDLE_NAMES : MALE_MIDDLE_NAMES);
  return `${surname} ${middle} ${rng.pick(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES)}`;
}

/** An ethnicity, Kinh most often. */
export function ethnicity(rng: Rng): string {
  return pickWeighted(rng, ETHNICITIES).name;
}

function provinceText(code: string): string {
  return provinceLabel(provinceByCode(code)!);
}

/** A residence address in a province ("Số 12 đường Lê Lợi, Phường Tân Phú, Quận Cầu Giấy, Thành phố Hà Nội"). */
export function address(rng: Rng, provinceCode: string): string {
  const city = provinceByCode(provinceCode)!.city;
  const urban = city || rng.chance(0.4);
  const commune = urban ? `Phường ${rng.pick(PLACE_NAMES)}` : `Xã ${rng.pick(PLACE_NAMES)}`;
  const district = city ? `Quận ${rng.pick(PLACE_NAMES)}` : urban ? `Thành phố ${rng.pick(PLACE_NAMES)}` : `Huyện ${rng.pick(PLACE_NAMES)}`;
  const street = urban ? `Số ${rng.int(1, 299)} đường ${rng.pick(STREETS)}, ` : `Thôn ${rng.int(1, 12)}, `;
  return `${street}${commune}, ${district}, ${provinceText(provinceCode)}`;
}

/** A place of birth: a hospital or a commune health station of the province. */
export function placeOfBirth(rng: Rng, provinceCode: string): string {
  const p = provinceByCode(provinceCode)!;
  const r = rng.next();
  if (r < 0.5) return `Bệnh viện Đa khoa ${p.city ? 'Thành phố' : 'tỉnh'} ${p.name}, ${provinceLabel(p)}`;
  if (r < 0.8) return `Trạm y tế Xã ${rng.pick(PLACE_NAMES)}, Huyện ${rng.pick(PLACE_NAMES)}, ${provinceLabel(p)}`;
  return `Bệnh viện Phụ sản ${p.name}, ${provinceLabel(p)}`;
}

/** A home town (quê quán): commune, district and province. */
export function homeTown(rng: Rng, provinceCode: string): string {
  return `Xã ${rng.pick(PLACE_NAMES)}, Huyện ${rng.pick(PLACE_NAMES)}, ${provinceText(provinceCode)}`;
}

/** A valid personal identification number for someone born on `birthDay` (year 1900-2099). */
export function randomPersonalId(rng: Rng, female: boolean, birthDay: number): string {
  return encodePersonalId({
    provinceCode: pickProvince(rng).code,
    sex: female ? 'female' : 'male',
    birthYear: yearOfDay(birthDay),
    serial: String(rng.int(0, 999_999)).padStart(6, '0'),
  });
}

/** An ID document: type (CCCD, CMND, Hộ chiếu) and number. */
export interface IdDocument {
  type: string;
  number: string;
  /** The personal identification number when the person has one in the data, else "". */
  personalId: string;
}

/**
 * The ID document someone shows at a registration on `onDay`: a CCCD (a valid personal
 * identification number for their birth year and sex) from 2016, else mostly the 9-digit CMND.
 */
export function idDocument(rng: Rng, female: boolean, birthDay: number, onDay: number): IdDocument {
  const birthYear = yearOfDay(birthDay);
  const r = rng.next();
  if (r < 0.03) return { type: 'Hộ chiếu', number: `C${rng.int(1_000_000, 9_999_999)}`, personalId: '' };
  if (birthYear >= 1900 && onDay >= dayOf(2016, 1, 1) && r < 0.8) {
    const personalId = randomPersonalId(rng, female, birthDay);
    return { type: 'CCCD', number: personalId, personalId };
  }
  return { type: 'CMND', number: String(rng.int(10_000_000, 389_999_999)).padStart(9, '0'), personalId: '' };
}

/** A birth day some years before `day` (within that year, at random). */
export function birthDayYearsBefore(rng: Rng, day: number, minYears: number, maxYears: number): number {
  const year = yearOfDay(day) - rng.int(minYears, maxYears);
  return rng.int(dayOf(year, 1, 1), dayOf(year, 12, 31));
}
