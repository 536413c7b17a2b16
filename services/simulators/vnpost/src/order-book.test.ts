import { validateItemNumber } from '@ndxp/contracts';
import type { OrderInput } from './order';
import { createOrderBook } from './order-book';

const party = (tinh: string) => ({ hoTen: 'Nguyễn Văn A', dienThoai: '0912345678', email: '', tinh, huyen: '', diaChi: '1 Tràng Tiền' });
const input = (soDonHang: string, over: Partial<OrderInput> = {}): OrderInput => ({
  maKhachHang: 'TINH-01',
  soDonHang,
  loaiDichVu: 1,
  nguoiGui: party('01'),
  nguoiNhan: party('79'),
  moTa: '',
  tienThuHo: 0,
  maCoQuan: '',
  tenCoQuan: '',
  maHoSo: 'HS-1',
  khoiLuong: 500,
  thamChieu: 'TINH-01-LGSP',
  ...over,
});

describe('order book', () => {
  it('creates an order with a valid item number, registered, priced, and one change in the feed', () => {
    const book = createOrderBook({ seed: 's', stepMs: 0 });
    const { order, created } = book.create(input('1'));
    expect(created).toBe(true);
    expect(validateItemNumber(order.soHieuBuuGui).valid).toBe(true);
    expect(order).toMatchObject({ trangThai: 1, cuocPhi: 30_000, thamChieu: 'TINH-01-LGSP' });
    expect(book.changes(0, 10)).toEqual([expect.objectContaining({ thuTu: 1, stt: 1, trangThai: 1, soHieuBuuGui: order.soHieuBuuGui })]);
  });

  it('returns the first order for the same customer and order number, without a new change', () => {
    const book = createOrderBook({ seed: 's', stepMs: 0 });
    const first = book.create(input('1')).order;
    const again = book.create(input('1', { moTa: 'other' }));
    expect(again).toEqual({ order: first, created: false });
    expect(book.create(input('1', { maKhachHang: 'TINH-79' })).created).toBe(true);
    expect(book.lastSequence).toBe(2);
  });

  it('issues the same item numbers for the same seed and different ones for another', () => {
    const a = createOrderBook({ seed: 'x', stepMs: 0 }).create(input('1')).order.soHieuBuuGui;
    const b = createOrderBook({ seed: 'x', stepMs: 0 }).create(input('1')).order.soHieuBuuGui;
    const c = createOrderBook({ seed: 'y', stepMs: 0 }).create(input('1')).order.soHieuBuuGui;
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('advances registered → collecting → delivered, numbering history and feed without gaps', () => {
    const book = createOrderBook({ seed: 's', stepMs: 0 });
    const a = book.create(input('a')).order.soHieuBuuGui;
    const b = book.create(input('b')).order.soHieuBuuGui;
    expect(book.advance(a)).toBe(true);
    expect(book.advance(b)).toBe(true);
    expect(book.advance(a)).toBe(true);
    expect(book.advance(a)).toBe(false);
    expect(book.get(a)!.history.map((e) => [e.stt, e.trangThai, e.ma])).toEqual([
      [1, 1, 'DK'],
      [2, 2, 'TG'],
      [3, 3, 'PT'],
    ]);
    expect(book.changes(0, 100).map((c) => [c.thuTu, c.soHieuBuuGui, c.stt])).toEqual([
      [1, a, 1],
      [2, b, 1],
      [3, a, 2],
      [4, b, 2],
      [5, a, 3],
    ]);
    expect(book.changes(3, 1).map((c) => c.thuTu)).toEqual([4]);
  });

  it('cancels until delivered, once, and refuses after delivery', () => {
    const book = createOrderBook({ seed: 's', stepMs: 0 });
    const a = book.create(input('a')).order.soHieuBuuGui;
    expect(book.cancel(a, 'công dân tự nộp')).toMatchObject({ kind: 'cancelled', order: { trangThai: 4 } });
    expect(book.cancel(a, 'again').kind).toBe('cancelled');
    expect(book.get(a)!.history.map((e) => e.trangThai)).toEqual([1, 4]);
    expect(book.get(a)!.history[1]!.moTa).toContain('công dân tự nộp');
    expect(book.advance(a)).toBe(false);
    const b = book.create(input('b')).order.soHieuBuuGui;
    book.advance(b);
    book.advance(b);
    expect(book.cancel(b, '').kind).toBe('delivered');
    expect(book.cancel('EA123456785VN', '').kind).toBe('not_found');
  });

  it('moves orders by itself every stepMs until delivered', async () => {
    const book = createOrderBook({ seed: 's', stepMs: 10 });
    try {
      const a = book.create(input('a')).order.soHieuBuuGui;
      while (book.get(a)!.order.trangThai !== 3) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 40));
      expect(book.get(a)!.history.map((e) => e.trangThai)).toEqual([1, 2, 3]);
    } finally {
      book.close();
    }
  });
});
