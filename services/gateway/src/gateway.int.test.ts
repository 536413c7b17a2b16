// The gateway on a real nats-server, with stand-ins for the registry (Snapshot, change events) and
// for routing (ndxp.req.>) on that server, so what the gateway itself does is pinned: who it
// authenticates, what it publishes, what it returns. The whole mesh is test/e2e/gateway.test.ts.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, Metadata, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import type { Msg, NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  BusinessRegistrationClient,
  decodeStatusDetails,
  type Enterprise,
  fromGrpcError,
  GetEnterpriseRequest,
  Header,
  MeshError,
  type GetEnterpriseRequest as Req,
} from '@ndxp/contracts';
import { createLogger, startTelemetry, type Telemetry } from '@ndxp/runtime';
import {
  type FakeRegistry,
  type NatsServerHandle,
  makeTestPki,
  probeEveryMethod,
  serveFakeRegistry,
  serveStandInRouting,
  STAND_IN_ENTERPRISE_NAME,
  startNatsServer,
  waitUntil,
} from '@ndxp/testing';
import { tokenSha256 } from './credential-book';
import { startGateway, type Gateway } from './gateway';
import { gatewayServices } from './grpc-services';

const TOKEN = 'tok-hanoi-0123456789';
const logger = createLogger({ service: 'gateway-test', level: 'silent' });

/** A CA, a server certificate for 127.0.0.1, a client certificate per CN, and a foreign CA's client. */
function makePki(dir: string): void {
  makeTestPki(dir, {
    server: { cn: 'localhost', server: true },
    hanoi: { cn: 'TINH-01-LGSP' },
    stranger: { cn: 'TINH-99-LGSP' },
    forged: { cn: 'TINH-01-LGSP', foreign: true },
  });
}

