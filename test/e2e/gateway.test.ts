// End to end: the gRPC gateway as its own process in front of the whole mesh (real processes, real
// nats-server with broker authorization), called as an LGSP without NATS would call it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, Metadata, type ChannelCredentials, type Client, type ServiceError } from '@grpc/grpc-js';
import {
  BusinessRegistrationClient,
  CivilStatusClient,
  EventType,
  fromGrpcError,
  MeteringClient,
  RegistryClient,
  type RegistryDefinition,
  type Enterprise,
  type GetTransactionResponse,
} from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { makeTestPki, REPO_ROOT, startMesh, startProcess, type Mesh, type ServiceProcess, withBearer } from '@ndxp/testing';

type IssueResponse = ReturnType<(typeof RegistryDefinition.methods.issueCredential.responseType)['decode']>;
type RevokeResponse = ReturnType<(typeof RegistryDefinition.methods.revokeCredentials.responseType)['decode']>;

/** A CA, the gateway's certificate for localhost, LGSP client certificates, and a foreign CA's forgery. */
function makePki(dir: string): void {
  makeTestPki(dir, {
    gateway: { cn: 'localhost', server: true },
    danang: { cn: 'TINH-48-LGSP' },
    forged: { cn: 'TINH-48-LGSP', foreign: true },
  });
}

