// Pure mapping between the mesh's proto messages and the national system's JSON (Vietnamese names).
import { isNationalJson, jsonText, type NationalJson } from '@ndxp/adapter-sdk';
import {
  CollectionStatus,
  MeshError,
  Order,
  OrderKind,
  OrderStatusChanged,
  QuotePostageResponse,
  TrackingEvent,
  TrackOrderResponse,
  type CreateOrderRequest,
  type Party,
  type QuotePostageRequest,
} from '@ndxp/contracts';
import { normalisePhone } from './validate';

const int = (o: NationalJson, k: string): number => {
  const v = o[k];
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : 0;
};
const broken = (what: string): MeshError => new MeshError('server.upstream_failure', `the national system answered ${what}`);

/** loaiDichVu of an OrderKind; UNSPECIFIED means a dossier pickup (the national system's default). */
export function toServiceKind(kind: OrderKind): 1 | 2 | 3 {
  return kind === OrderKind.ORDER_KIND_RESULT_DELIVERY ? 2 : kind === OrderKind.ORDER_KIND_BOTH ? 3 : 1;
}

/** OrderKind of a loaiDichVu; anything unknown is UNSPECIFIED. */
export function mapKind(loaiDichVu: number): OrderKind {
  return loaiDichVu === 1
    ? OrderKind.ORDER_KIND_DOSSIER_PICKUP
    : loaiDichVu === 2
      ? OrderKind.ORDER_KIND_RESULT_DELIVERY
      : loaiDichVu === 3
        ? OrderKind.ORDER_KIND_BOTH
        : OrderKind.ORDER_KIND_UNSPECIFIED;
}

/** CollectionStatus of a trangThai (1..4); anything else is NOT_USED. */
export function mapStatus(trangThai: number): CollectionStatus {
  switch (trangThai) {
    case 1:
      return CollectionStatus.COLLECTION_STATUS_REGISTERED;
    case 2:
      return CollectionStatus.COLLECTION_STATUS_COLLECTING;
    case 3:
      return CollectionStatus.COLLECTION_STATUS_DELIVERED;
    case 4:
      return CollectionStatus.COLLECTION_STATUS_CANCELLED;
    default:
      return CollectionStatus.COLLECTION_STATUS_NOT_USED;
  }
}

const toParty = (p: Party | undefined) => ({
  hoTen: p?.name.trim() ?? '',
  dienThoai: normalisePhone(p?.phone ?? ''),
  email: p?.email.trim() ?? '',
  tinh: p?.province.trim() ?? '',
  huyen: p?.district.trim() ?? '',
  diaChi: p?.address.trim() ?? '',
});

/**
 * The national system's create body of a validated request. `customerCode` falls back to the
 * consumer, and `thamChieu` carries the consumer, so the order's events find their way back to it.
 */
export function toOrderBody(request: CreateOrderRequest, consumer: string): NationalJson {
  return {
    maKhachHang: request.customerCode.trim() || consumer,
    soDonHang: request.orderNumber.trim(),
    loaiDichVu: toServiceKind(request.kind),
    nguoiGui: toParty(request.sender),
    nguoiNhan: toParty(request.receiver),
    moTa: request.description,
    tienThuHo: request.codAmountVnd,
    maCoQuan: request.agencyCode,
    tenCoQuan: request.agencyName,
    maHoSo: request.dossierCode.trim(),
    khoiLuong: request.weightGrams,
    thamChieu: consumer,
  };
}

/** The consumer that created an order, as kept in its thamChieu. */
export function creatorOf(order: unknown): string {
  return isNationalJson(order) ? jsonText(order, 'thamChieu') : '';
}

