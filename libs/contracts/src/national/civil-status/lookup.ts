// The civil-status web service's one lookup: where it lives, its event codes, and the keys it takes.

/** Path of the national SOAP web service. */
export const HOTICH_SERVICE_PATH = '/hotich/ws';
/** The web service's one operation (its answer is `<operation>Response`). */
export const HOTICH_LOOKUP_OPERATION = 'tracuuSuKienHoTich';

/** Event codes of the SOAP interface (loaiSuKien). */
export const EVENT_CODES = ['KS', 'KT', 'KH', 'XNTTHN'] as const;

/** KS khai sinh (birth), KT khai tử (death), KH kết hôn (marriage), XNTTHN xác nhận tình trạng hôn nhân. */
export type EventCode = (typeof EVENT_CODES)[number];

/** True for a known event code. */
export function isEventCode(s: string): s is EventCode {
  return (EVENT_CODES as readonly string[]).includes(s);
}

/** The register entry that identifies a record besides a personal identification number. */
export interface RegisterKey {
  so: string;
  quyenSo: string;
  noiDangKy: string;
}

/** How a record is looked up: by the subject's personal identification number, or by its register entry. */
export type RecordKey = { personalId: string } | RegisterKey;
