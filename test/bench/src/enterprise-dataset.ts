// The enterprise data every system looks up. Stand-in until @ndxp/simulator-business-registration
// exports createDataset: deterministic from a seed, valid tax codes (check digit per domain.md).
import { Enterprise, EnterpriseStatus } from '@ndxp/contracts';

/** What the ceiling and peer adapters need from a data set. */
export interface EnterpriseLookup {
  get(taxCode: string): Enterprise | undefined;
  sampleTaxCodes(n: number): string[];
}

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** The check digit of a 9-digit tax code prefix, or undefined when none exists (result 10). */
export function taxCodeCheckDigit(first9: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * WEIGHTS[i]!;
  const d = 10 - (sum % 11);
  return d === 10 ? undefined : d;
}

// mulberry32: small, fast, deterministic.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const GIVEN = ['Văn An', 'Thị Bình', 'Minh Châu', 'Quốc Dũng', 'Thu Hà', 'Đức Huy', 'Thanh Lan', 'Hữu Phúc'];
const TRADES: Array<[string, string, string]> = [
  ['4659', 'Bán buôn máy móc, thiết bị và phụ tùng máy khác', 'Thương mại'],
  ['6201', 'Lập trình máy vi tính', 'Công nghệ'],
  ['4100', 'Xây dựng nhà các loại', 'Xây dựng'],
  ['1079', 'Sản xuất thực phẩm khác chưa được phân vào đâu', 'Thực phẩm'],
  ['4933', 'Vận tải hàng hóa bằng đường bộ', 'Vận tải'],
];
const PLACES: Array<[string, string]> = [
  ['Quận Ba Đình', 'Thành phố Hà Nội'],
  ['Quận 1', 'Thành phố Hồ Chí Minh'],
  ['Quận Hải Châu', 'Thành phố Đà Nẵng'],
  ['Quận Ninh Kiều', 'Thành phố Cần Thơ'],
];
const TYPES = ['Công ty TNHH một thành viên', 'Công ty TNHH hai thành viên trở lên', 'Công ty cổ phần'];

/** Builds `size` enterprises deterministically from `seed`. */
export function createDataset(options: { seed: number; size: number }): EnterpriseLookup {
  const rnd = prng(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const byCode = new Map<string, Enterprise>();
  while (byCode.size < options.size) {
    const first9 = String(Math.floor(rnd() * 1e9)).padStart(9, '0');
    const check = taxCodeCheckDigit(first9);
    if (check === undefined) continue;
    const taxCode = `${first9}${check}`;
    const [vsic, line, trade] = pick(TRADES);
    const [district, province] = pick(PLACES);
    const type = pick(TYPES);
    const street = `Số ${1 + Math.floor(rnd() * 300)} phố ${pick(['Láng Hạ', 'Lê Lợi', 'Trần Phú', 'Nguyễn Huệ'])}`;
    const ward = `Phường ${pick(['Bến Nghé', 'Điện Biên', 'Thạch Thang', 'Tân An'])}`;
    const name = `${type.toUpperCase()} ${trade.toUpperCase()} ${pick(['HÒA BÌNH', 'SAO MAI', 'ĐẠI VIỆT', 'PHƯƠNG NAM'])} ${byCode.size}`;
    byCode.set(
      taxCode,
      Enterprise.fromPartial({
        taxCode,
        nameVi: name,
        nameEn: `${trade} Company ${byCode.size}`,
        shortName: `${trade.toUpperCase()} ${byCode.size}`,
        enterpriseType: type,
        status: EnterpriseStatus.ENTERPRISE_STATUS_ACTIVE,
        registrationDate: `20${String(10 + Math.floor(rnd() * 14))}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
        headOffice: { street, ward, district, province, full: `${street}, ${ward}, ${district}, ${province}` },
        legalRepresentative: { fullName: `${pick(SURNAMES)} ${pick(GIVEN)}`, title: 'Giám đốc' },
        charterCapitalVnd: (1 + Math.floor(rnd() * 500)) * 100_000_000,
        mainBusinessLine: { vsicCode: vsic, name: line },
        isBranch: false,
        parentTaxCode: '',
      }),
    );
  }
  const codes = [...byCode.keys()];
  return {
    get: (taxCode) => byCode.get(taxCode),
    sampleTaxCodes: (n) => {
      const r = prng(options.seed ^ 0x5eed);
      return Array.from({ length: n }, () => codes[Math.floor(r() * codes.length)]!);
    },
  };
}
