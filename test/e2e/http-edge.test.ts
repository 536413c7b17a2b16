// End to end: an LGSP that knows only HTTP, JSON and OAuth2 (Python requests, curl) in front of the
// whole mesh (real processes, real nats-server with broker authorization): it is issued an OAuth2
// client by the registry, gets a token at the gateway's /token and calls every national service of
// the catalogue; each call is metered once, under the client's consumer.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { credentials } from '@grpc/grpc-js';
import {
  EventType,
  MeteringClient,
  NATIONAL_SERVICES,
  OrderKind,
  RegistryClient,
  type GetTransactionResponse,
  type RegistryDefinition,
} from '@ndxp/contracts';
import * as budget from '@ndxp/simulator-budget-units';
import * as br from '@ndxp/simulator-business-registration';
import * as civil from '@ndxp/simulator-civil-status';
import { REPO_ROOT, sampleOrderRequest, startMesh, waitForValue, withBearer, type Mesh } from '@ndxp/testing';

const run = promisify(execFile);
type IssueResponse = ReturnType<(typeof RegistryDefinition.methods.issueCredential.responseType)['decode']>;

/** One call of the Python client: the path, the JSON body (a function of earlier answers), the request id. */
const PYTHON_CLIENT = `
import json, sys, requests
base, client_id, secret, plan_file = sys.argv[1:5]
token = requests.post(base + "/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret))
token.raise_for_status()
bearer = {"Authorization": "Bearer " + token.json()["access_token"]}
answers = {}
out = []
for step in json.load(open(plan_file)):
    body = step["body"]
    if step.get("itemNumberFrom"):
        body = dict(body, itemNumber=answers[step["itemNumberFrom"]]["itemNumber"])
    r = requests.post(base + step["path"], json=body, headers=dict(bearer, **{"Ndxp-Request-Id": step["requestId"]}), timeout=15)
    answers[step["service"]] = r.json()
    out.append({"service": step["service"], "status": r.status_code, "body": r.json(), "requestId": r.headers.get("Ndxp-Request-Id")})
print(json.dumps(out))
`;

