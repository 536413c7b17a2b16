// The national system's order, in its own (Vietnamese) field names, as the REST API carries it.

/** A sender or receiver. */
export interface PartyRecord {
  hoTen: string;
  dienThoai: string;
  email: string;
  /** Province code, e.g. "01". */
  tinh: string;
  huyen: string;
  diaChi: string;
}

/** What a client sends to create an order. */
export interface OrderInput {
  maKhachHang: string;
  soDonHang: string;
  /** 1 pick the dossier up, 2 return the result, 3 both. */
  loaiDichVu: 1 | 2 | 3;
  nguoiGui: PartyRecord;
  nguoiNhan: PartyRecord;
  moTa: string;
  tienThuHo: number;
  maCoQuan: string;
  tenCoQuan: string;
  maHoSo: string;
  khoiLuong: number;
  /** Free reference kept with the order and echoed in its changes (the mesh keeps its consumer here). */
  thamChieu: string;
}

/** Trạng thái: 1 registered, 2 collecting, 3 delivered, 4 cancelled. */
export type OrderState = 1 | 2 | 3 | 4;

/** A stored order. */
export interface OrderRecord extends OrderInput {
  soHieuBuuGui: string;
  trangThai: OrderState;
  cuocPhi: number;
  phiThuHo: number;
  /** RFC 3339. */
  ngayTao: string;
}

/** One entry of an order's history. */
export interface StatusEvent {
  /** Position in the order's history, from 1. */
  stt: number;
  trangThai: OrderState;
  ma: string;
  moTa: string;
  thoiGian: string;
}

/** One entry of the global change feed: an order's status event with the order's keys. */
export interface ChangeEntry extends StatusEvent {
  /** Global position in the feed, from 1, without gaps. */
  thuTu: number;
  soHieuBuuGui: string;
  soDonHang: string;
  maKhachHang: string;
  maHoSo: string;
  thamChieu: string;
}

/** Event code and text of each state. */
export const STATE_EVENTS: Readonly<Record<OrderState, { ma: string; moTa: string }>> = {
  1: { ma: 'DK', moTa: 'Đã tiếp nhận đơn hàng' },
  2: { ma: 'TG', moTa: 'Bưu tá đang thu gom hồ sơ' },
  3: { ma: 'PT', moTa: 'Đã phát thành công' },
  4: { ma: 'HUY', moTa: 'Đơn hàng đã hủy' },
};
