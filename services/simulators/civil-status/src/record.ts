// The records as the national civil-status system answers them: its own Vietnamese field names, all text.
import type { EventCode } from '@ndxp/contracts';

/** The header every record has. Dates are dd/mm/yyyy. */
export interface NationalRecordHeader {
  loaiSuKien: EventCode;
  so: string;
  quyenSo: string;
  trangSo: string;
  ngayDangKy: string;
  /** 1 on time, 2 re-registration, 3 recorded from abroad, 4 late. */
  loaiDangKy: string;
  noiDangKy: string;
  nguoiKy: string;
  chucVuNguoiKy: string;
}

/** Khai sinh: the child (nks*), the mother (me*) and the father (cha*). Sex: 1 male, 2 female, 3 undetermined. */
export interface NationalBirthRecord extends NationalRecordHeader {
  loaiSuKien: 'KS';
  nksHoTen: string;
  nksGioiTinh: string;
  nksNgaySinh: string;
  nksNoiSinh: string;
  nksQueQuan: string;
  nksDanToc: string;
  nksQuocTich: string;
  nksSoDinhDanh: string;
  meHoTen: string;
  meNgaySinh: string;
  meDanToc: string;
  meQuocTich: string;
  meNoiCuTru: string;
  meLoaiGiayTo: string;
  meSoGiayTo: string;
  chaHoTen: string;
  chaNgaySinh: string;
  chaDanToc: string;
  chaQuocTich: string;
  chaNoiCuTru: string;
  chaLoaiGiayTo: string;
  chaSoGiayTo: string;
}

/** Khai tử: the deceased (nkt*), date, place and cause of death. */
export interface NationalDeathRecord extends NationalRecordHeader {
  loaiSuKien: 'KT';
  nktHoTen: string;
  nktGioiTinh: string;
  nktNgaySinh: string;
  nktDanToc: string;
  nktQuocTich: string;
  nktNoiCuTru: string;
  nktLoaiGiayTo: string;
  nktSoGiayTo: string;
  nktSoDinhDanh: string;
  ngayChet: string;
  noiChet: string;
  nguyenNhan: string;
}

/** Kết hôn: the husband (chong*) and the wife (vo*). */
export interface NationalMarriageRecord extends NationalRecordHeader {
  loaiSuKien: 'KH';
  chongHoTen: string;
  chongNgaySinh: string;
  chongDanToc: string;
  chongQuocTich: string;
  chongNoiCuTru: string;
  chongLoaiGiayTo: string;
  chongSoGiayTo: string;
  chongSoDinhDanh: string;
  voHoTen: string;
  voNgaySinh: string;
  voDanToc: string;
  voQuocTich: string;
  voNoiCuTru: string;
  voLoaiGiayTo: string;
  voSoGiayTo: string;
  voSoDinhDanh: string;
}

/** Xác nhận tình trạng hôn nhân: the person confirmed (nxn*), the status and the purpose. */
export interface NationalConfirmationRecord extends NationalRecordHeader {
  loaiSuKien: 'XNTTHN';
  nxnHoTen: string;
  nxnGioiTinh: string;
  nxnNgaySinh: string;
  nxnDanToc: string;
  nxnQuocTich: string;
  nxnNoiCuTru: string;
  nxnLoaiGiayTo: string;
  nxnSoGiayTo: string;
  nxnSoDinhDanh: string;
  tinhTrangHonNhan: string;
  mucDichSuDung: string;
}

/** Any record of the national system. */
export type NationalRecord = NationalBirthRecord | NationalDeathRecord | NationalMarriageRecord | NationalConfirmationRecord;
