// Registering offices (nơi đăng ký): commune-level People's Committees, a few per province.
import { createRng, hashSeed } from '@ndxp/simulator-kit';
import { provinceByCode } from '@ndxp/contracts';
import { provinceLabel } from '@ndxp/simulator-kit';
import { PLACE_NAMES } from './vocabulary';

/** How many registering offices each province has in the synthetic data. */
export const OFFICES_PER_PROVINCE = 6;

const cache = new Map<string, string>();

/**
 * The name of office `index` (0..OFFICES_PER_PROVINCE-1) of a province, e.g. "Ủy ban nhân dân Phường
 * Tân Phú, Quận Cầu Giấy, Thành phố Hà Nội". The same for every dataset: offices do not depend on the seed.
 */
export function officeName(provinceCode: string, index: number): string {
  const key = `${provinceCode}/${index}`;
  let name = cache.get(key);
  if (name === undefined) {
    const province = provinceByCode(provinceCode);
    if (!province) throw new RangeError(`unknown province code ${JSON.stringify(provinceCode)}`);
    const rng = createRng(hashSeed(`office-${key}`));
    const urban = province.city || rng.chance(0.4);
    const commune = `${urban ? 'Phường' : 'Xã'} ${rng.pick(PLACE_NAMES)}`;
    const district = `${province.city ? 'Quận' : urban ? 'Thành phố' : 'Huyện'} ${rng.pick(PLACE_NAMES)}`;
    name = `Ủy ban nhân dân ${commune}, ${district}, ${provinceLabel(province)}`;
    cache.set(key, name);
  }
  return name;
}
