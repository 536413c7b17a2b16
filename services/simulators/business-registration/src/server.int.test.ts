import { createDataset } from './dataset';
import { withSimulator } from '@ndxp/simulator-kit';
import { startSimulator } from './server';

describe('simulator HTTP API', () => {
  const dataset = createDataset({ seed: 'http-test', size: 2000 });
  const sim = withSimulator((o) => startSimulator({ dataset, ...o }));

  it('answers 200 with the record of a known code', async () => {
    const code = dataset.sampleTaxCodes(1)[0]!;
    const res = await sim.fetch(`/dkdn/v1/enterprises/${code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual(dataset.get(code));
  });

  it('answers 200 for a branch code', async () => {
    const branch = dataset.sampleTaxCodes(dataset.count).find((c) => c.includes('-'))!;
    const res = await sim.fetch(`/dkdn/v1/enterprises/${branch}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { maDonViChuQuan: string }).maDonViChuQuan).toBe(branch.slice(0, 10));
  });

  it('answers 404 JSON for a well-formed unknown code', async () => {
    const res = await sim.fetch('/dkdn/v1/enterprises/0100109106');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ maLoi: 'NOT_FOUND' });
  });

  it('answers 400 for a malformed code', async () => {
    for (const bad of ['12345', '010010910a', '0100109106-01', '%20']) {
      const res = await sim.fetch(`/dkdn/v1/enterprises/${bad}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ maLoi: 'INVALID_TAX_CODE' });
    }
  });

  it('answers /healthz and counts only enterprise lookups', async () => {
    const before = sim.server.lookups;
    const res = await sim.fetch('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ trangThai: 'ok', soBanGhi: dataset.count });
    expect(sim.server.lookups).toBe(before);
  });

  it('answers 503 at the configured error rate and delays by the configured latency', async () => {
    const failing = await sim.start({ errorRate: 1 });
    const slow = await sim.start({ latencyMs: 150 });
    const code = dataset.sampleTaxCodes(1)[0]!;
    expect((await failing.fetch(`/dkdn/v1/enterprises/${code}`)).status).toBe(503);
    const t0 = Date.now();
    expect((await slow.fetch(`/dkdn/v1/enterprises/${code}`)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});
