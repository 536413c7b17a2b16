// Deterministic districts and communes for each of the 63 provinces, named from PLACE_NAMES.
import type { Rng } from '@ndxp/simulator-kit';
import { PROVINCES, type Province } from '@ndxp/contracts';
import { PLACE_NAMES } from './vocabulary';

/** A commune-level unit of administration (xã, phường, thị trấn). */
export interface Commune {
  name: string;
  /** As written after a title: "xã Tân Phú", "phường Hải Châu". */
  label: string;
}

/** A district-level unit (huyện, quận, thị xã, thành phố thuộc tỉnh) and its communes. */
export interface District {
  name: string;
  /** As written after a title: "huyện Tân Phú", "quận Cầu Giấy". */
  label: string;
  communes: Commune[];
}

/** A province, how it is written after a title, and its districts. */
export interface ProvincePlaces {
  province: Province;
  /** "tỉnh Nghệ An", "thành phố Hà Nội". */
  label: string;
  districts: District[];
}

function distinctNames(rng: Rng, n: number): string[] {
  const names = new Set<string>();
  while (names.size < n) names.add(rng.pick(PLACE_NAMES));
  return [...names];
}

/** Builds 6-12 districts of 6-16 communes per province; the same rng state gives the same places. */
export function buildGeography(rng: Rng): ProvincePlaces[] {
  return PROVINCES.map((province) => {
    const districts = distinctNames(rng, rng.int(6, 12)).map((name, i): District => {
      const urban = province.city ? i < 4 : i === 0;
      const label = province.city ? (urban ? `quận ${name}` : `huyện ${name}`) : i === 0 ? `thành phố ${name}` : `huyện ${name}`;
      const communes = distinctNames(rng, rng.int(6, 16)).map((c, j): Commune => {
        const kind = urban ? 'phường' : j === 0 ? 'thị trấn' : 'xã';
        return { name: c, label: `${kind} ${c}` };
      });
      return { name, label, communes };
    });
    return { province, label: `${province.city ? 'thành phố' : 'tỉnh'} ${province.name}`, districts };
  });
}
