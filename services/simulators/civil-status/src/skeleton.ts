// The index pass of a dataset: who each person is and which events they have, without the details.
import { dayOf, yearOfDay, yearsToDays } from './days';
import { OFFICES_PER_PROVINCE, officeName } from './offices';
import { encodePersonalId } from '@ndxp/contracts';
import type { Rng } from '@ndxp/simulator-kit';
import { PROVINCES, type Province } from '@ndxp/contracts';

/** First and last birth dates of the synthetic people, and the day the data stops ("now"). */
export const FIRST_BIRTH_DAY = dayOf(1930, 1, 1);
export const LAST_BIRTH_DAY = dayOf(2021, 9, 30);
export const LAST_DAY = dayOf(2021, 11, 30);

/** Where and when an event was registered. */
export interface EventRef {
  so: string;
  quyenSo: string;
  noiDangKy: string;
  /** Registration day (days since the epoch). */
  day: number;
  /** loaiDangKy: 1 on time, 2 re-registration, 3 recorded from abroad, 4 late. */
  kind: 1 | 2 | 3 | 4;
}

/** One person of the dataset and the events registered for them. */
export interface PersonSkeleton {
  personalId: string;
  /** Province of birth registration (digits 2-3 of the personal identification number). */
  provinceCode: string;
  /** Province of residence. */
  residenceCode: string;
  female: boolean;
  birthDay: number;
  birth: EventRef;
  death?: EventRef & { deathDay: number };
  marriage?: EventRef & { partnerSeed: number };
  confirmation?: EventRef;
}

const HANOI = PROVINCES.find((p) => p.code === '01')!;
const HCMC = PROVINCES.find((p) => p.code === '79')!;

/** Provinces weighted by population: Hà Nội and TP Hồ Chí Minh more often. */
export function pickProvince(rng: Rng): Province {
  const r = rng.next();
  if (r < 0.1) return HANOI;
  if (r < 0.2) return HCMC;
  return rng.pick(PROVINCES);
}

/** Running register numbers (số) per event type: unique within a type across the dataset. */
export interface Counters {
  birth: number;
  death: number;
  marriage: number;
  confirmation: number;
}

function eventRef(rng: Rng, counter: number, provinceCode: string, day: number, kind: EventRef['kind']): EventRef {
  return {
    so: String(counter),
    quyenSo: `${String(rng.int(1, 3)).padStart(2, '0')}/${yearOfDay(day)}`,
    noiDangKy: officeName(provinceCode, rng.int(0, OFFICES_PER_PROVINCE - 1)),
    day: Math.min(day, LAST_DAY),
    kind,
  };
}

function birthRegistration(rng: Rng, birthDay: number): { day: number; kind: EventRef['kind'] } {
  const r = rng.next();
  if (r < 0.85) return { day: birthDay + rng.int(1, 60), kind: 1 };
  if (r < 0.93) return { day: birthDay + rng.int(61, yearsToDays(15)), kind: 4 };
  if (r < 0.98) return { day: birthDay + rng.int(365, yearsToDays(40)), kind: 2 };
  return { day: birthDay + rng.int(30, yearsToDays(5)), kind: 3 };
}

/**
 * Draws person number i from the dataset's sequential random source. `taken` holds the personal
 * identification numbers already given: a new one never repeats them.
 */
export function drawPerson(rng: Rng, taken: { has(id: string): boolean }, counters: Counters): PersonSkeleton {
  const province = pickProvince(rng);
  const female = rng.chance(0.5);
  const birthDay = rng.int(FIRST_BIRTH_DAY, LAST_BIRTH_DAY);
  const birthYear = yearOfDay(birthDay);
  let personalId: string;
  do {
    const serial = String(rng.int(0, 999_999)).padStart(6, '0');
    personalId = encodePersonalId({ provinceCode: province.code, sex: female ? 'female' : 'male', birthYear, serial });
  } while (taken.has(personalId));
  const residenceCode = rng.chance(0.8) ? province.code : pickProvince(rng).code;
  const reg = birthRegistration(rng, birthDay);
  const person: PersonSkeleton = {
    personalId,
    provinceCode: province.code,
    residenceCode,
    female,
    birthDay,
    birth: eventRef(rng, ++counters.birth, province.code, reg.day, reg.kind),
  };

  const age = (LAST_DAY - birthDay) / 365.25;
  const deathChance = age > 75 ? 0.3 : age > 55 ? 0.08 : 0.01;
  if (rng.chance(deathChance)) {
    const deathDay = rng.int(Math.max(birthDay + 1, dayOf(2000, 1, 1)), LAST_DAY - 20);
    const late = rng.chance(0.1);
    const day = deathDay + (late ? rng.int(16, 700) : rng.int(0, 15));
    person.death = { ...eventRef(rng, ++counters.death, residenceCode, day, late ? 4 : 1), deathDay };
  }

  const earliestMarriage = birthDay + yearsToDays(female ? 18 : 20);
  const latestMarriage = Math.min(person.death ? person.death.deathDay - 1 : LAST_DAY, earliestMarriage + yearsToDays(25));
  if (earliestMarriage < latestMarriage && rng.chance(0.45)) {
    const day = rng.int(earliestMarriage, latestMarriage);
    const office = rng.chance(0.6) ? residenceCode : province.code;
    const kind = rng.chance(0.03) ? 3 : 1;
    person.marriage = { ...eventRef(rng, ++counters.marriage, office, day, kind), partnerSeed: rng.int(0, 0x7fffffff) };
  }

  const adult = birthDay + yearsToDays(18);
  const firstConfirmation = Math.max(adult, dayOf(2016, 1, 1));
  if (!person.death && !person.marriage && firstConfirmation < LAST_DAY && rng.chance(0.25)) {
    person.confirmation = eventRef(rng, ++counters.confirmation, residenceCode, rng.int(firstConfirmation, LAST_DAY), 1);
  }
  return person;
}