/** Maps a national order (soHieuBuuGui, soDonHang, …) to Order; one without an item number is a failure. */
export function mapOrder(order: unknown): Order {
  if (!isNationalJson(order) || jsonText(order, 'soHieuBuuGui') === '') throw broken('an order without soHieuBuuGui');
  return Order.fromPartial({
    orderNumber: jsonText(order, 'soDonHang'),
    itemNumber: jsonText(order, 'soHieuBuuGui'),
    kind: mapKind(int(order, 'loaiDichVu')),
    status: mapStatus(int(order, 'trangThai')),
    postageVnd: int(order, 'cuocPhi'),
    dossierCode: jsonText(order, 'maHoSo'),
    createdAt: jsonText(order, 'ngayTao'),
    agencyCode: jsonText(order, 'maCoQuan'),
  });
}

/** Maps one history event {trangThai, ma, moTa, thoiGian}. */
export function mapEvent(event: unknown): TrackingEvent {
  const e = isNationalJson(event) ? event : {};
  return TrackingEvent.fromPartial({
    status: mapStatus(int(e, 'trangThai')),
    code: jsonText(e, 'ma'),
    message: jsonText(e, 'moTa'),
    time: jsonText(e, 'thoiGian'),
  });
}

/** Maps a tracking answer {donHang, lichSu} to TrackOrderResponse, history in order of stt. */
export function mapTracking(answer: unknown): TrackOrderResponse {
  if (!isNationalJson(answer)) throw broken('a tracking answer that is not an object');
  const history = Array.isArray(answer['lichSu']) ? [...(answer['lichSu'] as unknown[])] : [];
  history.sort((a, b) => (isNationalJson(a) ? int(a, 'stt') : 0) - (isNationalJson(b) ? int(b, 'stt') : 0));
  return TrackOrderResponse.fromPartial({ order: mapOrder(answer['donHang']), events: history.map(mapEvent) });
}

/** The national system's quote body of a validated request. */
export function toQuoteBody(request: QuotePostageRequest): NationalJson {
  return {
    tinhGui: request.senderProvince.trim(),
    tinhNhan: request.receiverProvince.trim(),
    khoiLuong: request.weightGrams,
    loaiDichVu: toServiceKind(request.kind),
    tienThuHo: request.codAmountVnd,
  };
}

/** Maps a quote {cuocPhi, phiThuHo, soNgayDuKien}. */
export function mapQuote(answer: unknown): QuotePostageResponse {
  if (!isNationalJson(answer) || typeof answer['cuocPhi'] !== 'number') throw broken('a quote without cuocPhi');
  return QuotePostageResponse.fromPartial({
    postageVnd: int(answer, 'cuocPhi'),
    codFeeVnd: int(answer, 'phiThuHo'),
    estimatedDays: int(answer, 'soNgayDuKien'),
  });
}

/** One feed entry as the relay publishes it: to whom, under which message id, what. */
export interface MappedChange {
  /** Global feed position (the cursor after this entry). */
  position: number;
  /** The creating consumer (thamChieu); may be empty or not a token for orders made outside the mesh. */
  consumer: string;
  /** `<itemNumber>:<sequence>`: the JetStream message id, so a re-published change is stored once. */
  msgId: string;
  event: OrderStatusChanged;
}

/** Maps one change feed entry {thuTu, soHieuBuuGui, stt, trangThai, …}; a malformed one is a failure. */
export function mapChange(entry: unknown): MappedChange {
  if (!isNationalJson(entry)) throw broken('a change that is not an object');
  const position = int(entry, 'thuTu');
  const sequence = int(entry, 'stt');
  const itemNumber = jsonText(entry, 'soHieuBuuGui');
  if (position < 1 || sequence < 1 || itemNumber === '') throw broken('a change without thuTu, stt or soHieuBuuGui');
  return {
    position,
    consumer: jsonText(entry, 'thamChieu'),
    msgId: `${itemNumber}:${sequence}`,
    event: OrderStatusChanged.fromPartial({
      itemNumber,
      orderNumber: jsonText(entry, 'soDonHang'),
      dossierCode: jsonText(entry, 'maHoSo'),
      sequence,
      event: mapEvent(entry),
    }),
  };
}
