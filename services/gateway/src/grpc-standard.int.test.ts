// The gateway's gRPC conventions as a gRPC user meets them, on a real nats-server with stand-ins for
// the registry and routing: Python grpcio's health stub (Check, Watch through a drain), server
// reflection v1 and v1alpha, and the google.rpc.Status in grpc-status-details-bin of refused calls.
import { credentials, makeGenericClientConstructor, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { headers as newHeaders, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  CreateOrderRequest,
  decodeStatusDetails,
  ERROR_INFO_DOMAIN,
  GetEnterpriseRequest,
  GRPC_STATUS_DETAILS_METADATA,
  MeshError,
  PublicPostalService,
  subjects,
} from '@ndxp/contracts';
import { createLogger, HEALTH_SERVICE, startTelemetry, type Telemetry } from '@ndxp/runtime';
import {
  pythonGrpc,
  pythonGrpcAvailable,
  serveFakeRegistry,
  startNatsServer,
  startPythonGrpc,
  waitUntil,
  type FakeRegistry,
  type NatsServerHandle,
} from '@ndxp/testing';
import { tokenSha256 } from './credential-book';
import { startGateway, type Gateway } from './gateway';

const TOKEN = 'tok-hanoi-0123456789';
const DENIED_TOKEN = 'tok-haiphong-0123456789';
const logger = createLogger({ service: 'gateway-test', level: 'silent' });
const itWithPython = pythonGrpcAvailable() ? it : it.skip;

describe('gateway gRPC conventions (health, reflection, error details)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let registry: FakeRegistry;
  let telemetry: Telemetry;
  let gateway: Gateway;
  let address: string;
  const config = {
    grpcAddr: '127.0.0.1:0',
    tls: undefined,
    defaultTimeoutMs: 5_000,
    maxTimeoutMs: 60_000,
    replyGraceMs: 500,
    registryResyncMs: 30_000,
  };
  const start = (): Promise<Gateway> => startGateway({ nc, logger, tracer: telemetry.tracer, config });

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    registry = serveFakeRegistry(nc, {
      snapshot: {
        revision: 1,
        subsystems: [{ token: 'TINH-01-LGSP' }, { token: 'TINH-02-LGSP' }],
        credentials: [
          { consumer: 'TINH-01-LGSP', kind: 'token', keyId: 'k1', tokenSha256: tokenSha256(TOKEN) },
          { consumer: 'TINH-02-LGSP', kind: 'token', keyId: 'k2', tokenSha256: tokenSha256(DENIED_TOKEN) },
        ],
      },
    });
    // Stand-in routing: every call is refused as routing refuses a consumer without a grant.
    nc.subscribe(subjects.requestAll, {
      callback: (_e, msg) => {
        const h = newHeaders();
        new MeshError('client.access_denied').writeHeaders(h);
        msg.respond(new Uint8Array(0), { headers: h });
      },
    });
    await nc.flush();
    telemetry = startTelemetry({ service: 'gateway-test' });
    gateway = await start();
    address = `127.0.0.1:${gateway.port}`;
  });

  afterAll(async () => {
    await gateway?.stop();
    registry?.stop();
    await nc?.drain();
    await nats?.stop();
    await telemetry?.shutdown();
  });

  itWithPython('answers Python grpcio health Check SERVING for the server and each service, without a token', async () => {
    expect(await pythonGrpc(address, ['check', ''])).toEqual({ status: 'SERVING' });
    for (const s of gateway.services) expect([s, await pythonGrpc(address, ['check', s])]).toEqual([s, { status: 'SERVING' }]);
    expect(await pythonGrpc(address, ['check', 'ndxp.nosuch.v1.Service'])).toEqual({ error: 'NOT_FOUND' });
  });

  itWithPython('answers NOT_SERVING while the readiness it follows is not ready, SERVING again after', async () => {
    let ready = false;
    gateway.health.follow(() => (ready ? { ready: true } : { ready: false, reason: 'test' }));
    expect(await pythonGrpc(address, ['check', ''])).toEqual({ status: 'NOT_SERVING' });
    ready = true;
    await waitUntil(() => gateway.health.isServing, { timeoutMs: 3_000 });
    expect(await pythonGrpc(address, ['check', ''])).toEqual({ status: 'SERVING' });
  });

  itWithPython('tells a Python health Watch NOT_SERVING once the gateway starts to drain', async () => {
    const draining = await start();
    const watch = startPythonGrpc(`127.0.0.1:${draining.port}`, ['watch', '', '2']);
    let stopped: Promise<void> | undefined;
    try {
      await waitUntil(() => watch.lines.length === 1, { timeoutMs: 20_000 });
      expect(watch.lines).toEqual([{ status: 'SERVING' }]);
      stopped = draining.stop();
      expect(await watch.exited).toEqual([{ status: 'SERVING' }, { status: 'NOT_SERVING' }]);
    } finally {
      await (stopped ?? draining.stop());
    }
  });

  itWithPython(
    'lists every national service and the health service by server reflection (v1 and v1alpha), each resolving to its file',
    async () => {
      const listed = [...gateway.services, HEALTH_SERVICE];
      for (const version of ['v1', 'v1alpha']) {
        const r = await pythonGrpc(address, ['reflect', version]);
        expect(r['services']).toEqual([...listed].sort());
        const files = r['files'] as Record<string, unknown>;
        for (const s of listed) expect([s, typeof files[s] === 'number' && files[s] > 0]).toEqual([s, true]);
      }
    },
  );

  itWithPython('gives Python the refusal as google.rpc.Status with ErrorInfo (mesh code, domain, request id)', async () => {
    const hex = Buffer.from(GetEnterpriseRequest.encode({ taxCode: '0100109106' }).finish()).toString('hex');
    const r = await pythonGrpc(address, ['call', '/ndxp.businessregistration.v1.BusinessRegistration/GetEnterprise', hex, DENIED_TOKEN]);
    expect(r).toMatchObject({ status: 'PERMISSION_DENIED', ndxp_code: 'client.access_denied', code: status.PERMISSION_DENIED });
    const details = r['details'] as Array<Record<string, unknown>>;
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({ type: 'google.rpc.ErrorInfo', reason: 'client.access_denied', domain: ERROR_INFO_DOMAIN });
    expect((details[0]!['metadata'] as Record<string, string>)['request_id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  itWithPython('gives Python a BadRequest field violation when a state-changing call lacks its request id', async () => {
    const r = await pythonGrpc(address, ['call', '/ndxp.vnpost.v1.PublicPostal/CreateOrder', '', TOKEN]);
    expect(r).toMatchObject({ status: 'INVALID_ARGUMENT', ndxp_code: 'client.invalid_argument', code: status.INVALID_ARGUMENT });
    expect(r['details']).toEqual([
      expect.objectContaining({ type: 'google.rpc.ErrorInfo', reason: 'client.invalid_argument', metadata: { field: 'ndxp-request-id' } }),
      expect.objectContaining({ type: 'google.rpc.BadRequest', field_violations: [expect.objectContaining({ field: 'ndxp-request-id' })] }),
    ]);
  });

  it('carries grpc-status-details-bin beside the ndxp-* trailers, decodable in TypeScript', async () => {
    const Client = makeGenericClientConstructor(PublicPostalService, 'PublicPostal');
    const client = new Client(address, credentials.createInsecure()) as unknown as {
      createOrder(r: unknown, md: Metadata, cb: (err: ServiceError | null) => void): void;
      close(): void;
    };
    const md = new Metadata();
    md.set('authorization', `Bearer ${TOKEN}`);
    const err = await new Promise<ServiceError | null>((resolve) => client.createOrder(CreateOrderRequest.fromPartial({}), md, resolve));
    client.close();
    expect(err?.code).toBe(status.INVALID_ARGUMENT);
    expect(err?.metadata.get('ndxp-code')).toEqual(['client.invalid_argument']);
    expect(err?.metadata.get('ndxp-field')).toEqual(['ndxp-request-id']);
    const bin = err?.metadata.get(GRPC_STATUS_DETAILS_METADATA)[0];
    expect(Buffer.isBuffer(bin)).toBe(true);
    const d = decodeStatusDetails(bin as Buffer);
    expect(d).toMatchObject({ code: status.INVALID_ARGUMENT, message: err?.details });
    expect(d.typeUrls).toEqual(['type.googleapis.com/google.rpc.ErrorInfo', 'type.googleapis.com/google.rpc.BadRequest']);
    expect(d.errorInfo).toEqual({ reason: 'client.invalid_argument', domain: ERROR_INFO_DOMAIN, metadata: { field: 'ndxp-request-id' } });
    expect(d.badRequest?.fieldViolations[0]).toMatchObject({ field: 'ndxp-request-id', description: err?.details });
    expect(d.retryInfo).toBeUndefined();
  });
});