describe('the HTTP/JSON edge end to end (Python requests and curl, the whole mesh)', () => {
  let mesh: Mesh;
  let registry: RegistryClient;
  let metering: MeteringClient;
  let base = '';
  let client: IssueResponse;

  beforeAll(async () => {
    mesh = await startMesh({ gateway: true, env: { SIM_STEP_MS: '150', VNPOST_POLL_MS: '100' } });
    base = `http://127.0.0.1:${mesh.gatewayHttpPort}`;
    const ops = withBearer(await mesh.accessToken('e2e-ops', ['ops', 'oversight']));
    registry = new RegistryClient(`127.0.0.1:${mesh.registryGrpcPort}`, credentials.createInsecure(), ops);
    metering = new MeteringClient(`127.0.0.1:${mesh.meteringGrpcPort}`, credentials.createInsecure(), ops);
    client = await new Promise<IssueResponse>((res, rej) =>
      registry.issueCredential({ consumer: 'TINH-48-LGSP', kind: 'oauth', publicKey: '', expiresInS: 3600 }, (e, r) =>
        e ? rej(e) : res(r),
      ),
    );
    // The issue event reaches the gateway a moment after the registry answers.
    await waitForValue(
      () => tokenFor(client),
      (r) => r.ok,
      { timeoutMs: 5_000, what: 'a token for the new client' },
    );
  }, 120_000);

  const tokenFor = (c: IssueResponse): Promise<Response> =>
    fetch(`${base}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.credential!.keyId, client_secret: c.secret }),
    });

  afterAll(async () => {
    registry?.close();
    metering?.close();
    await mesh?.stop();
  });

  const transaction = (requestId: string): Promise<GetTransactionResponse> =>
    new Promise((res, rej) => metering.getTransaction({ requestId }, (e, r) => (e ? rej(e) : res(r))));

  it('lets Python requests get a token and call every national service, each answered and metered once', async () => {
    const taxCode = br.createDataset({ seed: br.DEFAULT_SEED, size: br.DEFAULT_SIZE }).sampleTaxCodes(1)[0]!;
    const personalId = civil.createDataset({ seed: civil.DEFAULT_SEED, size: civil.DEFAULT_SIZE }).samplePersonalIds(1)[0]!;
    const budgetCode = budget.createDataset({ seed: budget.DEFAULT_SEED, size: budget.DEFAULT_SIZE }).sampleCodes(1)[0]!;
    const run0 = Date.now();
    const bodies: Record<string, unknown> = {
      GetEnterprise: { taxCode },
      GetCivilStatusRecord: { eventType: EventType.EVENT_TYPE_BIRTH, key: { $case: 'personalId', value: personalId } },
      GetBudgetUnit: { code: budgetCode },
      SearchBudgetUnits: { nameContains: 'trường', pageSize: 5 },
      QuotePostage: { senderProvince: '01', receiverProvince: '48', weightGrams: 500, kind: OrderKind.ORDER_KIND_BOTH, codAmountVnd: 0 },
      CreateOrder: sampleOrderRequest(`http-e2e-${run0}`),
      TrackOrder: {},
      CancelOrder: { reason: 'Công dân nhận trực tiếp' },
    };
    // Every service of the catalogue is in the plan, as its proto3 JSON; TrackOrder and CancelOrder
    // name the item CreateOrder answered.
    const plan = NATIONAL_SERVICES.map((s) => {
      expect(bodies).toHaveProperty(s.service);
      return {
        service: s.service,
        path: s.httpPath,
        body: s.request.toJSON(s.request.fromPartial(bodies[s.service])),
        requestId: `http-e2e-${run0}-${s.service}`,
        ...(s.service === 'TrackOrder' || s.service === 'CancelOrder' ? { itemNumberFrom: 'CreateOrder' } : {}),
      };
    });
    plan.sort((a, b) => Number(Boolean(a.itemNumberFrom)) - Number(Boolean(b.itemNumberFrom)));
    const planFile = join(mkdtempSync(join(tmpdir(), 'ndxp-http-e2e-')), 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const { stdout } = await run('/usr/bin/python3', ['-c', PYTHON_CLIENT, base, client.credential!.keyId, client.secret, planFile], {
      timeout: 60_000,
    });
    const results = JSON.parse(stdout) as Array<{ service: string; status: number; body: Record<string, unknown>; requestId: string }>;
    expect(results.map((r) => [r.service, r.status])).toEqual(plan.map((p) => [p.service, 200]));
    expect(results.find((r) => r.service === 'GetEnterprise')?.body).toMatchObject({ taxCode });
    expect(results.find((r) => r.service === 'CreateOrder')?.body['itemNumber']).toMatch(/^[A-Z]{2}\d{9}VN$/);
    for (const p of plan) {
      const t = await waitForValue(
        () => transaction(p.requestId),
        (found) => found.found,
        { timeoutMs: 10_000, what: `the ledger row of ${p.requestId}` },
      );
      expect(t.event).toMatchObject({ consumer: 'TINH-48-LGSP', service: p.service, code: 'ok', requestId: p.requestId });
    }
  }, 120_000);

  it('lets a TypeScript client generated from the served OpenAPI document (openapi-typescript, openapi-fetch) call a service, its types checked', async () => {
    // Inside test/e2e so that the generated client resolves openapi-fetch from this package's dependencies.
    const dir = join(REPO_ROOT, 'test/e2e/.generated-client');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      const bin = (name: string): string => join(REPO_ROOT, 'test/e2e/node_modules/.bin', name);
      await run(bin('openapi-typescript'), [`${base}/openapi.json`, '-o', join(dir, 'schema.d.ts')], { timeout: 60_000 });
      const program = (body: string): string => `import createClient from 'openapi-fetch';
import type { paths } from './schema.js';
const [base, token, taxCode] = process.argv.slice(2) as [string, string, string];
const client = createClient<paths>({ baseUrl: base });
const { data, error, response } = await client.POST('/BO-BKHDT-DKDN/v1/GetEnterprise', {
  body: ${body},
  headers: { Authorization: 'Bearer ' + token },
});
const name: string | undefined = data?.nameVi;
console.log(JSON.stringify({ status: response.status, taxCode: data?.taxCode, name, error }));
`;
      writeFileSync(join(dir, 'client.mts'), program('{ taxCode }'));
      writeFileSync(join(dir, 'mistyped.mts'), program('{ taxCode: 100109106 }'));
      const tsc = (file: string) =>
        run(
          process.execPath,
          [
            join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
            '--noEmit',
            '--strict',
            '--target',
            'es2022',
            '--module',
            'nodenext',
            '--skipLibCheck',
            join(dir, file),
          ],
          { timeout: 60_000 },
        );
      await tsc('client.mts'); // the generated types accept a GetEnterpriseRequest and type its answer
      await expect(tsc('mistyped.mts')).rejects.toMatchObject({
        stdout: expect.stringMatching(/mistyped.mts\(6,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/),
      }); // ... and refuse a number for the tax code (line 6, the body)
      const granted = (await (await tokenFor(client)).json()) as { access_token: string };
      const taxCode = br.createDataset({ seed: br.DEFAULT_SEED, size: br.DEFAULT_SIZE }).sampleTaxCodes(3)[2]!;
      const { stdout } = await run(process.execPath, [join(dir, 'client.mts'), base, granted.access_token, taxCode], { timeout: 30_000 });
      expect(JSON.parse(stdout)).toMatchObject({ status: 200, taxCode, name: expect.any(String) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('lets curl call the national platform’s own path with a token, and refuses a ministry where only provinces are granted', async () => {
    const tokenJson = (
      await run('curl', [
        '-sS',
        '-u',
        `${client.credential!.keyId}:${client.secret}`,
        '-d',
        'grant_type=client_credentials',
        `${base}/token`,
      ])
    ).stdout;
    const accessToken = (JSON.parse(tokenJson) as { access_token: string }).access_token;
    const taxCode = br.createDataset({ seed: br.DEFAULT_SEED, size: br.DEFAULT_SIZE }).sampleTaxCodes(2)[1]!;
    const { stdout } = await run('curl', [
      '-sS',
      '-H',
      `Authorization: Bearer ${accessToken}`,
      '-H',
      'Content-Type: application/json',
      '--data',
      JSON.stringify({ taxCode }),
      `${base}/apiCSDLDKDN/1.0/chiTietDoanhNghiep`,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ taxCode });

    const ministry = await new Promise<IssueResponse>((res, rej) =>
      registry.issueCredential({ consumer: 'BO-BTP-LGSP', kind: 'oauth', publicKey: '', expiresInS: 0 }, (e, r) => (e ? rej(e) : res(r))),
    );
    const granted = await waitForValue(
      () => tokenFor(ministry),
      (r) => r.ok,
      { timeoutMs: 5_000, what: "a token for the ministry's client" },
    );
    const token = ((await granted.json()) as { access_token: string }).access_token;
    const refused = await fetch(`${base}/BO-BTP-HOTICH/v1/GetCivilStatusRecord`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'ndxp-request-id': `http-e2e-denied-${Date.now()}` },
      body: JSON.stringify({ eventType: 'EVENT_TYPE_BIRTH', personalId: '001203004567' }),
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await refused.json()) as { code: string; requestId: string };
    expect(problem.code).toBe('client.access_denied');
    const refusal = await waitForValue(
      () => transaction(problem.requestId),
      (t) => t.found,
      { timeoutMs: 10_000, what: 'the refusal in the ledger' },
    );
    expect(refusal.event).toMatchObject({ consumer: 'BO-BTP-LGSP', code: 'client.access_denied' });
  }, 60_000);
});
