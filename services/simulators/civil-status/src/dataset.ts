// The simulator's data: a deterministic population with its birth, death, marriage and confirmation records.
import { mixSeed, seedDataset, spreadEvenly, type DatasetOptions, type SeededDataset } from '@ndxp/simulator-kit';
import { buildBirthRecord, buildConfirmationRecord, buildDeathRecord, buildMarriageRecord } from './records';
import type { EventCode, RecordKey, RegisterKey } from '@ndxp/contracts';
import type { NationalRecord } from './record';
import { drawPerson, type Counters, type EventRef, type PersonSkeleton } from './skeleton';

/** Number of people (each with a birth record) used when no size is given. */
export const DEFAULT_SIZE = 50_000;

/** A generated dataset: records are built on demand, identical for the same seed and size. */
export interface Dataset extends SeededDataset {
  /** Number of records of each event type. */
  readonly counts: Readonly<Record<EventCode, number>>;
  /** The record of an event, or undefined when none matches. A fresh object on each call. */
  find(event: EventCode, key: RecordKey): NationalRecord | undefined;
  /** n personal identification numbers of people with a record of `event` (default KS), spread evenly. */
  samplePersonalIds(n: number, event?: EventCode): string[];
  /** n register entries of records of `event`, spread evenly. */
  sampleRegisterKeys(n: number, event: EventCode): RegisterKey[];
}

/** Register fields are compared without case, Unicode-normalisation or spacing differences. */
export function normalizeRegisterField(s: string): string {
  return s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

const eventOf = (p: PersonSkeleton, event: EventCode): EventRef | undefined =>
  event === 'KS' ? p.birth : event === 'KT' ? p.death : event === 'KH' ? p.marriage : p.confirmation;

/**
 * Generates the population index now; each record's details are generated when asked for. `size`
 * people, every one with a birth record, a fraction also with death, marriage or confirmation.
 */
export function createDataset(options: DatasetOptions): Dataset {
  const { seed, size } = options;
  const { seedHash, rng } = seedDataset(options);
  const people: PersonSkeleton[] = new Array<PersonSkeleton>(size);
  const byId = new Map<string, number>();
  // Register numbers (số) are unique within an event type: the key is type + số.
  const byNumber = new Map<string, number>();
  const counters: Counters = { birth: 0, death: 0, marriage: 0, confirmation: 0 };
  for (let i = 0; i < size; i++) {
    const p = drawPerson(rng, byId, counters);
    people[i] = p;
    byId.set(p.personalId, i);
    byNumber.set(`KS:${p.birth.so}`, i);
    if (p.death) byNumber.set(`KT:${p.death.so}`, i);
    if (p.marriage) byNumber.set(`KH:${p.marriage.so}`, i);
    if (p.confirmation) byNumber.set(`XNTTHN:${p.confirmation.so}`, i);
  }
  const counts = { KS: counters.birth, KT: counters.death, KH: counters.marriage, XNTTHN: counters.confirmation };

  const build = (event: EventCode, i: number): NationalRecord | undefined => {
    const p = people[i]!;
    const personSeed = mixSeed(seedHash, i);
    if (event === 'KS') return buildBirthRecord(personSeed, p);
    if (event === 'KT') return buildDeathRecord(personSeed, p);
    if (event === 'KH') return buildMarriageRecord(personSeed, p);
    return buildConfirmationRecord(personSeed, p);
  };

  const holders = new Map<EventCode, number[]>();
  const holdersOf = (event: EventCode): number[] => {
    let list = holders.get(event);
    if (!list) {
      list = [];
      for (let i = 0; i < size; i++) if (eventOf(people[i]!, event)) list.push(i);
      holders.set(event, list);
    }
    return list;
  };
  const spread = <T>(n: number, event: EventCode, f: (i: number) => T): T[] => spreadEvenly(holdersOf(event), n).map(f);

  return {
    seed,
    size,
    counts,
    find(event, key) {
      let i: number | undefined;
      if ('personalId' in key) {
        i = byId.get(key.personalId);
      } else {
        i = byNumber.get(`${event}:${key.so.trim()}`);
        const e = i === undefined ? undefined : eventOf(people[i]!, event);
        const same =
          e !== undefined &&
          normalizeRegisterField(e.quyenSo) === normalizeRegisterField(key.quyenSo) &&
          normalizeRegisterField(e.noiDangKy) === normalizeRegisterField(key.noiDangKy);
        if (!same) i = undefined;
      }
      return i === undefined ? undefined : build(event, i);
    },
    samplePersonalIds: (n, event = 'KS') => spread(n, event, (i) => people[i]!.personalId),
    sampleRegisterKeys: (n, event) =>
      spread(n, event, (i) => {
        const e = eventOf(people[i]!, event)!;
        return { so: e.so, quyenSo: e.quyenSo, noiDangKy: e.noiDangKy };
      }),
  };
}
