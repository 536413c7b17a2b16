// End to end: an LGSP that knows only HTTP, JSON and OAuth2 (Python requests, curl, a TypeScript
// client generated from the served OpenAPI document) in front of the whole mesh (real processes, real
// nats-server with broker authorization): each client is issued an OAuth2 client by the registry,
// gets a token at the gateway's /token and calls every national service of the catalogue; each call
// is metered once, under that client's consumer.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { credentials } from '@grpc/grpc-js';
import { Header, MeteringClient, RegistryClient, type GetTransactionResponse, type RegistryDefinition } from '@ndxp/contracts';
import * as br from '@ndxp/simulator-business-registration';
import { REPO_ROOT, startMesh, waitForValue, withBearer, type Mesh } from '@ndxp/testing';
import { bodyOf, expectAnswered, expectMeteredOnce, nationalCalls, type CallResult, type NationalCall } from './national-calls';

const run = promisify(execFile);
type IssueResponse = ReturnType<(typeof RegistryDefinition.methods.issueCredential.responseType)['decode']>;

/** The Python client: a token (client_secret_basic), then each call of the plan (national-calls.ts's NationalCall). */
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

/**
 * A program of the generated client (openapi-fetch over openapi-typescript's `paths`): a token from
 * /token, then every call in order, the answers printed as CallResult[]. `override` replaces a
 * service's body with TypeScript source.
 */
function typedClientProgram(calls: readonly NationalCall[], override: Record<string, string> = {}): string {
  const variable = (service: string): string => service[0]!.toLowerCase() + service.slice(1);
  const lines = [
    `import createClient from 'openapi-fetch';`,
    `import type { paths } from './schema.js';`,
    `const [base, clientId, clientSecret] = process.argv.slice(2) as [string, string, string];`,
    `const client = createClient<paths>({ baseUrl: base });`,
    `const granted = await client.POST('/token', {`,
    `  body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },`,
    `  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },`,
    `});`,
    `if (!granted.data) throw new Error('no token: HTTP ' + granted.response.status);`,
    `const authorization = 'Bearer ' + granted.data.access_token;`,
    `const results: unknown[] = [];`,
    `function answered<R extends { data?: unknown; error?: unknown; response: Response }>(service: string, r: R): R {`,
    `  const requestId = r.response.headers.get(${JSON.stringify(Header.RequestId)});`,
    `  results.push({ service, status: r.response.status, body: r.data ?? r.error, requestId });`,
    `  return r;`,
    `}`,
  ];
  for (const call of calls) {
    const body =
      override[call.service] ??
      (call.itemNumberFrom
        ? `{ ...${JSON.stringify(call.body)}, itemNumber: ${variable(call.itemNumberFrom)}.data?.itemNumber ?? '' }`
        : JSON.stringify(call.body));
    lines.push(
      `const ${variable(call.service)} = answered(${JSON.stringify(call.service)}, await client.POST(${JSON.stringify(call.path)}, {`,
      `  body: ${body},`,
      `  params: { header: { ${JSON.stringify(Header.RequestId)}: ${JSON.stringify(call.requestId)} } },`,
      `  headers: { Authorization: authorization },`,
      `}));`,
    );
  }
  lines.push(
    `const name: string | undefined = getEnterprise.data?.nameVi; // the answers are typed as well`,
    `console.log(JSON.stringify({ name, results }));`,
  );
  return lines.join('\n') + '\n';
}

