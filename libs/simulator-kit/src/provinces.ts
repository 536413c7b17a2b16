// What the simulators add to the national province table: how an address writes a province, and its region.
import type { Province } from '@ndxp/contracts';

/** The three regions (miền): North, Centre with the Central Highlands, South. */
export type Region = 'bac' | 'trung' | 'nam';

/** How the national system writes a province in an address ("Thành phố Hà Nội", "Tỉnh Nghệ An"). */
export function provinceLabel(p: Province): string {
  return p.city ? `Thành phố ${p.name}` : `Tỉnh ${p.name}`;
}

/** The region of a province: North up to Ninh Bình, Centre and Central Highlands from Thanh Hóa to Lâm Đồng, South from Bình Phước. */
export function provinceRegion(p: Province): Region {
  return p.code <= '37' ? 'bac' : p.code <= '68' ? 'trung' : 'nam';
}
