// The HTTP report API on a real listening server (port 0) over an embedded ledger: JSON and CSV,
// content negotiation, errors as JSON with their codes (calls as oversight; who may call what is
// pinned in http-access.test.ts).
import { MeterEvent, Outcome, VNPOST_PROVIDER } from '@ndxp/contracts';
import { createLogger, tokenAccess, TokenVerifier } from '@ndxp/runtime';
import { testTokenIssuer } from '@ndxp/testing';
import { openSqliteLedgerStore, type LedgerStore } from '@ndxp/store';
import { SNAPSHOT } from './registry.fixture';
import { serveHttpApi, type HttpApi } from './http-api';
import { HTTP_ACCESS } from './metering-access';
import { createReports } from './reports';

const logger = createLogger({ service: 'metering-test', level: 'silent' });
const at = (m: number, d: number): number => Date.UTC(2021, m - 1, d, 9);

describe('metering HTTP report API', () => {
  let store: LedgerStore;
  let api: HttpApi;
  let base: string;
  let token: string;
  const fetch = (url: string, init: RequestInit = {}): Promise<Response> =>
    globalThis.fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
  beforeAll(async () => {
    const issuer = await testTokenIssuer();
    const verifier = new TokenVerifier();
    await verifier.setKeys([issuer.tokenKey]);
    token = await issuer.token('giam-sat-01', ['oversight']);
    store = openSqliteLedgerStore(':memory:');
    const ev = (id: string, m: number, d: number, over: Partial<MeterEvent> = {}): MeterEvent =>
      MeterEvent.fromPartial({
        requestId: id,
        consumer: 'BO-BTP-LGSP',
        provider: 'BO-BKHDT-DKDN',
        service: 'GetEnterprise',
        outcome: Outcome.OUTCOME_OK,
        code: 'ok',
        receivedAtMs: at(m, d),
        durationUs: 2_000,
        ...over,
      });
    await store.append([
      ev('a', 9, 1),
      ev('b', 10, 1),
      ev('c', 10, 2),
      ev('d', 10, 3, { outcome: Outcome.OUTCOME_CLIENT_ERROR, code: 'client.access_denied' }),
      ev('e', 10, 4, { provider: VNPOST_PROVIDER, service: 'CreateOrder' }),
    ]);
    const reports = createReports({ store, snapshot: async () => SNAPSHOT, now: () => at(11, 15) });
    api = await serveHttpApi({ host: '127.0.0.1', port: 0, reports, logger, access: tokenAccess(verifier, HTTP_ACCESS) });
    base = `http://127.0.0.1:${api.port}`;
  });
  afterAll(async () => {
    await api.stop();
    await store.close();
  });

  it('answers /api/report as JSON: months of the year to date with growth and the total', async () => {
    const res = await fetch(`${base}/api/report?from=2021-09-01&to=2021-10-31&group=month`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as {
      rows: { key: string; count: number; growth: number; hasGrowth: boolean }[];
      total: { count: number; ok: number };
    };
    expect(body.rows.map((r) => [r.key, r.count, r.hasGrowth, r.growth])).toEqual([
      ['2021-09', 1, false, 0],
      ['2021-10', 4, true, 3],
    ]);
    expect(body.total).toMatchObject({ count: 5, ok: 4 });
  });

  it('answers CSV with format=csv or Accept: text/csv, header first and a total line', async () => {
    const byQuery = await (await fetch(`${base}/api/report?from=2021-10-01&to=2021-10-31&group=provider&format=csv`)).text();
    const res = await fetch(`${base}/api/report?from=2021-10-01&to=2021-10-31&group=provider`, { headers: { accept: 'text/csv' } });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const byAccept = await res.text();
    expect(byAccept).toBe(byQuery);
    const lines = byAccept.trimEnd().split('\r\n');
    expect(lines[0]).toBe('key,count,ok,client_errors,server_errors,success_rate,p50_ms,p95_ms,p99_ms,days,per_day,growth');
    expect(lines[1]).toMatch(/^BO-BKHDT-DKDN,3,2,1,0,0\.6667,2\.2630,/);
    expect(lines[3]).toMatch(/^total,4,3,1,0,0\.7500,/);
  });

  it('answers /api/compliance for a date from the registry and first ok days', async () => {
    const body = (await (await fetch(`${base}/api/compliance?date=2021-12-01`)).json()) as { compliant: number; notCompliant: string[] };
    expect(body).toMatchObject({ compliant: 1, notCompliant: ['BO-BYT', 'TINH-01'] });
    const csv = await (await fetch(`${base}/api/compliance?date=2021-12-01&format=csv`)).text();
    expect(csv.split('\r\n')[1]).toMatch(/^BO-BTP,Bộ Tư pháp,BO-BTP-LGSP,BO,true,,/);
  });

  it('starts every CSV with a UTF-8 byte-order mark, so that Excel reads Vietnamese names as they are', async () => {
    for (const path of ['/api/compliance?date=2021-12-01', '/api/report?group=month&from=2021-10-01&to=2021-10-31', '/api/connected']) {
      const bytes = Buffer.from(
        await (await fetch(`${base}${path}&format=csv`.replace('/api/connected&', '/api/connected?'))).arrayBuffer(),
      );
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3, 6).toString()).not.toMatch(/^\uFEFF/);
    }
    const json = Buffer.from(await (await fetch(`${base}/api/compliance?date=2021-12-01`)).arrayBuffer());
    expect(json[0]).toBe('{'.charCodeAt(0));
  });

  it('answers bad input with 400 and the stable code and field; unknown paths with 404; /healthz ok', async () => {
    const bad = await fetch(`${base}/api/report?from=2021-13-01`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'client.invalid_argument', field: 'from_day' });
    expect((await fetch(`${base}/api/report?group=agency`)).status).toBe(400);
    expect((await fetch(`${base}/api/nothing`)).status).toBe(404);
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok\n');
  });
});
