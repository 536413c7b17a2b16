import { XMLParser } from 'fast-xml-parser';
import { createDataset } from './dataset';
import type { EventCode } from '@ndxp/contracts';
import { withSimulator, type SimulatorClient } from '@ndxp/simulator-kit';
import { startSimulator, type Simulator } from './server';

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true });
type Parsed = { Envelope: { Body: Record<string, Record<string, unknown>> } };

function request(event: string, key: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ht="urn:hotich.moj.gov.vn:ws:v1">' +
    `<soapenv:Header/><soapenv:Body><ht:tracuuSuKienHoTich><loaiSuKien>${event}</loaiSuKien>${key}</ht:tracuuSuKienHoTich>` +
    '</soapenv:Body></soapenv:Envelope>'
  );
}

async function post(
  sim: SimulatorClient<Simulator>,
  body: string,
): Promise<{ status: number; type: string | null; body: Parsed['Envelope']['Body'] }> {
  const res = await sim.fetch('/hotich/ws', {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"tracuuSuKienHoTich"' },
    body,
  });
  const parsed = parser.parse(await res.text(), true) as Parsed;
  return { status: res.status, type: res.headers.get('content-type'), body: parsed.Envelope.Body };
}

const faultOf = (body: Parsed['Envelope']['Body']): { faultcode: unknown; maLoi: unknown } => {
  const f = body['Fault'] as { faultcode: unknown; detail: { loiHoTich: { maLoi: unknown } } };
  return { faultcode: f.faultcode, maLoi: f.detail.loiHoTich.maLoi };
};

describe('simulator SOAP web service', () => {
  const dataset = createDataset({ seed: 'soap-test', size: 3000 });
  const sim = withSimulator((o) => startSimulator({ dataset, ...o }));

  it.each(['KS', 'KT', 'KH', 'XNTTHN'] as EventCode[])('answers a %s record by personal ID and by register entry', async (event) => {
    const id = dataset.samplePersonalIds(1, event)[0]!;
    const byId = await post(sim, request(event, `<soDinhDanh>${id}</soDinhDanh>`));
    expect(byId.status).toBe(200);
    expect(byId.type).toMatch(/^text\/xml/);
    expect(byId.body['tracuuSuKienHoTichResponse']!['ketQua']).toEqual(dataset.find(event, { personalId: id }));

    const key = dataset.sampleRegisterKeys(1, event)[0]!;
    const xmlKey = `<so>${key.so}</so><quyenSo>${key.quyenSo}</quyenSo><noiDangKy>${key.noiDangKy}</noiDangKy>`;
    const byRegister = await post(sim, request(event, xmlKey));
    expect(byRegister.status).toBe(200);
    expect(byRegister.body['tracuuSuKienHoTichResponse']!['ketQua']).toEqual(dataset.find(event, key));
  });

  it('answers 404 with a Client fault KHONG_TIM_THAY for a valid number it does not know', async () => {
    const answer = await post(sim, request('KS', '<soDinhDanh>001090000000</soDinhDanh>'));
    expect(answer.status).toBe(404);
    expect(faultOf(answer.body)).toEqual({ faultcode: 'soap:Client', maLoi: 'KHONG_TIM_THAY' });
  });

  it('answers 400 with a Client fault for malformed requests', async () => {
    const cases: Array<[string, string]> = [
      ['<not-soap/>', 'YEU_CAU_KHONG_HOP_LE'],
      ['<<<', 'YEU_CAU_KHONG_HOP_LE'],
      [request('KS', '<soDinhDanh>12345</soDinhDanh>'), 'SO_DINH_DANH_KHONG_HOP_LE'],
      [request('XX', '<soDinhDanh>001090000000</soDinhDanh>'), 'LOAI_SU_KIEN_KHONG_HOP_LE'],
      [request('KS', '<so>1</so>'), 'SO_DANG_KY_KHONG_HOP_LE'],
    ];
    for (const [body, maLoi] of cases) {
      const answer = await post(sim, body);
      expect([answer.status, faultOf(answer.body)]).toEqual([400, { faultcode: 'soap:Client', maLoi }]);
    }
  });

  it('refuses other methods and paths, answers /healthz, and counts only service calls', async () => {
    const before = sim.server.lookups;
    expect((await sim.fetch('/hotich/ws')).status).toBe(405);
    expect((await sim.fetch('/other', { method: 'POST' })).status).toBe(404);
    const health = await sim.fetch('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ trangThai: 'ok', soBanGhi: dataset.counts });
    expect(sim.server.lookups).toBe(before);
    await post(sim, request('KS', '<soDinhDanh>001090000000</soDinhDanh>'));
    expect(sim.server.lookups).toBe(before + 1);
  });

  it('refuses a request body over 64 KiB with a Client fault', async () => {
    const answer = await post(sim, request('KS', `<soDinhDanh>${'0'.repeat(70_000)}</soDinhDanh>`));
    expect([answer.status, faultOf(answer.body).maLoi]).toEqual([400, 'YEU_CAU_QUA_LON']);
  });

  it('answers HTTP 500 Server faults at the configured error rate and delays by the configured latency', async () => {
    const failing = await sim.start({ errorRate: 1 });
    const slow = await sim.start({ latencyMs: 150 });
    const id = dataset.samplePersonalIds(1)[0]!;
    const failed = await post(failing, request('KS', `<soDinhDanh>${id}</soDinhDanh>`));
    expect([failed.status, faultOf(failed.body)]).toEqual([500, { faultcode: 'soap:Server', maLoi: 'HE_THONG_BAN' }]);
    const t0 = Date.now();
    expect((await post(slow, request('KS', `<soDinhDanh>${id}</soDinhDanh>`))).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});