describe('gateway (real nats-server, stand-in registry and routing)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let plain: Gateway;
  let tls: Gateway;
  let pkiDir: string;
  let telemetry: Telemetry;
  let registry: FakeRegistry;
  let seen: Msg[] = [];

  beforeAll(async () => {
    pkiDir = mkdtempSync(join(tmpdir(), 'ndxp-gw-pki-'));
    makePki(pkiDir);
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    registry = serveFakeRegistry(nc, {
      snapshot: {
        revision: 3,
        subsystems: [{ token: 'TINH-01-LGSP' }, { token: 'TINH-02-LGSP' }, { token: 'TINH-03-LGSP' }],
        credentials: [
          { consumer: 'TINH-01-LGSP', kind: 'token', keyId: 'k1', tokenSha256: tokenSha256(TOKEN) },
          { consumer: 'TINH-03-LGSP', kind: 'token', keyId: 'k3', tokenSha256: tokenSha256('tok-3') },
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
    const config = { defaultTimeoutMs: 5_000, maxTimeoutMs: 60_000, replyGraceMs: 500, registryResyncMs: 30_000 };
    telemetry = startTelemetry({ service: 'gateway-test' });
    const tracer = telemetry.tracer;
    plain = await startGateway({ nc, logger, tracer, config: { ...config, grpcAddr: '127.0.0.1:0', tls: undefined } });
    const f = (n: string): string => join(pkiDir, n);
    tls = await startGateway({
      nc,
      logger,
      tracer,
      config: { ...config, grpcAddr: '127.0.0.1:0', tls: { cert: f('server.pem'), key: f('server.key'), ca: f('ca.pem') } },
    });
  });

  afterAll(async () => {
    await plain?.stop();
    await tls?.stop();
    await nc?.drain();
    await nats?.stop();
    await telemetry?.shutdown();
  });

  const client = (port: number, creds: ChannelCredentials = credentials.createInsecure()): BusinessRegistrationClient =>
    // The server certificate names localhost (and 127.0.0.1); TLS's SNI may not be an IP address.
    new BusinessRegistrationClient(`127.0.0.1:${port}`, creds, { 'grpc.ssl_target_name_override': 'localhost' });
  const tlsCreds = (who?: string): ChannelCredentials => {
    const r = (n: string): Buffer => readFileSync(join(pkiDir, n));
    return who ? credentials.createSsl(r('ca.pem'), r(`${who}.key`), r(`${who}.pem`)) : credentials.createSsl(r('ca.pem'));
  };
  // The callback runs before the 'status' event that carries the trailers: settle on the latter.
  const call = (c: BusinessRegistrationClient, req: Req, md: Metadata = new Metadata()): Promise<{ e: Enterprise; trailer: Metadata }> =>
    new Promise((resolve, reject) => {
      let outcome: { err: ServiceError | null; e: Enterprise | undefined } | undefined;
      const rpc = c.getEnterprise(req, md, { deadline: Date.now() + 5_000 }, (err, e) => (outcome = { err, e }));
      rpc.on('status', (s: { metadata: Metadata }) => {
        if (!outcome || outcome.err) reject(outcome?.err ?? new Error('no outcome'));
        else resolve({ e: outcome.e!, trailer: s.metadata });
      });
    });
  const failure = async (p: Promise<unknown>): Promise<{ grpc: number; code: string }> => {
    try {
      await p;
      return { grpc: 0, code: 'ok' };
    } catch (err) {
      return { grpc: (err as ServiceError).code, code: fromGrpcError(err as ServiceError).code };
    }
  };
  const bearer = (token: string, extra: Record<string, string> = {}): Metadata => {
    const md = new Metadata();
    md.set('authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(extra)) md.set(k, v);
    return md;
  };

  it('publishes a token-authenticated call as its consumer with the envelope headers and returns the answer bytes', async () => {
    const c = client(plain.port);
    try {
      seen.length = 0;
      const before = Date.now();
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const md = bearer(TOKEN, {
        'ndxp-request-id': 'gw-int-1',
        'ndxp-officer': 'can-bo-01',
        'ndxp-purpose': 'HS-1',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      });
      const { e, trailer } = await call(c, { taxCode: '0100109106' }, md);
      expect(e.taxCode).toBe('0100109106');
      expect(e.nameVi).toBe(STAND_IN_ENTERPRISE_NAME);
      expect(trailer.get('ndxp-request-id')).toEqual(['gw-int-1']);
      expect(trailer.get('ndxp-receipt')).toEqual(['r'.repeat(64)]);
      const msg = seen[0]!;
      expect(msg.subject).toBe('ndxp.req.TINH-01-LGSP.BO-BKHDT-DKDN.GetEnterprise');
      expect(msg.headers?.get(Header.RequestId)).toBe('gw-int-1');
      expect(msg.headers?.get(Header.Version)).toBe('v1');
      expect(msg.headers?.get(Header.Officer)).toBe('can-bo-01');
      expect(msg.headers?.get(Header.Purpose)).toBe('HS-1');
      const deadline = Number(msg.headers?.get(Header.Deadline));
      expect(deadline).toBeGreaterThan(before + 4_000);
      expect(deadline).toBeLessThanOrEqual(Date.now() + 5_000);
      expect(msg.headers?.get(Header.TraceParent)).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      expect(Buffer.from(msg.data)).toEqual(Buffer.from(GetEnterpriseRequest.encode({ taxCode: '0100109106' }).finish()));
    } finally {
      c.close();
    }
  });

  it('makes a request id when the call carries none', async () => {
    const c = client(plain.port);
    try {
      seen.length = 0;
      const { trailer } = await call(c, { taxCode: '0100109106' }, bearer(TOKEN));
      const id = seen[0]!.headers?.get(Header.RequestId);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(trailer.get('ndxp-request-id')).toEqual([id]);
    } finally {
      c.close();
    }
  });

  it('refuses no credential and a wrong token with UNAUTHENTICATED client.unauthenticated, publishing nothing', async () => {
    const c = client(plain.port);
    try {
      seen.length = 0;
      expect(await failure(call(c, { taxCode: '0100109106' }))).toEqual({ grpc: 16, code: 'client.unauthenticated' });
      expect(await failure(call(c, { taxCode: '0100109106' }, bearer('tok-wrong')))).toEqual({ grpc: 16, code: 'client.unauthenticated' });
      expect(seen).toHaveLength(0);
    } finally {
      c.close();
    }
  });

  it('refuses every method it serves (every national service of the catalogue) without a credential, publishing nothing', async () => {
    seen.length = 0;
    const services = gatewayServices();
    expect(services.length).toBeGreaterThanOrEqual(4);
    for (const s of services) {
      for (const [key, r] of Object.entries(
        await probeEveryMethod(`127.0.0.1:${plain.port}`, s.definition, credentials.createInsecure()),
      )) {
        expect([s.name, key, r]).toEqual([s.name, key, { status: 16, code: 'client.unauthenticated' }]);
      }
    }
    expect(seen).toHaveLength(0);
  });

  it("returns routing's refusal as its gRPC status with the stable code", async () => {
    const c = client(tls.port, tlsCreds());
    try {
      // TINH-02-LGSP gets a token by event; the stand-in routing refuses it.
      const revision = await registry.change({
        $case: 'credentialIssued',
        value: { consumer: 'TINH-02-LGSP', kind: 'token', keyId: 'k2', tokenSha256: tokenSha256('tok-2') },
      });
      await waitUntil(() => tls.registry.revision === revision && plain.registry.revision === revision);
      expect(await failure(call(c, { taxCode: '0100109106' }, bearer('tok-2')))).toEqual({ grpc: 7, code: 'client.access_denied' });
    } finally {
      c.close();
    }
  });

  it("gives routing's rate limit RESOURCE_EXHAUSTED with RetryInfo carrying the retry delay in grpc-status-details-bin", async () => {
    const c = client(plain.port);
    try {
      const err = await call(c, { taxCode: '0100109106' }, bearer('tok-3')).then(
        () => undefined,
        (e: ServiceError) => e,
      );
      expect(err?.code).toBe(8);
      const details = decodeStatusDetails(err!.metadata.get('grpc-status-details-bin')[0] as Buffer);
      expect(details.errorInfo?.reason).toBe('client.rate_limited');
      expect(details.retryInfo).toEqual({ retryDelay: { seconds: 1, nanos: 500_000_000 } });
    } finally {
      c.close();
    }
  });

  it('refuses a token within a second of its revocation event', async () => {
    const c = client(plain.port);
    try {
      // Authenticated before (the stand-in routing then refuses the grant), unauthenticated after.
      expect((await failure(call(c, { taxCode: '0100109106' }, bearer('tok-2')))).code).toBe('client.access_denied');
      const revokedAt = Date.now();
      await registry.change({
        $case: 'credentialRevoked',
        value: { consumer: 'TINH-02-LGSP', kind: 'token', keyId: 'k2', revokedAtMs: revokedAt },
      });
      await waitUntil(async () => (await failure(call(c, { taxCode: '0100109106' }, bearer('tok-2')))).code === 'client.unauthenticated');
      expect(Date.now() - revokedAt).toBeLessThan(1_000);
    } finally {
      c.close();
    }
  });

  it('authenticates a client certificate signed by the CA as its CN', async () => {
    const c = client(tls.port, tlsCreds('hanoi'));
    try {
      seen.length = 0;
      const { e } = await call(c, { taxCode: '0100109106' });
      expect(e.taxCode).toBe('0100109106');
      expect(seen[0]!.subject).toBe('ndxp.req.TINH-01-LGSP.BO-BKHDT-DKDN.GetEnterprise');
    } finally {
      c.close();
    }
  });

  it('refuses a certificate from another CA, and one whose CN is not a registered subsystem', async () => {
    const forged = client(tls.port, tlsCreds('forged'));
    const stranger = client(tls.port, tlsCreds('stranger'));
    try {
      seen.length = 0;
      expect(await failure(call(forged, { taxCode: '0100109106' }))).toEqual({ grpc: 16, code: 'client.unauthenticated' });
      expect(await failure(call(stranger, { taxCode: '0100109106' }))).toEqual({ grpc: 16, code: 'client.unauthenticated' });
      expect(seen).toHaveLength(0);
    } finally {
      forged.close();
      stranger.close();
    }
  });

  it('accepts a bearer token over TLS without a client certificate', async () => {
    const c = client(tls.port, tlsCreds());
    try {
      const { e } = await call(c, { taxCode: '0100109106' }, bearer(TOKEN));
      expect(e.taxCode).toBe('0100109106');
    } finally {
      c.close();
    }
  });
});