describe('the gRPC gateway end to end (real processes, real nats-server)', () => {
  let mesh: Mesh;
  let gateway: ServiceProcess;
  let pki: string;
  let address: string;
  let registry: RegistryClient;
  let metering: MeteringClient;
  let hanoi: MeshClient;
  let sampleCode: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    pki = mkdtempSync(join(tmpdir(), 'ndxp-gw-e2e-'));
    makePki(pki);
    mesh = await startMesh({ systems: ['business-registration'] });
    gateway = await startProcess({
      name: 'gateway',
      script: join(REPO_ROOT, 'services/gateway/dist/main.js'),
      env: {
        ...mesh.env('gateway'),
        ...(mesh.trust ? { NATS_CREDS: await mesh.credsFile({ kind: 'gateway' }), NATS_INBOX_PREFIX: '_INBOX.gateway' } : {}),
        GATEWAY_GRPC_ADDR: '127.0.0.1:0',
        GATEWAY_TLS_CERT: join(pki, 'gateway.pem'),
        GATEWAY_TLS_KEY: join(pki, 'gateway.key'),
        GATEWAY_TLS_CA: join(pki, 'ca.pem'),
      },
    });
    const ready = gateway.logs.find((r) => r['msg'] === 'ready')!;
    address = `127.0.0.1:${Number(ready['grpcPort'])}`;
    registry = new RegistryClient(
      `127.0.0.1:${mesh.registryGrpcPort}`,
      credentials.createInsecure(),
      withBearer(await mesh.accessToken('e2e-ops', ['ops', 'oversight'])),
    );
    metering = new MeteringClient(
      `127.0.0.1:${mesh.meteringGrpcPort}`,
      credentials.createInsecure(),
      withBearer(await mesh.accessToken('e2e-ops', ['ops', 'oversight'])),
    );
    hanoi = await createClient({ ...(await mesh.clientOptions('TINH-01-LGSP')), officer: 'can-bo-01', purpose: 'HS-2021-0001' });
    sampleCode = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(1)[0]!;
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    registry?.close();
    metering?.close();
    await hanoi?.close();
    await gateway?.stop();
    await mesh?.stop();
  });

  const tls = (who?: string): ChannelCredentials => {
    const r = (n: string): Buffer => readFileSync(join(pki, n));
    return who ? credentials.createSsl(r('ca.pem'), r(`${who}.key`), r(`${who}.pem`)) : credentials.createSsl(r('ca.pem'));
  };
  // The gateway's certificate names localhost; TLS's server name may not be an IP address.
  const options = { 'grpc.ssl_target_name_override': 'localhost' };
  const br = (creds: ChannelCredentials): BusinessRegistrationClient => {
    const c = new BusinessRegistrationClient(address, creds, options);
    clients.push(c);
    return c;
  };
  const md = (token?: string, requestId?: string): Metadata => {
    const m = new Metadata();
    if (token) m.set('authorization', `Bearer ${token}`);
    if (requestId) m.set('ndxp-request-id', requestId);
    return m;
  };
  const getEnterprise = (c: BusinessRegistrationClient, m: Metadata): Promise<Enterprise> =>
    new Promise((res, rej) =>
      c.getEnterprise({ taxCode: sampleCode }, m, { deadline: Date.now() + 10_000 }, (e, r) => (e ? rej(e) : res(r))),
    );
  const outcome = async (p: Promise<unknown>): Promise<{ grpc: number; code: string }> => {
    try {
      await p;
      return { grpc: 0, code: 'ok' };
    } catch (err) {
      return { grpc: (err as ServiceError).code, code: fromGrpcError(err as ServiceError).code };
    }
  };
  const issueToken = (consumer: string): Promise<IssueResponse> =>
    new Promise((res, rej) =>
      registry.issueCredential({ consumer, kind: 'token', publicKey: '', expiresInS: 0 }, (e, r) => (e ? rej(e) : res(r))),
    );
  const revoke = (consumer: string, keyId: string): Promise<RevokeResponse> =>
    new Promise((res, rej) => registry.revokeCredentials({ consumer, keyId }, (e, r) => (e ? rej(e) : res(r))));
  const transaction = (requestId: string): Promise<GetTransactionResponse> =>
    new Promise((res, rej) => metering.getTransaction({ requestId }, (e, r) => (e ? rej(e) : res(r))));
  const metered = async (requestId: string): Promise<GetTransactionResponse> => {
    const until = Date.now() + 10_000;
    for (;;) {
      const t = await transaction(requestId);
      if (t.found || Date.now() > until) return t;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('answers a granted token call with the same enterprise as over NATS, metered under the token owner', async () => {
    const { secret } = await issueToken('TINH-01-LGSP');
    const overGrpc = await getEnterprise(br(tls()), md(secret, 'e2e-gw-token-1'));
    const overNats = await hanoi.businessRegistration.getEnterprise({ taxCode: sampleCode });
    expect(overGrpc).toEqual(overNats);
    expect(overGrpc.taxCode).toBe(sampleCode);
    const t = await metered('e2e-gw-token-1');
    expect(t.found).toBe(true);
    expect(t.event).toMatchObject({ consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise', code: 'ok' });
  });

  it('refuses a call without a grant with PERMISSION_DENIED client.access_denied, metered as a refusal', async () => {
    // Ministries hold no civil-status grant (only provinces do).
    const { secret } = await issueToken('BO-BTP-LGSP');
    const c = new CivilStatusClient(address, tls(), options);
    clients.push(c);
    const call = new Promise((res, rej) =>
      c.getCivilStatusRecord(
        { eventType: EventType.EVENT_TYPE_BIRTH, key: { $case: 'personalId', value: '001203004567' } },
        md(secret, 'e2e-gw-denied-1'),
        (e, r) => (e ? rej(e) : res(r)),
      ),
    );
    expect(await outcome(call)).toEqual({ grpc: 7, code: 'client.access_denied' });
    expect((await metered('e2e-gw-denied-1')).event).toMatchObject({ consumer: 'BO-BTP-LGSP', code: 'client.access_denied' });
  });

  it('refuses no token and a wrong token with UNAUTHENTICATED client.unauthenticated', async () => {
    const c = br(tls());
    expect(await outcome(getEnterprise(c, md()))).toEqual({ grpc: 16, code: 'client.unauthenticated' });
    expect(await outcome(getEnterprise(c, md('ndxp_not-a-real-token')))).toEqual({ grpc: 16, code: 'client.unauthenticated' });
  });

  it('refuses a revoked token within a second of the revocation', async () => {
    const { secret, credential } = await issueToken('TINH-79-LGSP');
    const c = br(tls());
    // The issue event may reach the gateway a moment after the registry answers.
    const until = Date.now() + 5_000;
    while ((await outcome(getEnterprise(c, md(secret)))).code !== 'ok' && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect((await outcome(getEnterprise(c, md(secret)))).code).toBe('ok');
    await revoke('TINH-79-LGSP', credential!.keyId);
    const revokedAt = Date.now();
    let refused = false;
    while (!refused && Date.now() - revokedAt < 1_000)
      refused = (await outcome(getEnterprise(c, md(secret)))).code === 'client.unauthenticated';
    expect(refused).toBe(true);
    expect(await outcome(getEnterprise(c, md(secret)))).toEqual({ grpc: 16, code: 'client.unauthenticated' });
  });

  it('authenticates a client certificate signed by the CA as its CN, metered under it', async () => {
    const e = await getEnterprise(br(tls('danang')), md(undefined, 'e2e-gw-cert-1'));
    expect(e.taxCode).toBe(sampleCode);
    expect((await metered('e2e-gw-cert-1')).event).toMatchObject({ consumer: 'TINH-48-LGSP', code: 'ok' });
  });

  it('refuses a certificate from another CA with client.unauthenticated', async () => {
    expect(await outcome(getEnterprise(br(tls('forged')), md()))).toEqual({ grpc: 16, code: 'client.unauthenticated' });
  });

  it('logs each call with consumer, service, code and duration, its trace and span ids, and no payload', () => {
    const calls = gateway.logs.filter((r) => r['msg'] === 'gateway call');
    expect(calls.length).toBeGreaterThanOrEqual(6);
    const cert = calls.find((r) => r['requestId'] === 'e2e-gw-cert-1')!;
    expect(cert).toMatchObject({ consumer: 'TINH-48-LGSP', auth: 'certificate', service: 'GetEnterprise', code: 'ok' });
    // Written inside the call's span (nothing is exported here: the span is recorded all the same).
    expect(cert).toMatchObject({ trace_id: expect.stringMatching(/^[0-9a-f]{32}$/), span_id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(new Set(calls.map((r) => r['span_id'])).size).toBe(calls.length);
    expect(typeof cert['durationMs']).toBe('number');
    expect(JSON.stringify(calls)).not.toContain(sampleCode);
  });
});
