// The JSON shape of one record as the national Business Registration system answers it.

/** Head-office address (địa chỉ trụ sở chính). */
export interface NationalAddress {
  soNhaDuong: string;
  phuongXa: string;
  quanHuyen: string;
  tinhThanhPho: string;
  /** Province code of Decision 124/2004/QĐ-TTg. */
  maTinh: string;
  diaChiDayDu: string;
}

/** One enterprise or dependent unit, in the national system's own field names. */
export interface NationalEnterpriseRecord {
  maSoDoanhNghiep: string;
  tenTiengViet: string;
  /** Empty when the enterprise registered no English name. */
  tenTiengAnh: string;
  tenVietTat: string;
  loaiHinh: string;
  tinhTrang: string;
  /** Registration date, dd/mm/yyyy. */
  ngayDangKy: string;
  diaChiTruSo: NationalAddress;
  nguoiDaiDien: { hoTen: string; chucDanh: string };
  /** Charter capital in VND; null for dependent units, which have none. */
  vonDieuLe: number | null;
  nganhNgheChinh: { maVSIC: string; ten: string };
  /** Only on dependent units: the parent enterprise's code. */
  maDonViChuQuan?: string;
}
