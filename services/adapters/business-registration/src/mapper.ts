// Pure mapping from the national system's JSON record to the mesh's proto Enterprise.
import { isNationalJson, jsonText, mapNationalDate, normalizeStatusText } from '@ndxp/adapter-sdk';
import { Enterprise, EnterpriseStatus, MeshError } from '@ndxp/contracts';

/** Status texts of the national system and the contract's enum; anything else is UNSPECIFIED. */
export const STATUS_BY_TEXT: ReadonlyMap<string, EnterpriseStatus> = new Map([
  ['đang hoạt động', EnterpriseStatus.ENTERPRISE_STATUS_ACTIVE],
  ['tạm ngừng kinh doanh', EnterpriseStatus.ENTERPRISE_STATUS_SUSPENDED],
  ['tạm ngừng kinh doanh có thời hạn', EnterpriseStatus.ENTERPRISE_STATUS_SUSPENDED],
  ['đang làm thủ tục giải thể', EnterpriseStatus.ENTERPRISE_STATUS_DISSOLVING],
  ['đã giải thể', EnterpriseStatus.ENTERPRISE_STATUS_DISSOLVED],
  ['đã phá sản', EnterpriseStatus.ENTERPRISE_STATUS_BANKRUPT],
  ['phá sản', EnterpriseStatus.ENTERPRISE_STATUS_BANKRUPT],
]);

/** Maps a status text (any case, any Unicode normalisation, extra spaces) to the enum. */
export function mapStatus(text: string): EnterpriseStatus {
  return STATUS_BY_TEXT.get(normalizeStatusText(text)) ?? EnterpriseStatus.ENTERPRISE_STATUS_UNSPECIFIED;
}

function capital(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : 0;
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/**
 * Maps one record (maSoDoanhNghiep, tenTiengViet, …, maDonViChuQuan) to Enterprise. A record without
 * a code is the national system's fault: server.upstream_failure. Missing optional parts map to
 * empty values, never to a thrown error.
 */
export function mapEnterprise(record: unknown): Enterprise {
  if (!isNationalJson(record) || typeof record['maSoDoanhNghiep'] !== 'string' || record['maSoDoanhNghiep'] === '') {
    throw new MeshError('server.upstream_failure', 'the national system answered a record without maSoDoanhNghiep');
  }
  const taxCode = record['maSoDoanhNghiep'];
  const address = isNationalJson(record['diaChiTruSo']) ? record['diaChiTruSo'] : undefined;
  const person = isNationalJson(record['nguoiDaiDien']) ? record['nguoiDaiDien'] : undefined;
  const line = isNationalJson(record['nganhNgheChinh']) ? record['nganhNgheChinh'] : undefined;
  const parent = jsonText(record, 'maDonViChuQuan') || (taxCode.length === 14 ? taxCode.slice(0, 10) : '');
  const isBranch = parent !== '' || /-\d{3}$/.test(taxCode);
  return Enterprise.fromPartial({
    taxCode,
    nameVi: jsonText(record, 'tenTiengViet'),
    nameEn: jsonText(record, 'tenTiengAnh'),
    shortName: jsonText(record, 'tenVietTat'),
    enterpriseType: jsonText(record, 'loaiHinh'),
    status: mapStatus(jsonText(record, 'tinhTrang')),
    registrationDate: mapNationalDate(jsonText(record, 'ngayDangKy')),
    headOffice: {
      street: jsonText(address, 'soNhaDuong'),
      ward: jsonText(address, 'phuongXa'),
      district: jsonText(address, 'quanHuyen'),
      province: jsonText(address, 'tinhThanhPho'),
      full: jsonText(address, 'diaChiDayDu'),
    },
    legalRepresentative: { fullName: jsonText(person, 'hoTen'), title: jsonText(person, 'chucDanh') },
    charterCapitalVnd: capital(record['vonDieuLe']),
    mainBusinessLine: { vsicCode: jsonText(line, 'maVSIC'), name: jsonText(line, 'ten') },
    isBranch,
    parentTaxCode: isBranch ? parent : '',
  });
}
