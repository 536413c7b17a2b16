import { validateItemNumber } from '@ndxp/contracts';
import type { ChangeEntry, OrderRecord, StatusEvent } from './order';
import { startSimulator, type Simulator } from './server';

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

async function post(sim: Simulator, path: string, json: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function get(sim: Simulator, path: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}${path}`);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('simulator HTTP API', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, stepMs: 0 });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('creates an order (201) with a valid item number, then answers 200 with the same order for the same order number', async () => {
    const first = await post(sim, '/bccI/v1/don-hang', body('DH-1'));
    expect(first.status).toBe(201);
    const order = first.json as unknown as OrderRecord;
    expect(validateItemNumber(order.soHieuBuuGui)).toMatchObject({ valid: true, prefix: 'EC' });
    expect(order).toMatchObject({ trangThai: 1, thamChieu: 'TINH-01-LGSP', nguoiGui: { dienThoai: '0987654321' } });
    const again = await post(sim, '/bccI/v1/don-hang', body('DH-1', { moTa: 'retry' }));
    expect(again).toEqual({ status: 200, json: first.json });
  });

  it('answers 400 naming the field of a bad order', async () => {
    const noPhone = await post(sim, '/bccI/v1/don-hang', body('DH-2', { nguoiNhan: { ...party('48'), dienThoai: '' } }));
    expect(noPhone).toMatchObject({ status: 400, json: { truong: 'nguoiNhan.dienThoai' } });
    const badProvince = await post(sim, '/bccI/v1/don-hang', body('DH-2', { nguoiGui: { ...party('03') } }));
    expect(badProvince).toMatchObject({ status: 400, json: { truong: 'nguoiGui.tinh' } });
    const notJson = await fetch(`${sim.url}/bccI/v1/don-hang`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('tracks an order with its history, and 404 for an unknown one', async () => {
    const order = (await post(sim, '/bccI/v1/don-hang', body('DH-3'))).json as unknown as OrderRecord;
    sim.orders.advance(order.soHieuBuuGui);
    const tracked = await get(sim, `/bccI/v1/don-hang/${order.soHieuBuuGui.toLowerCase()}`);
    expect(tracked.status).toBe(200);
    expect((tracked.json['lichSu'] as StatusEvent[]).map((e) => [e.stt, e.trangThai])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect((await get(sim, '/bccI/v1/don-hang/EA123456785VN')).status).toBe(404);
  });

  it('answers 404 for a valid item number of another post (not held here) and 400 for a bad check digit', async () => {
    for (const path of ['/bccI/v1/don-hang/RB473124829SG', '/bccI/v1/don-hang/CP908172638DE']) {
      expect(await get(sim, path)).toMatchObject({ status: 404, json: { maLoi: 'KHONG_TIM_THAY' } });
    }
    expect(await post(sim, '/bccI/v1/don-hang/RB473124829SG/huy', {})).toMatchObject({ status: 404, json: { maLoi: 'KHONG_TIM_THAY' } });
    for (const bad of ['RB473124828SG', 'EA123456784VN', 'EA12345678VN']) {
      expect(await get(sim, `/bccI/v1/don-hang/${bad}`)).toMatchObject({ status: 400, json: { truong: 'soHieu' } });
      expect(await post(sim, `/bccI/v1/don-hang/${bad}/huy`, {})).toMatchObject({ status: 400, json: { truong: 'soHieu' } });
    }
  });

  it('cancels an undelivered order and answers 409 once it is delivered', async () => {
    const a = (await post(sim, '/bccI/v1/don-hang', body('DH-4'))).json as unknown as OrderRecord;
    expect(await post(sim, `/bccI/v1/don-hang/${a.soHieuBuuGui}/huy`, { lyDo: 'tự nộp' })).toMatchObject({
      status: 200,
      json: { trangThai: 4 },
    });
    const b = (await post(sim, '/bccI/v1/don-hang', body('DH-5'))).json as unknown as OrderRecord;
    sim.orders.advance(b.soHieuBuuGui);
    sim.orders.advance(b.soHieuBuuGui);
    expect(await post(sim, `/bccI/v1/don-hang/${b.soHieuBuuGui}/huy`, {})).toMatchObject({ status: 409, json: { maLoi: 'DA_PHAT' } });
  });

  it('quotes postage and names a bad field', async () => {
    const q = await post(sim, '/bccI/v1/cuoc', { tinhGui: '01', tinhNhan: '79', khoiLuong: 500, loaiDichVu: 1, tienThuHo: 0 });
    expect(q).toEqual({ status: 200, json: { cuocPhi: 30_000, phiThuHo: 0, soNgayDuKien: 4, vung: 'xa' } });
    expect(await post(sim, '/bccI/v1/cuoc', { tinhGui: '01', tinhNhan: '00' })).toMatchObject({
      status: 400,
      json: { truong: 'tinhNhan' },
    });
  });

  it('pages through the change feed in order from a cursor', async () => {
    const all = (await get(sim, '/bccI/v1/thay-doi?sau=0&gioiHan=1000')).json;
    const changes = all['thayDoi'] as ChangeEntry[];
    expect(changes.map((c) => c.thuTu)).toEqual(changes.map((_, i) => i + 1));
    expect(all).toMatchObject({ cuoi: changes.length, conNua: false });
    const page = (await get(sim, '/bccI/v1/thay-doi?sau=2&gioiHan=2')).json;
    expect((page['thayDoi'] as ChangeEntry[]).map((c) => c.thuTu)).toEqual([3, 4]);
    expect(page).toMatchObject({ cuoi: 4, conNua: true });
    expect((await get(sim, `/bccI/v1/thay-doi?sau=${changes.length}`)).json).toMatchObject({ thayDoi: [], cuoi: changes.length });
    expect((await get(sim, '/bccI/v1/thay-doi?sau=-1')).status).toBe(400);
  });

  it('moves orders through their states by itself at SIM_STEP_MS', async () => {
    const fast = await startSimulator({ port: 0, stepMs: 20 });
    try {
      const order = (await post(fast, '/bccI/v1/don-hang', body('DH-T'))).json as unknown as OrderRecord;
      let state = 1;
      while (state !== 3) {
        await new Promise((r) => setTimeout(r, 10));
        state = ((await get(fast, `/bccI/v1/don-hang/${order.soHieuBuuGui}`)).json['donHang'] as OrderRecord).trangThai;
      }
      const feed = (await get(fast, '/bccI/v1/thay-doi')).json['thayDoi'] as ChangeEntry[];
      expect(feed.map((c) => [c.stt, c.trangThai, c.thamChieu])).toEqual([
        [1, 1, 'TINH-01-LGSP'],
        [2, 2, 'TINH-01-LGSP'],
        [3, 3, 'TINH-01-LGSP'],
      ]);
    } finally {
      await fast.close();
    }
  });

  it('answers 503 at the configured error rate and delays by the configured latency', async () => {
    const failing = await startSimulator({ port: 0, errorRate: 1 });
    const slow = await startSimulator({ port: 0, latencyMs: 150 });
    try {
      expect((await get(failing, '/bccI/v1/thay-doi')).status).toBe(503);
      const t0 = Date.now();
      expect((await get(slow, '/bccI/v1/thay-doi')).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    } finally {
      await failing.close();
      await slow.close();
    }
  });
});
