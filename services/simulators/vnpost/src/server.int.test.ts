import { validateItemNumber } from '@ndxp/contracts';
import type { ChangeEntry, OrderRecord, StatusEvent } from './order';
import { withSimulator } from '@ndxp/simulator-kit';
import { startSimulator, type SimulatorOptions } from './server';

const party = (tinh: string) => ({ hoTen: 'Trần Thị B', dienThoai: '0987 654 321', tinh, diaChi: '12 Lê Lợi' });
const body = (soDonHang: string, over: Record<string, unknown> = {}) => ({
  maKhachHang: 'TINH-01',
  soDonHang,
  loaiDichVu: 3,
  nguoiGui: party('01'),
  nguoiNhan: party('48'),
  maHoSo: 'H01.01-211201-0001',
  khoiLuong: 800,
  thamChieu: 'TINH-01-LGSP',
  ...over,
});

type Json = Record<string, unknown>;

describe('simulator HTTP API', () => {
  const sim = withSimulator((o?: SimulatorOptions) => startSimulator({ stepMs: 0, ...o }));

  it('creates an order (201) with a valid item number, then answers 200 with the same order for the same order number', async () => {
    const first = await sim.postJson<OrderRecord>('/bccI/v1/don-hang', body('DH-1'));
    expect(first.status).toBe(201);
    const order = first.body;
    expect(validateItemNumber(order.soHieuBuuGui)).toMatchObject({ valid: true, prefix: 'EC' });
    expect(order).toMatchObject({ trangThai: 1, thamChieu: 'TINH-01-LGSP', nguoiGui: { dienThoai: '0987654321' } });
    const again = await sim.postJson<Json>('/bccI/v1/don-hang', body('DH-1', { moTa: 'retry' }));
    expect(again).toEqual({ status: 200, body: first.body });
  });

  it('answers 400 naming the field of a bad order', async () => {
    const noPhone = await sim.postJson<Json>('/bccI/v1/don-hang', body('DH-2', { nguoiNhan: { ...party('48'), dienThoai: '' } }));
    expect(noPhone).toMatchObject({ status: 400, body: { truong: 'nguoiNhan.dienThoai' } });
    const badProvince = await sim.postJson<Json>('/bccI/v1/don-hang', body('DH-2', { nguoiGui: { ...party('03') } }));
    expect(badProvince).toMatchObject({ status: 400, body: { truong: 'nguoiGui.tinh' } });
    const notJson = await sim.fetch('/bccI/v1/don-hang', { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('tracks an order with its history, and 404 for an unknown one', async () => {
    const order = (await sim.postJson<OrderRecord>('/bccI/v1/don-hang', body('DH-3'))).body;
    sim.server.orders.advance(order.soHieuBuuGui);
    const tracked = await sim.getJson<Json>(`/bccI/v1/don-hang/${order.soHieuBuuGui.toLowerCase()}`);
    expect(tracked.status).toBe(200);
    expect((tracked.body['lichSu'] as StatusEvent[]).map((e) => [e.stt, e.trangThai])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect((await sim.getJson<Json>('/bccI/v1/don-hang/EA123456785VN')).status).toBe(404);
  });

  it('answers 404 for a valid item number of another post (not held here) and 400 for a bad check digit', async () => {
    for (const path of ['/bccI/v1/don-hang/RB473124829SG', '/bccI/v1/don-hang/CP908172638DE']) {
      expect(await sim.getJson<Json>(path)).toMatchObject({ status: 404, body: { maLoi: 'KHONG_TIM_THAY' } });
    }
    expect(await sim.postJson<Json>('/bccI/v1/don-hang/RB473124829SG/huy', {})).toMatchObject({
      status: 404,
      body: { maLoi: 'KHONG_TIM_THAY' },
    });
    for (const bad of ['RB473124828SG', 'EA123456784VN', 'EA12345678VN']) {
      expect(await sim.getJson<Json>(`/bccI/v1/don-hang/${bad}`)).toMatchObject({ status: 400, body: { truong: 'soHieu' } });
      expect(await sim.postJson<Json>(`/bccI/v1/don-hang/${bad}/huy`, {})).toMatchObject({ status: 400, body: { truong: 'soHieu' } });
    }
  });

  it('cancels an undelivered order and answers 409 once it is delivered', async () => {
    const a = (await sim.postJson<OrderRecord>('/bccI/v1/don-hang', body('DH-4'))).body;
    expect(await sim.postJson<Json>(`/bccI/v1/don-hang/${a.soHieuBuuGui}/huy`, { lyDo: 'tự nộp' })).toMatchObject({
      status: 200,
      body: { trangThai: 4 },
    });
    const b = (await sim.postJson<OrderRecord>('/bccI/v1/don-hang', body('DH-5'))).body;
    sim.server.orders.advance(b.soHieuBuuGui);
    sim.server.orders.advance(b.soHieuBuuGui);
    expect(await sim.postJson<Json>(`/bccI/v1/don-hang/${b.soHieuBuuGui}/huy`, {})).toMatchObject({
      status: 409,
      body: { maLoi: 'DA_PHAT' },
    });
  });

  it('quotes postage and names a bad field', async () => {
    const q = await sim.postJson<Json>('/bccI/v1/cuoc', { tinhGui: '01', tinhNhan: '79', khoiLuong: 500, loaiDichVu: 1, tienThuHo: 0 });
    expect(q).toEqual({ status: 200, body: { cuocPhi: 30_000, phiThuHo: 0, soNgayDuKien: 4, vung: 'xa' } });
    expect(await sim.postJson<Json>('/bccI/v1/cuoc', { tinhGui: '01', tinhNhan: '00' })).toMatchObject({
      status: 400,
      body: { truong: 'tinhNhan' },
    });
  });

  it('pages through the change feed in order from a cursor', async () => {
    const all = (await sim.getJson<Json>('/bccI/v1/thay-doi?sau=0&gioiHan=1000')).body;
    const changes = all['thayDoi'] as ChangeEntry[];
    expect(changes.map((c) => c.thuTu)).toEqual(changes.map((_, i) => i + 1));
    expect(all).toMatchObject({ cuoi: changes.length, conNua: false });
    const page = (await sim.getJson<Json>('/bccI/v1/thay-doi?sau=2&gioiHan=2')).body;
    expect((page['thayDoi'] as ChangeEntry[]).map((c) => c.thuTu)).toEqual([3, 4]);
    expect(page).toMatchObject({ cuoi: 4, conNua: true });
    expect((await sim.getJson<Json>(`/bccI/v1/thay-doi?sau=${changes.length}`)).body).toMatchObject({ thayDoi: [], cuoi: changes.length });
    expect((await sim.getJson<Json>('/bccI/v1/thay-doi?sau=-1')).status).toBe(400);
  });

  it('moves orders through their states by itself at SIM_STEP_MS', async () => {
    const fast = await sim.start({ stepMs: 20 });
    const order = (await fast.postJson<OrderRecord>('/bccI/v1/don-hang', body('DH-T'))).body;
    let state = 1;
    while (state !== 3) {
      await new Promise((r) => setTimeout(r, 10));
      state = ((await fast.getJson<Json>(`/bccI/v1/don-hang/${order.soHieuBuuGui}`)).body['donHang'] as OrderRecord).trangThai;
    }
    const feed = (await fast.getJson<Json>('/bccI/v1/thay-doi')).body['thayDoi'] as ChangeEntry[];
    expect(feed.map((c) => [c.stt, c.trangThai, c.thamChieu])).toEqual([
      [1, 1, 'TINH-01-LGSP'],
      [2, 2, 'TINH-01-LGSP'],
      [3, 3, 'TINH-01-LGSP'],
    ]);
  });

  it('answers 503 at the configured error rate and delays by the configured latency', async () => {
    const failing = await sim.start({ errorRate: 1 });
    const slow = await sim.start({ latencyMs: 150 });
    expect((await failing.getJson<Json>('/bccI/v1/thay-doi')).status).toBe(503);
    const t0 = Date.now();
    expect((await slow.getJson<Json>('/bccI/v1/thay-doi')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});