describe('the HTTP/JSON edge end to end (Python requests, curl, a generated TypeScript client; the whole mesh)', () => {
  let mesh: Mesh;
  let registry: RegistryClient;
  let metering: MeteringClient;
  let base = '';
  let client: IssueResponse;

  beforeAll(async () => {
    // Orders never move (SIM_STEP_MS 0): a client's CancelOrder, a few calls after its CreateOrder (a
    // curl process each), would otherwise be refused once the simulator has delivered the order.
    mesh = await startMesh({ gateway: true, env: { SIM_STEP_MS: '0' } });
    base = `http://127.0.0.1:${mesh.gatewayHttpPort}`;
    const ops = withBearer(await mesh.accessToken('e2e-ops', ['ops', 'oversight']));
    registry = new RegistryClient(`127.0.0.1:${mesh.registryGrpcPort}`, credentials.createInsecure(), ops);
    metering = new MeteringClient(`127.0.0.1:${mesh.meteringGrpcPort}`, credentials.createInsecure(), ops);
    client = await issueClient('TINH-48-LGSP');
  }, 120_000);

  const tokenFor = (c: IssueResponse): Promise<Response> =>
    fetch(`${base}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.credential!.keyId, client_secret: c.secret }),
    });

  /** A new OAuth2 client of `consumer`, once the gateway grants it tokens (the issue event reaches it a moment after the registry answers). */
  async function issueClient(consumer: string): Promise<IssueResponse> {
    const issued = await new Promise<IssueResponse>((res, rej) =>
      registry.issueCredential({ consumer, kind: 'oauth', publicKey: '', expiresInS: 3600 }, (e, r) => (e ? rej(e) : res(r))),
    );
    await waitForValue(
      () => tokenFor(issued),
      (r) => r.ok,
      { timeoutMs: 5_000, what: `a token for the new client of ${consumer}` },
    );
    return issued;
  }

  afterAll(async () => {
    registry?.close();
    metering?.close();
    await mesh?.stop();
  });

  const transaction = (requestId: string): Promise<GetTransactionResponse> =>
    new Promise((res, rej) => metering.getTransaction({ requestId }, (e, r) => (e ? rej(e) : res(r))));

  it('lets Python requests get a token and call every national service, each answered and metered once', async () => {
    const consumer = 'TINH-31-LGSP';
    const lgsp = await issueClient(consumer);
    const calls = nationalCalls(`http-e2e-python-${Date.now()}`);
    const planFile = join(mkdtempSync(join(tmpdir(), 'ndxp-http-e2e-')), 'plan.json');
    writeFileSync(planFile, JSON.stringify(calls));
    const { stdout } = await run('/usr/bin/python3', ['-c', PYTHON_CLIENT, base, lgsp.credential!.keyId, lgsp.secret, planFile], {
      timeout: 60_000,
    });
    expectAnswered(calls, JSON.parse(stdout) as CallResult[]);
    await expectMeteredOnce(metering, consumer, calls);
  }, 120_000);

  /** An access token curl gets for the client with client_secret_basic (-u id:secret). */
  const curlToken = async (lgsp: IssueResponse): Promise<string> => {
    const { stdout } = await run('curl', [
      '-sS',
      '-u',
      `${lgsp.credential!.keyId}:${lgsp.secret}`,
      '-d',
      'grant_type=client_credentials',
      `${base}/token`,
    ]);
    return (JSON.parse(stdout) as { access_token: string }).access_token;
  };

  it('lets curl get a token (client_secret_basic) and call every national service, each answered and metered once', async () => {
    const consumer = 'TINH-01-LGSP';
    const lgsp = await issueClient(consumer);
    const bearer = `Authorization: Bearer ${await curlToken(lgsp)}`;
    const calls = nationalCalls(`http-e2e-curl-${Date.now()}`);
    const answers = new Map<string, unknown>();
    const results: CallResult[] = [];
    for (const call of calls) {
      const { stdout } = await run(
        'curl',
        [
          '-sS',
          ...['-H', bearer, '-H', 'Content-Type: application/json', '-H', `${Header.RequestId}: ${call.requestId}`],
          ...['--data-binary', JSON.stringify(bodyOf(call, answers))],
          // After the body, on a line of its own: the status and the answer's request id.
          ...['--write-out', `\n%{http_code} %header{${Header.RequestId}}`],
          `${base}${call.path}`,
        ],
        { timeout: 30_000 },
      );
      const end = stdout.lastIndexOf('\n');
      const [status, requestId] = stdout.slice(end + 1).split(' ');
      const body: unknown = JSON.parse(stdout.slice(0, end));
      answers.set(call.service, body);
      results.push({ service: call.service, status: Number(status), body, requestId: requestId || null });
    }
    expectAnswered(calls, results);
    await expectMeteredOnce(metering, consumer, calls);
  }, 60_000);

  it('lets a TypeScript client generated from the served OpenAPI document (openapi-typescript, openapi-fetch) get a token and call every national service, its types checked', async () => {
    // Inside test/e2e so that the generated client resolves openapi-fetch from this package's dependencies.
    const dir = join(REPO_ROOT, 'test/e2e/.generated-client');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      const bin = (name: string): string => join(REPO_ROOT, 'test/e2e/node_modules/.bin', name);
      await run(bin('openapi-typescript'), [`${base}/openapi.json`, '-o', join(dir, 'schema.d.ts')], { timeout: 60_000 });
      const consumer = 'TINH-79-LGSP';
      const calls = nationalCalls(`http-e2e-typescript-${Date.now()}`);
      const mistyped = '{ taxCode: 100109106 }';
      const mistypedProgram = typedClientProgram(calls, { GetEnterprise: mistyped });
      writeFileSync(join(dir, 'client.mts'), typedClientProgram(calls));
      writeFileSync(join(dir, 'mistyped.mts'), mistypedProgram);
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
      await tsc('client.mts'); // the generated types accept every service's request, the token form, and type the answers
      const line = mistypedProgram.split('\n').indexOf(`  body: ${mistyped},`) + 1;
      await expect(tsc('mistyped.mts')).rejects.toMatchObject({
        stdout: expect.stringMatching(
          new RegExp(`mistyped.mts\\(${line},\\d+\\): error TS2322: Type 'number' is not assignable to type 'string'`),
        ),
      }); // ... and refuse a number for the tax code (the line of GetEnterprise's body)
      const lgsp = await issueClient(consumer);
      const { stdout } = await run(process.execPath, [join(dir, 'client.mts'), base, lgsp.credential!.keyId, lgsp.secret], {
        timeout: 30_000,
      });
      const printed = JSON.parse(stdout) as { name: unknown; results: CallResult[] };
      expect(printed.name).toEqual(expect.any(String));
      expectAnswered(calls, printed.results);
      await expectMeteredOnce(metering, consumer, calls);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('lets curl call the national platform’s own path with a token, and refuses a ministry where only provinces are granted', async () => {
    const accessToken = await curlToken(client);
    const taxCode = br.createDataset({ seed: br.DEFAULT_SEED, size: br.DEFAULT_SIZE }).sampleTaxCodes(2)[1]!;
    const { stdout } = await run('curl', [
      '-sS',
      '-H',
      `Authorization: Bearer ${accessToken}`,
      '-H',
      'Content-Type: application/json',
      '--data',
      // The platform's own body and answer: an LGSP configured for it changes only the base URL.
      JSON.stringify({ msdn: taxCode }),
      `${base}/apiCSDLDKDN/1.0/chiTietDoanhNghiep`,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ Data: { MainInformation: { taxCode, NAME: expect.any(String) } } });

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
