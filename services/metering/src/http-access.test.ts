// Who gets what from metering's HTTP API (issue 13), on a real server: every route but /healthz
// and the sign-in refuses a caller without a token (401), with an LGSP's or a data owner's token
// (403: reports name every agency), an expired, revoked or foreign-signed token (401); oversight
// and ops are let in;
// the dashboard sends a person without a session to the sign-in page, which sets a secure cookie.
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, tokenAccess, TokenVerifier } from '@ndxp/runtime';
import { openSqliteLedgerStore, type LedgerStore } from '@ndxp/store';
import { makeTestCerts, testTokenIssuer, type TestCerts, type TestTokenIssuer } from '@ndxp/testing';
import { HTTP_ROUTES, serveHttpApi, type HttpApi } from './http-api';
import { HTTP_ACCESS } from './metering-access';
import { SNAPSHOT } from './registry.fixture';
import { createReports } from './reports';

const logger = createLogger({ service: 'metering-test', level: 'silent' });
const API = HTTP_ROUTES.filter((r) => r.startsWith('/api/'));

describe('metering HTTP API access', () => {
  let store: LedgerStore;
  let api: HttpApi;
  let base: string;
  let issuer: TestTokenIssuer;
  let verifier: TokenVerifier;
  beforeAll(async () => {
    store = openSqliteLedgerStore(':memory:');
    issuer = await testTokenIssuer();
    verifier = new TokenVerifier();
    await verifier.setKeys([issuer.tokenKey]);
    const reports = createReports({ store, snapshot: async () => SNAPSHOT });
    api = await serveHttpApi({ host: '127.0.0.1', port: 0, reports, logger, access: tokenAccess(verifier, HTTP_ACCESS) });
    base = `http://127.0.0.1:${api.port}`;
  });
  afterAll(async () => {
    await api.stop();
    await store.close();
  });

  const get = (path: string, token?: string): Promise<Response> =>
    fetch(`${base}${path}`, { redirect: 'manual', headers: token ? { authorization: `Bearer ${token}` } : {} });
  const code = async (res: Response): Promise<string> => ((await res.json()) as { code: string }).code;

  it('has a rule for every route it serves, and only /healthz, /signin and /signout are public', () => {
    expect(HTTP_ROUTES.filter((r) => !HTTP_ACCESS[r])).toEqual([]);
    expect(HTTP_ROUTES.filter((r) => HTTP_ACCESS[r]?.public === true).sort()).toEqual(['/healthz', '/signin', '/signout']);
    expect(Object.keys(HTTP_ACCESS).sort()).toEqual([...HTTP_ROUTES].sort());
  });

  it('refuses a route of the API with no token (401), a token lacking the role (403), and expired, revoked or foreign tokens (401)', async () => {
    const lgsp = await issuer.token('tinh-01', ['lgsp:TINH-01-LGSP']);
    const owner = await issuer.token('dkdn', ['owner:BO-BKHDT-DKDN']);
    const expired = await issuer.token('giam-sat-02', ['oversight'], { expiresInS: -1 });
    const revoked = await issuer.token('giam-sat-03', ['oversight'], { keyId: 'at_revoked_http' });
    verifier.revoke({ keyId: 'at_revoked_http', expiresAtMs: Date.now() + 600_000 });
    const foreign = await (await testTokenIssuer()).token('giam-sat-04', ['oversight']);
    for (const path of API) {
      const none = await get(path);
      expect([path, none.status, await code(none)]).toEqual([path, 401, 'client.unauthenticated']);
      for (const t of [lgsp, owner]) {
        const res = await get(path, t);
        expect([path, res.status, await code(res)]).toEqual([path, 403, 'client.permission_denied']);
      }
      for (const t of [expired, revoked, foreign, 'not-a-token']) {
        const res = await get(path, t);
        expect([path, res.status, await code(res)]).toEqual([path, 401, 'client.unauthenticated']);
      }
    }
  });

  it('lets oversight and ops read every route of the API', async () => {
    for (const roles of [['oversight'], ['ops']]) {
      const token = await issuer.token('someone', roles);
      for (const path of API) expect([path, (await get(`${path}?date=2021-12-01`, token)).status]).toEqual([path, 200]);
    }
  });

  it('sends a person without a session from the dashboard to the sign-in page, in Vietnamese first', async () => {
    for (const path of ['/', '/dashboard']) {
      const res = await get(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/signin');
    }
    const page = await (await get('/signin')).text();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('Mã truy cập');
  });

  it('signs in with a token: an HttpOnly, SameSite=Strict cookie that opens the dashboard and the API, until sign-out', async () => {
    const token = await issuer.token('giam-sat-01', ['oversight'], { expiresInS: 900 });
    const res = await fetch(`${base}/signin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^ndxp_session=[^;]+; Max-Age=(89\d|900); Path=\/; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0]!;
    const page = await fetch(`${base}/`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('signout');
    expect((await fetch(`${base}/api/report?group=total`, { headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${base}/signout`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^ndxp_session=; Max-Age=0;/);
  });

  it('refuses to sign in with a token lacking the role (403) or an invalid one (401), and says why on the page', async () => {
    const post = (token: string): Promise<Response> =>
      fetch(`${base}/signin`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${encodeURIComponent(token)}`,
      });
    const lgsp = await post(await issuer.token('tinh-01', ['lgsp:TINH-01-LGSP']));
    expect(lgsp.status).toBe(403);
    expect(lgsp.headers.get('set-cookie')).toBeNull();
    expect(await lgsp.text()).toContain('không có quyền');
    const bad = await post('<script>alert(1)</script>');
    expect(bad.status).toBe(401);
    const html = await bad.text();
    expect(html).toContain('không hợp lệ');
    expect(html).not.toContain('<script>alert');
  });

  it('keeps /healthz open and answers unknown paths 404', async () => {
    expect(await (await get('/healthz')).text()).toBe('ok\n');
    expect((await get('/api/nothing')).status).toBe(404);
  });

  it('will not start with a route that has no rule', async () => {
    const { ['/api/connected']: _dropped, ...rules } = HTTP_ACCESS;
    const reports = createReports({ store, snapshot: async () => SNAPSHOT });
    await expect(serveHttpApi({ host: '127.0.0.1', port: 0, reports, logger, access: tokenAccess(verifier, rules) })).rejects.toThrow(
      'no access rule for /api/connected',
    );
  });
});

describe('metering HTTP API over TLS', () => {
  let store: LedgerStore;
  let api: HttpApi;
  let issuer: TestTokenIssuer;
  let certs: TestCerts;
  beforeAll(async () => {
    store = openSqliteLedgerStore(':memory:');
    issuer = await testTokenIssuer();
    const verifier = new TokenVerifier();
    await verifier.setKeys([issuer.tokenKey]);
    certs = makeTestCerts(mkdtempSync(join(tmpdir(), 'ndxp-metering-tls-')));
    const reports = createReports({ store, snapshot: async () => SNAPSHOT });
    const tls = { cert: readFileSync(certs.serverCertFile), key: readFileSync(certs.serverKeyFile) };
    api = await serveHttpApi({ host: '127.0.0.1', port: 0, reports, logger, access: tokenAccess(verifier, HTTP_ACCESS), tls });
  });
  afterAll(async () => {
    await api.stop();
    await store.close();
  });

  const httpsGet = (
    path: string,
    headers: Record<string, string>,
    ca = readFileSync(certs.caFile),
  ): Promise<{ status: number; cookie: string }> =>
    new Promise((resolve, reject) => {
      const req = httpsRequest(
        { host: '127.0.0.1', port: api.port, path, method: path === '/signin' ? 'POST' : 'GET', ca, servername: 'localhost', headers },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '') });
        },
      );
      req.on('error', reject);
      req.end(headers['x-body'] ?? '');
    });

  it('answers a token over TLS, marks the session cookie Secure, and gives a plaintext client nothing', async () => {
    const token = await issuer.token('giam-sat-01', ['oversight']);
    expect((await httpsGet('/api/report?group=total', { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await httpsGet('/api/report?group=total', {})).status).toBe(401);
    const body = `token=${encodeURIComponent(token)}`;
    const signin = await httpsGet('/signin', {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(body.length),
      'x-body': body,
    });
    expect(signin.status).toBe(303);
    expect(signin.cookie).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
    await expect(fetch(`http://127.0.0.1:${api.port}/api/report`, { headers: { authorization: `Bearer ${token}` } })).rejects.toThrow();
    // A client that trusts another CA does not get a connection.
    const foreign = makeTestCerts(mkdtempSync(join(tmpdir(), 'ndxp-metering-foreign-')));
    await expect(httpsGet('/api/report', { authorization: `Bearer ${token}` }, readFileSync(foreign.caFile))).rejects.toThrow();
  });
});
