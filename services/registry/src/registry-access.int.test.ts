// Who gets what from the registry's gRPC admin API (issue 13), on a real server over TLS with a
// real nats-server: every method it registers (probed from the very service definition it serves)
// refuses no token, an expired, a revoked and a foreign-signed token (UNAUTHENTICATED), an LGSP's
// or a data owner's token (PERMISSION_DENIED, but for their own grants and credentials), a
// plaintext client at all; ops passes every method, oversight the reading ones only.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, Metadata, status, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js';
import type { NatsConnection } from '@nats-io/nats-core';
import {
  ERROR_INFO_DOMAIN,
  IssueAccessTokenRequest,
  IssueAccessTokenResponse,
  RegistryService,
  RevokeAccessTokensRequest,
  subjects,
} from '@ndxp/contracts';
import { connectNats, createLogger, loadCommonConfig } from '@ndxp/runtime';
import { openSqliteRegistryStore, type SqliteRegistryStore } from '@ndxp/store';
import {
  makeTestCerts,
  probeEveryMethod,
  startNatsServer,
  testTokenIssuer,
  type NatsServerHandle,
  type ProbeResult,
  type TestCerts,
  pythonGrpc,
  pythonGrpcAvailable,
} from '@ndxp/testing';
import { DEFAULT_SEED_DIR } from './config';
import { REGISTRY_ACCESS } from './registry-access';
import { startRegistry, type RunningRegistry } from './registry';
import { seedRegistry } from './seeder';
import { TokenSigner } from './token-signer';

const itWithPython = pythonGrpcAvailable() ? it : it.skip;
const logger = createLogger({ service: 'registry-test', level: 'silent' });
const METHODS = Object.keys(RegistryService);
const READERS = METHODS.filter((k) =>
  (REGISTRY_ACCESS[k as keyof typeof REGISTRY_ACCESS] as { roles?: readonly string[] }).roles?.includes('oversight'),
);

