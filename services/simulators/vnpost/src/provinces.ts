// The 63 provinces (the list of @ndxp/simulator-kit) with the region the tariff uses. Data, not
// logic: the 2025 mergers change it.
import { PROVINCES as ALL_PROVINCES, provinceRegion, type Region } from '@ndxp/simulator-kit';

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

/** True when code is one of the 63 province codes. */
export function isProvinceCode(code: string): boolean {
  return PROVINCES.has(code);
}
