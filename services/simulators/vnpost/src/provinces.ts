// The 63 provinces (the national table of @ndxp/contracts) with the region the tariff uses.
import { PROVINCES as ALL_PROVINCES } from '@ndxp/contracts';
import { provinceRegion, type Region } from '@ndxp/simulator-kit';

export type { Region };

/** One province: its code and name, and the tariff region it belongs to. */
export interface Province {
  code: string;
  name: string;
  region: Region;
}

/** Every province by code. */
export const PROVINCES: ReadonlyMap<string, Province> = new Map(
  ALL_PROVINCES.map((p) => [p.code, { code: p.code, name: p.name, region: provinceRegion(p) }]),
);