describe('registry gRPC admin API access', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let serviceNc: NatsConnection;
  let dir: string;
  let store: SqliteRegistryStore;
  let registry: RunningRegistry;
  let signer: TokenSigner;
  let certs: TestCerts;
  let address: string;
  let tls: ReturnType<typeof credentials.createSsl>;

  /** A token from the registry (IssueAccessToken over NATS, as ops would). */
  async function issue(identity: string, roles: string[]): Promise<string> {
    const reply = await nc.request(
      subjects.registry('IssueAccessToken'),
      IssueAccessTokenRequest.encode({ identity, roles, expiresInS: 0 }).finish(),
      {
        timeout: 5_000,
      },
    );
    return IssueAccessTokenResponse.decode(reply.data).token;
  }
  const probe = (token?: string, creds = tls): Promise<Record<string, ProbeResult>> =>
    probeEveryMethod(address, RegistryService, creds, token === undefined ? undefined : `Bearer ${token}`);
  const expectEvery = (results: Record<string, ProbeResult>, grpc: status, code: string, keys = METHODS): void => {
    for (const key of keys) expect([key, results[key]]).toEqual([key, { status: grpc, code }]);
  };
  const passed = (r: ProbeResult): boolean => ![status.UNAUTHENTICATED, status.PERMISSION_DENIED, status.UNAVAILABLE].includes(r.status);

  beforeAll(async () => {
    server = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'ndxp-registry-access-'));
    certs = makeTestCerts(dir);
    store = openSqliteRegistryStore(join(dir, 'registry.sqlite'));
    await seedRegistry(store, DEFAULT_SEED_DIR);
    const common = loadCommonConfig({ NATS_URL: server.url }, 'registry-test');
    serviceNc = await connectNats(common, 'registry', logger);
    nc = await connectNats(common, 'registry-test-client', logger);
    signer = await TokenSigner.ephemeral();
    registry = await startRegistry({
      signer,
      nc: serviceNc,
      store,
      logger,
      grpcAddr: '127.0.0.1:0',
      tls: { cert: readFileSync(certs.serverCertFile), key: readFileSync(certs.serverKeyFile) },
    });
    address = `localhost:${registry.grpcPort}`;
    tls = credentials.createSsl(readFileSync(certs.caFile));
  });

  afterAll(async () => {
    await registry?.stop();
    await serviceNc?.drain();
    await nc?.drain();
    await store?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has a rule for every method it serves', () => {
    expect(Object.keys(REGISTRY_ACCESS).sort()).toEqual([...METHODS].sort());
  });

  it('refuses every method without a token, even with a client certificate of the mesh CA or a foreign CA', async () => {
    expectEvery(await probe(), status.UNAUTHENTICATED, 'client.unauthenticated');
    const foreign = makeTestCerts(mkdtempSync(join(dir, 'foreign-')));
    for (const c of [certs, foreign]) {
      const withCert = credentials.createSsl(readFileSync(certs.caFile), readFileSync(c.clientKeyFile), readFileSync(c.clientCertFile));
      expectEvery(await probe(undefined, withCert), status.UNAUTHENTICATED, 'client.unauthenticated');
    }
  });

  it('refuses every method with a foreign-signed, an expired, a revoked or an unrecorded token', async () => {
    const foreign = await (await testTokenIssuer()).token('ops-1', ['ops']);
    const now = Date.now();
    const expiredRecord = {
      identity: 'ops-old',
      roles: ['ops' as const],
      keyId: 'at_expired',
      issuedAtMs: now - 7_200_000,
      expiresAtMs: now - 3_600_000,
    };
    await store.addAccessToken({ ...expiredRecord, revokedAtMs: 0, issuedBy: 'test' });
    const expired = await signer.sign(expiredRecord);
    const unrecorded = await signer.sign({
      identity: 'ops-x',
      roles: ['ops'],
      keyId: 'at_never_stored',
      issuedAtMs: now,
      expiresAtMs: now + 600_000,
    });
    const revoked = await issue('ops-2', ['ops']);
    expect(passed((await probe(revoked))['listAccessTokens']!)).toBe(true);
    await nc.request(subjects.registry('RevokeAccessTokens'), RevokeAccessTokensRequest.encode({ identity: 'ops-2', keyId: '' }).finish(), {
      timeout: 5_000,
    });
    for (const t of [foreign, expired, unrecorded, revoked]) expectEvery(await probe(t), status.UNAUTHENTICATED, 'client.unauthenticated');
  });

  it('refuses an LGSP and a data owner every method, but their own grants and credentials', async () => {
    const lgsp = await issue('tinh-01', ['lgsp:TINH-01-LGSP']);
    const owner = await issue('dkdn', ['owner:BO-BKHDT-DKDN']);
    // The probe's requests are empty, so they name no consumer or provider: refused throughout.
    for (const t of [lgsp, owner]) expectEvery(await probe(t), status.PERMISSION_DENIED, 'client.permission_denied');
    const Client = makeGenericClientConstructor(RegistryService, 'r');
    const client = new Client(address, tls) as unknown as Record<
      string,
      (q: object, md: Metadata, cb: (e: ServiceError | null) => void) => void
    > & { close(): void };
    const ask = (token: string, method: string, request: object): Promise<number> => {
      const md = new Metadata();
      md.set('authorization', `Bearer ${token}`);
      return new Promise((resolve) => client[method]!.call(client, request, md, (e) => resolve(e?.code ?? 0)));
    };
    expect(await ask(lgsp, 'listCredentials', { consumer: 'TINH-01-LGSP' })).toBe(0);
    expect(await ask(lgsp, 'listCredentials', { consumer: 'TINH-02-LGSP' })).toBe(status.PERMISSION_DENIED);
    expect(await ask(lgsp, 'listGrants', { consumer: 'TINH-01-LGSP', provider: '' })).toBe(0);
    expect(await ask(owner, 'listGrants', { consumer: '', provider: 'BO-BKHDT-DKDN' })).toBe(0);
    expect(await ask(owner, 'listGrants', { consumer: '', provider: 'BO-BTP-HOTICH' })).toBe(status.PERMISSION_DENIED);
    expect(await ask(lgsp, 'grant', { consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise' })).toBe(
      status.PERMISSION_DENIED,
    );
    client.close();
  });

  it('lets ops through every method and oversight through the reading ones only', async () => {
    const ops = await probe(await issue('ops-3', ['ops']));
    for (const key of METHODS) expect([key, passed(ops[key]!)]).toEqual([key, true]);
    const oversight = await probe(await issue('giam-sat-01', ['oversight']));
    for (const key of READERS) expect([key, passed(oversight[key]!)]).toEqual([key, true]);
    expectEvery(
      oversight,
      status.PERMISSION_DENIED,
      'client.permission_denied',
      METHODS.filter((k) => !READERS.includes(k)),
    );
    expect(READERS.sort()).toEqual(['getMember', 'listAudit', 'listGrants', 'listMembers', 'listServices', 'verifyAudit']);
  });

  it('gives a plaintext client nothing from the TLS port', async () => {
    const results = await probe(await issue('ops-4', ['ops']), credentials.createInsecure());
    for (const key of METHODS) expect([key, results[key]!.status]).toEqual([key, status.UNAVAILABLE]);
  });

  it('appends every refused call to the audit trail, with its code', async () => {
    const before = (await store.listAudit(0, 1)).tailSeq;
    await probe();
    const { records } = await store.listAudit(before + 1, 1000);
    expect(records.map((r) => r.entry!.action).sort()).toEqual(
      METHODS.map((k) => RegistryService[k as keyof typeof RegistryService].path.split('/').at(-1)).sort(),
    );
    for (const r of records)
      expect(r.entry).toMatchObject({ outcome: 'refused', code: 'client.unauthenticated', actor: '(unauthenticated)', via: 'grpc' });
    expect((await store.verifyAudit()).ok).toBe(true);
  });
  // The standard services a gRPC user expects, asked by Python grpcio over the same TLS port.
  itWithPython(
    'answers Python grpcio health Check SERVING and lists ndxp.registry.v1.Registry and the health service by reflection, without a token',
    async () => {
      expect(await pythonGrpc(address, ['check', ''], certs.caFile)).toEqual({ status: 'SERVING' });
      expect(await pythonGrpc(address, ['check', 'ndxp.registry.v1.Registry'], certs.caFile)).toEqual({ status: 'SERVING' });
      for (const version of ['v1', 'v1alpha']) {
        const r = await pythonGrpc(address, ['reflect', version], certs.caFile);
        expect(r).toMatchObject({ services: ['grpc.health.v1.Health', 'ndxp.registry.v1.Registry'] });
        expect((r['files'] as Record<string, number>)['grpc.health.v1.Health']).toBeGreaterThan(0);
        expect((r['files'] as Record<string, number>)['ndxp.registry.v1.Registry']).toBeGreaterThan(0);
      }
    },
  );

  itWithPython('gives Python the refusal as google.rpc.Status with ErrorInfo in grpc-status-details-bin', async () => {
    const r = await pythonGrpc(address, ['call', '/ndxp.registry.v1.Registry/Snapshot', '', ''], certs.caFile);
    expect(r).toMatchObject({ status: 'UNAUTHENTICATED', ndxp_code: 'client.unauthenticated', code: status.UNAUTHENTICATED });
    expect(r['details']).toEqual([{ type: 'google.rpc.ErrorInfo', reason: 'client.unauthenticated', domain: ERROR_INFO_DOMAIN }]);
  });
});
