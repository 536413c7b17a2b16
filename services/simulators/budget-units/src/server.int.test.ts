import { createDataset } from './dataset';
import type { NationalSearchPage } from './record';
import { withSimulator } from '@ndxp/simulator-kit';
import { startSimulator } from './server';

describe('simulator HTTP API', () => {
  const dataset = createDataset({ seed: 'http-test', size: 5000 });
  const sim = withSimulator((o) => startSimulator({ dataset, ...o }));

  it('answers 200 JSON with the unit of a known code', async () => {
    const code = dataset.sampleCodes(3)[1]!;
    const res = await sim.fetch(`/msns/v1/don-vi/${code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual(dataset.get(code));
  });

  it('answers 404 for a well-formed unknown code and 400 for a malformed one', async () => {
    const known = new Set(dataset.all().map((u) => u.maSo));
    const unknown = ['1999999', '1999998', '1999997'].find((c) => !known.has(c))!;
    expect(await sim.getJson(`/msns/v1/don-vi/${unknown}`)).toEqual({
      status: 404,
      body: expect.objectContaining({ maLoi: 'KHONG_TIM_THAY' }),
    });
    for (const bad of ['123456', '12345678', '101234a', '%E0%A4%A', '']) {
      expect([bad, (await sim.getJson(`/msns/v1/don-vi/${bad}`)).status]).toEqual([bad, 400]);
    }
  });

  it('pages through every match of a search with no duplicate or gap', async () => {
    const query = `ten=${encodeURIComponent('truong tieu hoc')}`;
    const seen: string[] = [];
    let total = -1;
    for (let trang = 1; trang < 1000; trang++) {
      const { status, body } = await sim.getJson(`/msns/v1/don-vi?${query}&trang=${trang}&kichThuoc=37`);
      expect(status).toBe(200);
      const page = body as NationalSearchPage;
      total = page.tongSo;
      expect(page).toMatchObject({ trang, kichThuoc: 37 });
      if (page.duLieu.length === 0) break;
      seen.push(...page.duLieu.map((u) => u.maSo));
    }
    expect(total).toBeGreaterThan(37 * 3);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual(dataset.search({ ten: 'Trường Tiểu học', trang: 1, kichThuoc: 100_000 }).duLieu.map((u) => u.maSo));
  });

  it('filters by managing authority and defaults to page 1 of 20', async () => {
    const authority = dataset.all()[0]!.coQuanChuQuan;
    const { body } = await sim.getJson(`/msns/v1/don-vi?coQuanChuQuan=${encodeURIComponent(authority)}`);
    const page = body as NationalSearchPage;
    expect(page).toMatchObject({ trang: 1, kichThuoc: 20 });
    expect(page.tongSo).toBeGreaterThan(0);
    expect(page.duLieu.every((u) => u.coQuanChuQuan === authority)).toBe(true);
  });

  it('answers 400 for a page below 1 or a page size outside 1..100', async () => {
    for (const q of ['trang=0', 'trang=-1', 'trang=x', 'kichThuoc=0', 'kichThuoc=101', 'kichThuoc=1.5']) {
      expect([q, (await sim.getJson(`/msns/v1/don-vi?${q}`)).status]).toEqual([q, 400]);
    }
  });

  it('answers /healthz without counting it as a lookup', async () => {
    const before = sim.server.lookups;
    expect(await sim.getJson('/healthz')).toEqual({ status: 200, body: { trangThai: 'ok', soDonVi: 5000 } });
    expect(sim.server.lookups).toBe(before);
  });

  it('answers 503 at the configured error rate and delays by the configured latency', async () => {
    const failing = await sim.start({ errorRate: 1 });
    const slow = await sim.start({ latencyMs: 150 });
    const code = dataset.sampleCodes(1)[0]!;
    expect((await failing.fetch(`/msns/v1/don-vi/${code}`)).status).toBe(503);
    expect((await failing.fetch('/msns/v1/don-vi?trang=1')).status).toBe(503);
    const t0 = Date.now();
    expect((await slow.fetch(`/msns/v1/don-vi/${code}`)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});
