// Who gets what from metering's gRPC API (issue 13), on a real server over TLS and a real
// nats-server: every method the server registers (probed from the very service definition it
// serves) refuses no token, an expired, a revoked (by a registry event) and a foreign-signed token
// as UNAUTHENTICATED, an LGSP's token as PERMISSION_DENIED except its own usage, a plaintext
// client at all; oversight passes every method.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, status } from '@grpc/grpc-js';
import type { NatsConnection } from '@nats-io/nats-core';
import { ERROR_INFO_DOMAIN, MeteringService, UsageQuery } from '@ndxp/contracts';
import { connectNats, createLogger, loadCommonConfig } from '@ndxp/runtime';
import { openSqliteLedgerStore, type LedgerStore } from '@ndxp/store';
import {
  makeTestCerts,
  probeEveryMethod,
  probeMethod,
  serveFakeRegistry,
  startNatsServer,
  testTokenIssuer,
  type FakeRegistry,
  type NatsServerHandle,
  type TestCerts,
  type TestTokenIssuer,
  pythonGrpc,
  pythonGrpcAvailable,
} from '@ndxp/testing';
import { Metadata, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { startMetering, type Metering } from './metering';

const itWithPython = pythonGrpcAvailable() ? it : it.skip;
const logger = createLogger({ service: 'metering-test', level: 'silent' });
const METHODS = Object.keys(MeteringService);

describe('metering gRPC API access', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let registry: FakeRegistry;
  let dir: string;
  let store: LedgerStore;
  let metering: Metering;
  let issuer: TestTokenIssuer;
  let certs: TestCerts;
  let address: string;
  let tls: ReturnType<typeof credentials.createSsl>;

  beforeAll(async () => {
    server = await startNatsServer({ private: true });
    nc = await connectNats(loadCommonConfig({ NATS_URL: server.url }, 'metering-test'), 'metering-test', logger);
    dir = mkdtempSync(join(tmpdir(), 'ndxp-metering-access-'));
    certs = makeTestCerts(dir);
    store = openSqliteLedgerStore(join(dir, 'ledger.sqlite'));
    issuer = await testTokenIssuer();
    // The token keys come from the (fake) registry's Snapshot over NATS, as in production.
    registry = serveFakeRegistry(nc, { snapshot: { tokenKeys: [issuer.tokenKey] } });
    metering = await startMetering({
      nc,
      store,
      logger,
      grpcAddr: '127.0.0.1:0',
      httpAddr: 'off',
      tls: { cert: readFileSync(certs.serverCertFile), key: readFileSync(certs.serverKeyFile) },
    });
    address = `localhost:${metering.grpcPort}`;
    tls = credentials.createSsl(readFileSync(certs.caFile));
    // Ready once the token keys are loaded: an oversight call passes authentication.
    const token = await issuer.token('probe', ['oversight']);
    for (const until = Date.now() + 10_000; ;) {
      const r = await probeMethod(address, MeteringService, 'ledgerStats', tls, `Bearer ${token}`);
      if (r.status === 0) break;
      if (Date.now() > until) throw new Error(`metering never accepted a token: ${JSON.stringify(r)}`);
      await new Promise((res) => setTimeout(res, 50));
    }
  });

  afterAll(async () => {
    await metering?.stop();
    registry?.stop();
    await store?.close();
    await nc?.drain();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const expectEvery = (results: Record<string, { status: number; code: string }>, grpc: status, code: string): void => {
    expect(Object.keys(results).sort()).toEqual([...METHODS].sort());
    for (const [key, r] of Object.entries(results)) expect([key, r]).toEqual([key, { status: grpc, code }]);
  };

  it("refuses every method without a token, and with a client certificate (the mesh CA's or a foreign CA's) but no token", async () => {
    expectEvery(await probeEveryMethod(address, MeteringService, tls), status.UNAUTHENTICATED, 'client.unauthenticated');
    const foreign = makeTestCerts(mkdtempSync(join(dir, 'foreign-')));
    for (const c of [certs, foreign]) {
      const withCert = credentials.createSsl(readFileSync(certs.caFile), readFileSync(c.clientKeyFile), readFileSync(c.clientCertFile));
      expectEvery(await probeEveryMethod(address, MeteringService, withCert), status.UNAUTHENTICATED, 'client.unauthenticated');
    }
    // A client that trusts only the foreign CA gets no connection at all.
    const foreignOnly = credentials.createSsl(readFileSync(foreign.caFile));
    for (const [key, r] of Object.entries(await probeEveryMethod(address, MeteringService, foreignOnly))) {
      expect([key, r.status]).toEqual([key, status.UNAVAILABLE]);
    }
  });

  it('refuses every method with an expired, a foreign-signed or a malformed token', async () => {
    const expired = await issuer.token('giam-sat-01', ['oversight'], { expiresInS: -1 });
    const foreign = await (await testTokenIssuer()).token('giam-sat-01', ['oversight']);
    for (const t of [expired, foreign, 'ndxp_not_a_jwt']) {
      expectEvery(await probeEveryMethod(address, MeteringService, tls, `Bearer ${t}`), status.UNAUTHENTICATED, 'client.unauthenticated');
    }
  });

  it('refuses a token within seconds of the registry announcing its revocation', async () => {
    const token = await issuer.token('giam-sat-05', ['oversight'], { keyId: 'at_revoked_grpc', expiresInS: 600 });
    expect((await probeMethod(address, MeteringService, 'ledgerStats', tls, `Bearer ${token}`)).status).toBe(0);
    const revoked = {
      identity: 'giam-sat-05',
      roles: ['oversight'],
      keyId: 'at_revoked_grpc',
      issuedAtMs: 0,
      expiresAtMs: Date.now() + 600_000,
      revokedAtMs: Date.now(),
      issuedBy: 'ops',
    };
    await registry.change({ $case: 'accessTokenRevoked', value: revoked });
    const started = Date.now();
    let r = await probeMethod(address, MeteringService, 'ledgerStats', tls, `Bearer ${token}`);
    while (r.status === 0 && Date.now() - started < 5_000)
      r = await probeMethod(address, MeteringService, 'ledgerStats', tls, `Bearer ${token}`);
    expect(r).toEqual({ status: status.UNAUTHENTICATED, code: 'client.unauthenticated' });
    expectEvery(await probeEveryMethod(address, MeteringService, tls, `Bearer ${token}`), status.UNAUTHENTICATED, 'client.unauthenticated');
  });

  it('refuses an LGSP every method but its own usage, and a plaintext client entirely', async () => {
    const token = await issuer.token('tinh-01', ['lgsp:TINH-01-LGSP']);
    const results = await probeEveryMethod(address, MeteringService, tls, `Bearer ${token}`);
    expectEvery(results, status.PERMISSION_DENIED, 'client.permission_denied');
    // Its own usage only: the query names its consumer.
    const Client = makeGenericClientConstructor(MeteringService, 'm');
    const client = new Client(address, tls) as unknown as Record<
      string,
      (q: UsageQuery, md: Metadata, cb: (e: ServiceError | null) => void) => void
    >;
    const md = new Metadata();
    md.set('authorization', `Bearer ${token}`);
    const ask = (q: Partial<UsageQuery>): Promise<number> =>
      new Promise((resolve) => client['getUsage']!.call(client, UsageQuery.fromPartial(q), md, (e) => resolve(e?.code ?? 0)));
    expect(await ask({ consumer: 'TINH-01-LGSP', groupBy: ['day'] })).toBe(0);
    expect(await ask({ consumer: 'TINH-02-LGSP' })).toBe(status.PERMISSION_DENIED);
    expect(await ask({})).toBe(status.PERMISSION_DENIED);
    (client as unknown as { close(): void }).close();
    const plaintext = await probeEveryMethod(address, MeteringService, credentials.createInsecure(), `Bearer ${token}`);
    for (const [key, r] of Object.entries(plaintext)) expect([key, r.status]).toEqual([key, status.UNAVAILABLE]);
  });

  it('lets oversight through every method (each answers, with data or with a complaint about its empty request)', async () => {
    const token = await issuer.token('giam-sat-01', ['oversight']);
    const results = await probeEveryMethod(address, MeteringService, tls, `Bearer ${token}`);
    for (const [key, r] of Object.entries(results)) {
      expect([key, [status.UNAUTHENTICATED, status.PERMISSION_DENIED, status.UNAVAILABLE].includes(r.status)]).toEqual([key, false]);
    }
  });
  // The standard services a gRPC user expects, asked by Python grpcio over the same TLS port.
  itWithPython(
    'answers Python grpcio health Check SERVING and lists ndxp.metering.v1.Metering and the health service by reflection, without a token',
    async () => {
      expect(await pythonGrpc(address, ['check', ''], certs.caFile)).toEqual({ status: 'SERVING' });
      expect(await pythonGrpc(address, ['check', 'ndxp.metering.v1.Metering'], certs.caFile)).toEqual({ status: 'SERVING' });
      for (const version of ['v1', 'v1alpha']) {
        const r = await pythonGrpc(address, ['reflect', version], certs.caFile);
        expect(r).toMatchObject({ services: ['grpc.health.v1.Health', 'ndxp.metering.v1.Metering'] });
        expect((r['files'] as Record<string, number>)['grpc.health.v1.Health']).toBeGreaterThan(0);
        expect((r['files'] as Record<string, number>)['ndxp.metering.v1.Metering']).toBeGreaterThan(0);
      }
    },
  );

  itWithPython('gives Python the refusal as google.rpc.Status with ErrorInfo in grpc-status-details-bin', async () => {
    const r = await pythonGrpc(address, ['call', '/ndxp.metering.v1.Metering/LedgerStats', '', ''], certs.caFile);
    expect(r).toMatchObject({ status: 'UNAUTHENTICATED', ndxp_code: 'client.unauthenticated', code: status.UNAUTHENTICATED });
    expect(r['details']).toEqual([{ type: 'google.rpc.ErrorInfo', reason: 'client.unauthenticated', domain: ERROR_INFO_DOMAIN }]);
  });
});
