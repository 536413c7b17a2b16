// The gateway's HTTP/JSON edge on a real nats-server, with stand-ins for the registry and routing, and
// clients nobody here wrote: curl and Python requests get an OAuth2 token at /token and call a
// national service; what the gateway publishes, answers and refuses is pinned. The whole mesh (one
// ledger row per call) is test/e2e/http-edge.test.ts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Msg, NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { GetEnterpriseRequest, Header, MeshError, subjects } from '@ndxp/contracts';
import { createLogger, startTelemetry, type Telemetry } from '@ndxp/runtime';
import {
  type FakeRegistry,
  type NatsServerHandle,
  serveFakeRegistry,
  serveStandInRouting,
  STAND_IN_CHARTER_CAPITAL_VND,
  STAND_IN_ENTERPRISE_NAME,
  startNatsServer,
  waitUntil,
} from '@ndxp/testing';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { tokenSha256 } from './credential-book';
import { startGateway, type Gateway } from './gateway';

const run = promisify(execFile);
const logger = createLogger({ service: 'http-edge-test', level: 'silent' });
const CLIENT_ID = 'oc_hanoi0000001';
const SECRET = 'ndxp_cs_hanoi-secret-0123456789';
const GATEWAY_TOKEN = 'ndxp_gateway-token-0123456789';
const DETAIL = '/apiCSDLDKDN/1.0/chiTietDoanhNghiep';
const CANONICAL = '/BO-BKHDT-DKDN/v1/GetEnterprise';
const KEY_CLIENT_ID = 'oc_danang000001';
const BUSY_CLIENT_ID = 'oc_haiphong00001';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('the HTTP/JSON edge (real nats-server, stand-in registry and routing)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let gateway: Gateway;
  let telemetry: Telemetry;
  let registry: FakeRegistry;
  let base = '';
  let seen: Msg[] = [];

  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const token = async (form: Record<string, string> = { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: SECRET }) =>
    fetch(`${base}/token`, { method: 'POST', body: new URLSearchParams(form) });
  const accessToken = async (): Promise<string> => ((await (await token()).json()) as { access_token: string }).access_token;

  let clientKey: KeyLike;
  /** A private_key_jwt client assertion (RFC 7523) as a client library would make it. */
  const assertion = (over: { aud?: string; key?: KeyLike; jti?: string; lifeS?: number } = {}): Promise<string> =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(KEY_CLIENT_ID)
      .setSubject(KEY_CLIENT_ID)
      .setAudience(over.aud ?? `${base}/token`)
      .setJti(over.jti ?? `jti-${Math.random()}`)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + (over.lifeS ?? 60))
      .sign(over.key ?? clientKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    clientKey = pair.privateKey;
    const { kty, crv, x, y } = await exportJWK(pair.publicKey);
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    registry = serveFakeRegistry(nc, {
      snapshot: {
        revision: 3,
        subsystems: [{ token: 'TINH-01-LGSP' }, { token: 'TINH-02-LGSP' }, { token: 'TINH-03-LGSP' }],
        credentials: [
          { consumer: 'TINH-01-LGSP', kind: 'oauth', keyId: CLIENT_ID, tokenSha256: tokenSha256(SECRET) },
          { consumer: 'TINH-02-LGSP', kind: 'token', keyId: 'k2', tokenSha256: tokenSha256(GATEWAY_TOKEN) },
          { consumer: 'TINH-03-LGSP', kind: 'oauth', keyId: BUSY_CLIENT_ID, tokenSha256: tokenSha256(SECRET) },
          { consumer: 'TINH-01-LGSP', kind: 'oauth', keyId: KEY_CLIENT_ID, publicJwk: JSON.stringify({ kty, crv, x, y }) },
        ],
      },
    });
    // Stand-in routing: TINH-02-LGSP holds no grant, TINH-03-LGSP is over its rate; everyone else gets the tax code echoed back.
    seen = serveStandInRouting(nc, {
      'TINH-02-LGSP': new MeshError('client.access_denied'),
      'TINH-03-LGSP': new MeshError('client.rate_limited', 'rate limit of 1/s (burst 1) exceeded for TINH-03-LGSP', {
        retryAfterMs: 1_500,
      }),
    }).seen;
    await nc.flush();
    telemetry = startTelemetry({ service: 'http-edge-test' });
    gateway = await startGateway({
      nc,
      logger,
      tracer: telemetry.tracer,
      config: {
        defaultTimeoutMs: 5_000,
        maxTimeoutMs: 60_000,
        replyGraceMs: 500,
        registryResyncMs: 30_000,
        grpcAddr: '127.0.0.1:0',
        httpAddr: '127.0.0.1:0',
        tokenTtlS: 60,
        tls: undefined,
      },
    });
    base = `http://127.0.0.1:${gateway.httpPort}`;
  });

  afterAll(async () => {
    await gateway?.stop();
    await nc?.drain();
    await nats?.stop();
    await telemetry?.shutdown();
  });

  it('gives curl an access token for client credentials sent with HTTP Basic, and curl calls the national alias with its own field names', async () => {
    const basic = Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64');
    const { stdout: tokenJson } = await run('curl', [
      '-sS',
      '-X',
      'POST',
      `${base}/token`,
      '-H',
      `Authorization: Basic ${basic}`,
      '-d',
      'grant_type=client_credentials',
    ]);
    const granted = JSON.parse(tokenJson) as { access_token: string; token_type: string; expires_in: number };
    expect(granted).toMatchObject({ token_type: 'Bearer', expires_in: 60 });
    const { stdout } = await run('curl', [
      '-sS',
      '-D',
      '-',
      '-X',
      'POST',
      `${base}${DETAIL}`,
      '-H',
      `Authorization: Bearer ${granted.access_token}`,
      '-H',
      'Content-Type: application/json',
      '-H',
      'Ndxp-Request-Id: curl-0001',
      '--data',
      '{"msdn":"0100109106"}',
    ]);
    const [head, body] = stdout.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head).toMatch(/ndxp-request-id: curl-0001/i);
    expect(head).toMatch(/ndxp-receipt: r{64}/i);
    // The platform's envelope and names where the alias sets them, the mesh's names elsewhere.
    expect(JSON.parse(body!)).toEqual({
      Data: { MainInformation: { taxCode: '0100109106', NAME: STAND_IN_ENTERPRISE_NAME, charterCapitalVnd: STAND_IN_CHARTER_CAPITAL_VND } },
    });
    const sent = seen.at(-1)!;
    expect(sent.subject).toBe(subjects.request('TINH-01-LGSP', 'BO-BKHDT-DKDN', 'GetEnterprise'));
    expect(sent.headers?.get(Header.RequestId)).toBe('curl-0001');
    expect(GetEnterpriseRequest.decode(sent.data)).toEqual({ taxCode: '0100109106' });

    const both = await post(DETAIL, { msdn: '0100109106', taxCode: '0100109106' }, { authorization: `Bearer ${granted.access_token}` });
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ code: 'client.malformed', field: 'taxCode' });
  });

  it('serves Python requests the token flow with form credentials and the canonical path', async () => {
    const script = `
import json, sys, requests
base = sys.argv[1]
t = requests.post(base + "/token", data={"grant_type": "client_credentials", "client_id": sys.argv[2], "client_secret": sys.argv[3]})
t.raise_for_status()
r = requests.post(base + "${CANONICAL}", json={"taxCode": "0100109106"}, headers={"Authorization": "Bearer " + t.json()["access_token"]})
print(json.dumps({"status": r.status_code, "body": r.json(), "id": r.headers.get("Ndxp-Request-Id")}))
`;
    const { stdout } = await run('/usr/bin/python3', ['-c', script, base, CLIENT_ID, SECRET]);
    const out = JSON.parse(stdout) as { status: number; body: { taxCode: string }; id: string };
    expect(out.status).toBe(200);
    expect(out.body.taxCode).toBe('0100109106');
    expect(out.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses token requests as RFC 6749 section 5.2 says: unknown grant, missing grant, wrong secret, unknown client', async () => {
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ grant_type: 'password', client_id: CLIENT_ID, client_secret: SECRET }, 400, 'unsupported_grant_type'],
      [{ client_id: CLIENT_ID, client_secret: SECRET }, 400, 'invalid_request'],
      [{ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: 'wrong' }, 401, 'invalid_client'],
      [{ grant_type: 'client_credentials', client_id: 'oc_nobody', client_secret: SECRET }, 401, 'invalid_client'],
      [{ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: SECRET, scope: 'admin' }, 400, 'invalid_scope'],
    ];
    for (const [form, status, error] of cases) {
      const res = await token(form);
      expect({ form, status: res.status, body: await res.json() }).toMatchObject({ form, status, body: { error } });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('grants a token to a private_key_jwt client (RFC 7523) once per assertion, and refuses a foreign key, audience or lifetime', async () => {
    const form = async (jwt: string): Promise<Response> =>
      token({ grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: jwt });
    const jwt = await assertion({ jti: 'once-1' });
    const granted = await form(jwt);
    expect(granted.status).toBe(200);
    const { access_token } = (await granted.json()) as { access_token: string };
    expect((await post(CANONICAL, { taxCode: '0100109106' }, { authorization: `Bearer ${access_token}` })).status).toBe(200);
    const other = (await generateKeyPair('ES256')).privateKey;
    const refusals: Array<[string, Promise<string>]> = [
      ['replayed', Promise.resolve(jwt)],
      ['signed by another key', assertion({ key: other })],
      ['for another audience', assertion({ aud: 'https://elsewhere.example/token' })],
      ['living an hour', assertion({ lifeS: 3600 })],
    ];
    for (const [what, pending] of refusals) {
      const res = await form(await pending);
      expect({ what, status: res.status, body: await res.json() }).toMatchObject({ what, status: 401, body: { error: 'invalid_client' } });
    }
    const wrongType = await token({ grant_type: 'client_credentials', client_assertion_type: 'saml', client_assertion: jwt });
    expect(await wrongType.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers errors as application/problem+json with the mesh code, field and request id', async () => {
    const at = await accessToken();
    const bad = await post(CANONICAL, ['not', 'an', 'object'], { authorization: `Bearer ${at}` });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await bad.json()).toMatchObject({
      code: 'client.malformed',
      field: 'body',
      status: 400,
      type: expect.stringMatching(/client\.malformed$/),
    });

    const unauth = await post(CANONICAL, { taxCode: '0100109106' });
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await unauth.json()).toMatchObject({ code: 'client.unauthenticated' });

    const forged = await post(CANONICAL, { taxCode: '0100109106' }, { authorization: `Bearer ${at.slice(0, -4)}AAAA` });
    expect(((await forged.json()) as { code: string }).code).toBe('client.unauthenticated');

    const denied = await post(
      CANONICAL,
      { taxCode: '0100109106' },
      { authorization: `Bearer ${GATEWAY_TOKEN}`, 'ndxp-request-id': 'denied-1' },
    );
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ code: 'client.access_denied', requestId: 'denied-1' });

    const unknown = await post('/BO-BKHDT-DKDN/v1/NoSuchThing', {}, { authorization: `Bearer ${at}` });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'client.unknown_service' });

    const notJson = await fetch(`${base}${CANONICAL}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${at}`, 'content-type': 'application/json' },
      body: '{"taxCode":',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 'client.malformed' });

    const budget = await post(CANONICAL, { taxCode: '0100109106' }, { authorization: `Bearer ${at}`, 'ndxp-timeout': 'soon' });
    expect(await budget.json()).toMatchObject({ code: 'client.malformed', field: Header.Timeout });
  });

  it("answers routing's rate limit with 429, Retry-After in whole seconds and the delay in ms in the problem", async () => {
    const granted = await token({ grant_type: 'client_credentials', client_id: BUSY_CLIENT_ID, client_secret: SECRET });
    const { access_token } = (await granted.json()) as { access_token: string };
    const limited = await post(CANONICAL, { taxCode: '0100109106' }, { authorization: `Bearer ${access_token}` });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({ code: 'client.rate_limited', retryAfterMs: 1_500, status: 429 });
  });

  it('serves the OpenAPI document generated from the protos, listing every path it answers, and its offline page', async () => {
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths).sort()).toEqual([...gateway.httpPaths, '/token'].sort());
    const page = await fetch(`${base}/docs`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toMatch(/lang="vi"/);
    for (const src of [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)) {
      expect(src).not.toMatch(/^https?:/);
      expect((await fetch(new URL(src, `${base}/docs`))).status).toBe(200);
    }
  });

  it('asks for the caller’s own request id on a method that changes state', async () => {
    const res = await post('/DN-VNPOST-BCCI/v1/CreateOrder', {}, { authorization: `Bearer ${await accessToken()}` });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'client.invalid_argument', field: 'ndxp-request-id' });
  });

  it('stops honouring the access tokens of a client as soon as the registry revokes it', async () => {
    const at = await accessToken();
    expect((await post(CANONICAL, { taxCode: '0100109106' }, { authorization: `Bearer ${at}` })).status).toBe(200);
    await registry.change({
      $case: 'credentialRevoked',
      value: { consumer: 'TINH-01-LGSP', kind: 'oauth', keyId: CLIENT_ID, tokenSha256: tokenSha256(SECRET), revokedAtMs: Date.now() },
    });
    await waitUntil(() => gateway.registry.revision === registry.revision, { timeoutMs: 1_000 });
    const after = await post(CANONICAL, { taxCode: '0100109106' }, { authorization: `Bearer ${at}` });
    expect(after.status).toBe(401);
    expect((await token()).status).toBe(401);
  });
});
