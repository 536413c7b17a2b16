// Builds one synthetic record from a seeded random source: names, places, people, capital.
import { PROVINCES, type Province } from '@ndxp/contracts';
import { pickWeighted, PLACE_NAMES, provinceLabel, STREETS, SURNAMES, type Rng } from '@ndxp/simulator-kit';
import type { NationalAddress, NationalEnterpriseRecord } from './record';
import { BRAND_WORDS, BUSINESS_LINES, ENTERPRISE_TYPES, GIVEN_NAMES, MIDDLE_NAMES, STATUSES, TITLES } from './vocabulary';

const HANOI = PROVINCES.find((p) => p.code === '01')!;
const HCMC = PROVINCES.find((p) => p.code === '79')!;
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(1995, 0, 1);
const LAST_DAY = Date.UTC(2021, 10, 30);

function pickProvince(rng: Rng): Province {
  const r = rng.next();
  if (r < 0.25) return HANOI;
  if (r < 0.52) return HCMC;
  return rng.pick(PROVINCES);
}

function personName(rng: Rng): string {
  return `${rng.pick(SURNAMES)} ${rng.pick(MIDDLE_NAMES)} ${rng.pick(GIVEN_NAMES)}`;
}

function formatDate(ms: number): string {
  const d = new Date(ms);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}

function address(rng: Rng, province: Province): NationalAddress {
  const street = `Số ${rng.int(1, 399)} đường ${rng.pick(STREETS)}`;
  const urban = province.city || rng.chance(0.5);
  const ward = urban ? `Phường ${rng.pick(PLACE_NAMES)}` : `Xã ${rng.pick(PLACE_NAMES)}`;
  const district =
    province === HCMC && rng.chance(0.5)
      ? `Quận ${rng.int(1, 12)}`
      : province.city
        ? `Quận ${rng.pick(PLACE_NAMES)}`
        : urban
          ? `Thành phố ${rng.pick(PLACE_NAMES)}`
          : `Huyện ${rng.pick(PLACE_NAMES)}`;
  const tinh = provinceLabel(province);
  return {
    soNhaDuong: street,
    phuongXa: ward,
    quanHuyen: district,
    tinhThanhPho: tinh,
    maTinh: province.code,
    diaChiDayDu: `${street}, ${ward}, ${district}, ${tinh}`,
  };
}

function compactUpper(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** An enterprise (not a branch) with the given code. */
export function generateEnterprise(rng: Rng, taxCode: string): NationalEnterpriseRecord {
  const kind = pickWeighted(rng, ENTERPRISE_TYPES);
  const line = rng.pick(BUSINESS_LINES);
  const [brand, brandEn] = rng.pick(BRAND_WORDS);
  const place = rng.chance(0.5) ? ` ${rng.pick(PLACE_NAMES)}` : '';
  const trade = rng.chance(0.3) ? `Thương mại và Dịch vụ ${line.trade}` : line.trade;
  const nameVi = kind.short === 'DNTN' ? `${kind.prefix} ${brand}${place}` : `${kind.prefix} ${trade} ${brand}${place}`;
  const hasEnglish = rng.chance(0.7);
  const hasShort = hasEnglish && rng.chance(0.8);
  const title =
    kind.short === 'DNTN'
      ? 'Chủ doanh nghiệp'
      : kind.short === 'JSC'
        ? rng.pick(['Tổng Giám đốc', 'Chủ tịch Hội đồng quản trị', 'Giám đốc'])
        : rng.pick(TITLES.slice(0, 2).concat(['Chủ tịch công ty']));
  const capital = rng.int(1, 9) * 10 ** rng.int(8, 12);
  return {
    maSoDoanhNghiep: taxCode,
    tenTiengViet: nameVi,
    tenTiengAnh: hasEnglish ? `${brandEn} ${line.tradeEn} ${kind.prefixEn}` : '',
    tenVietTat: hasShort ? `${compactUpper(brandEn)} ${kind.short}` : '',
    loaiHinh: kind.type,
    tinhTrang: pickWeighted(rng, STATUSES).text,
    ngayDangKy: formatDate(FIRST_DAY + rng.int(0, Math.floor((LAST_DAY - FIRST_DAY) / DAY_MS)) * DAY_MS),
    diaChiTruSo: address(rng, pickProvince(rng)),
    nguoiDaiDien: { hoTen: personName(rng), chucDanh: title },
    vonDieuLe: capital,
    nganhNgheChinh: { maVSIC: line.vsic, ten: line.name },
  };
}

/** A dependent unit (chi nhánh) number `n` of a parent enterprise. */
export function generateBranch(rng: Rng, parent: NationalEnterpriseRecord, n: number): NationalEnterpriseRecord {
  const province = pickProvince(rng);
  const parentClosed = parent.tinhTrang !== 'Đang hoạt động';
  const [d, m, y] = parent.ngayDangKy.split('/').map(Number) as [number, number, number];
  const parentDay = Date.UTC(y, m - 1, d);
  const day = parentDay + rng.int(0, Math.max(0, Math.floor((LAST_DAY - parentDay) / DAY_MS))) * DAY_MS;
  return {
    maSoDoanhNghiep: `${parent.maSoDoanhNghiep}-${String(n).padStart(3, '0')}`,
    tenTiengViet: `Chi nhánh ${parent.tenTiengViet} tại ${province.name}`,
    tenTiengAnh: parent.tenTiengAnh ? `${parent.tenTiengAnh} - Branch ${n}` : '',
    tenVietTat: '',
    loaiHinh: 'Chi nhánh',
    tinhTrang: parentClosed ? parent.tinhTrang : rng.chance(0.95) ? 'Đang hoạt động' : 'Tạm ngừng kinh doanh có thời hạn',
    ngayDangKy: formatDate(day),
    diaChiTruSo: address(rng, province),
    nguoiDaiDien: { hoTen: personName(rng), chucDanh: 'Giám đốc chi nhánh' },
    vonDieuLe: null,
    nganhNgheChinh: { ...parent.nganhNgheChinh },
    maDonViChuQuan: parent.maSoDoanhNghiep,
  };
}
