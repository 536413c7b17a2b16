import { CollectionStatus, MeshError, OrderKind, type CreateOrderRequest } from '@ndxp/contracts';
import { sampleOrderRequest } from '@ndxp/testing';
import {
  creatorOf,
  mapChange,
  mapKind,
  mapOrder,
  mapQuote,
  mapStatus,
  mapTracking,
  toOrderBody,
  toQuoteBody,
  toServiceKind,
} from './mapper';

const nationalOrder = {
  soHieuBuuGui: 'EA123456785VN',
  maKhachHang: 'TINH-01-LGSP',
  soDonHang: 'DH-1',
  loaiDichVu: 3,
  trangThai: 2,
  cuocPhi: 44_000,
  phiThuHo: 0,
  maHoSo: 'HS-1',
  maCoQuan: 'H26',
  ngayTao: '2021-12-01T02:00:00.000Z',
  thamChieu: 'TINH-01-LGSP',
};

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'none';
  } catch (err) {
    return err instanceof MeshError ? err.code : 'not a MeshError';
  }
};

describe('mapper', () => {
  it('maps every trangThai and loaiDichVu, unknown values to NOT_USED / UNSPECIFIED', () => {
    expect([0, 1, 2, 3, 4, 9].map(mapStatus)).toEqual([
      CollectionStatus.COLLECTION_STATUS_NOT_USED,
      CollectionStatus.COLLECTION_STATUS_REGISTERED,
      CollectionStatus.COLLECTION_STATUS_COLLECTING,
      CollectionStatus.COLLECTION_STATUS_DELIVERED,
      CollectionStatus.COLLECTION_STATUS_CANCELLED,
      CollectionStatus.COLLECTION_STATUS_NOT_USED,
    ]);
    expect([1, 2, 3, 7].map(mapKind)).toEqual([
      OrderKind.ORDER_KIND_DOSSIER_PICKUP,
      OrderKind.ORDER_KIND_RESULT_DELIVERY,
      OrderKind.ORDER_KIND_BOTH,
      OrderKind.ORDER_KIND_UNSPECIFIED,
    ]);
    expect(toServiceKind(OrderKind.ORDER_KIND_UNSPECIFIED)).toBe(1);
    expect(toServiceKind(OrderKind.ORDER_KIND_BOTH)).toBe(3);
  });

  it('maps a national order to Order', () => {
    expect(mapOrder(nationalOrder)).toEqual({
      orderNumber: 'DH-1',
      itemNumber: 'EA123456785VN',
      kind: OrderKind.ORDER_KIND_BOTH,
      status: CollectionStatus.COLLECTION_STATUS_COLLECTING,
      postageVnd: 44_000,
      dossierCode: 'HS-1',
      createdAt: '2021-12-01T02:00:00.000Z',
      agencyCode: 'H26',
    });
    expect(creatorOf(nationalOrder)).toBe('TINH-01-LGSP');
    expect(creatorOf(null)).toBe('');
  });

  it('answers server.upstream_failure for an order without an item number or a tracking answer that is not an object', () => {
    expect(codeOf(() => mapOrder({ soDonHang: 'x' }))).toBe('server.upstream_failure');
    expect(codeOf(() => mapOrder('<html>'))).toBe('server.upstream_failure');
    expect(codeOf(() => mapTracking([]))).toBe('server.upstream_failure');
    expect(codeOf(() => mapQuote({}))).toBe('server.upstream_failure');
  });

  it('maps a tracking answer with its history in stt order', () => {
    const tracked = mapTracking({
      donHang: nationalOrder,
      lichSu: [
        { stt: 2, trangThai: 2, ma: 'TG', moTa: 'Bưu tá đang thu gom hồ sơ', thoiGian: 't2' },
        { stt: 1, trangThai: 1, ma: 'DK', moTa: 'Đã tiếp nhận đơn hàng', thoiGian: 't1' },
      ],
    });
    expect(tracked.events).toEqual([
      { status: CollectionStatus.COLLECTION_STATUS_REGISTERED, code: 'DK', message: 'Đã tiếp nhận đơn hàng', time: 't1' },
      { status: CollectionStatus.COLLECTION_STATUS_COLLECTING, code: 'TG', message: 'Bưu tá đang thu gom hồ sơ', time: 't2' },
    ]);
    expect(mapTracking({ donHang: nationalOrder }).events).toEqual([]);
  });

  it('builds the create body in Vietnamese names, keeping the consumer in thamChieu and as the default customer code', () => {
    const base = sampleOrderRequest(' DH-1 ', { customerCode: '', codAmountVnd: 5000 });
    const request: CreateOrderRequest = {
      ...base,
      sender: { ...base.sender!, phone: '091.234.5678', email: 'a@x.vn' },
      receiver: { ...base.receiver!, phone: '+84 905 123 456' },
    };
    expect(toOrderBody(request, 'TINH-01-LGSP')).toEqual({
      maKhachHang: 'TINH-01-LGSP',
      soDonHang: 'DH-1',
      loaiDichVu: 2,
      nguoiGui: {
        hoTen: 'UBND TP Đà Nẵng',
        dienThoai: '0912345678',
        email: 'a@x.vn',
        tinh: '48',
        huyen: 'Hải Châu',
        diaChi: '24 Trần Phú',
      },
      nguoiNhan: { hoTen: 'Nguyễn Văn Nam', dienThoai: '+84905123456', email: '', tinh: '48', huyen: 'Sơn Trà', diaChi: '12 Ngô Quyền' },
      moTa: 'Kết quả thủ tục hành chính',
      tienThuHo: 5000,
      maCoQuan: 'G12-DN',
      tenCoQuan: 'Trung tâm Phục vụ hành chính công TP Đà Nẵng',
      maHoSo: 'G12.99-211126-0001',
      khoiLuong: 300,
      thamChieu: 'TINH-01-LGSP',
    });
    expect(toOrderBody({ ...request, customerCode: 'KH-9' }, 'TINH-01-LGSP')['maKhachHang']).toBe('KH-9');
  });

  it('maps quotes both ways', () => {
    expect(
      toQuoteBody({ senderProvince: ' 01', receiverProvince: '79', weightGrams: 0, kind: OrderKind.ORDER_KIND_BOTH, codAmountVnd: 1 }),
    ).toEqual({ tinhGui: '01', tinhNhan: '79', khoiLuong: 0, loaiDichVu: 3, tienThuHo: 1 });
    expect(mapQuote({ cuocPhi: 30_000, phiThuHo: 10_000, soNgayDuKien: 4, vung: 'xa' })).toEqual({
      postageVnd: 30_000,
      codFeeVnd: 10_000,
      estimatedDays: 4,
    });
  });

  it('maps a feed entry to its consumer, msgID item:sequence and OrderStatusChanged', () => {
    const change = mapChange({
      thuTu: 17,
      soHieuBuuGui: 'EA123456785VN',
      soDonHang: 'DH-1',
      maKhachHang: 'TINH-01-LGSP',
      maHoSo: 'HS-1',
      thamChieu: 'TINH-01-LGSP',
      stt: 3,
      trangThai: 3,
      ma: 'PT',
      moTa: 'Đã phát thành công',
      thoiGian: 't3',
    });
    expect(change).toEqual({
      position: 17,
      consumer: 'TINH-01-LGSP',
      msgId: 'EA123456785VN:3',
      event: {
        itemNumber: 'EA123456785VN',
        orderNumber: 'DH-1',
        dossierCode: 'HS-1',
        sequence: 3,
        event: { status: CollectionStatus.COLLECTION_STATUS_DELIVERED, code: 'PT', message: 'Đã phát thành công', time: 't3' },
      },
    });
    expect(codeOf(() => mapChange({ thuTu: 1, soHieuBuuGui: 'EA123456785VN' }))).toBe('server.upstream_failure');
  });
});
