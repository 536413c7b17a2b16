// A broker restart of ~300 ms under steady gRPC load (issue 14, row 2): the gateway, on the mesh's
// connection settings (fast jittered reconnect), sends a request lost in the disconnect again with
// the same request id once the link is back, so no call with a 5 s deadline fails.
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { headers as newHeaders } from '@nats-io/nats-core';
import { BusinessRegistrationClient, Enterprise, GetEnterpriseRequest, Header, subjects } from '@ndxp/contracts';
import { connectNats, createLogger, loadCommonConfig, startTelemetry, type NatsConnection, type Telemetry } from '@ndxp/runtime';
import { serveFakeRegistry, startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { tokenSha256 } from './credential-book';
import { startGateway, type Gateway } from './gateway';

const TOKEN = 'tok-restart-0123456789';
const logger = createLogger({ service: 'gateway-test', level: 'silent' });

describe('gateway across a broker restart', () => {
  let nats: NatsServerHandle;
  let routingNc: NatsConnection;
  let gatewayNc: NatsConnection;
  let gateway: Gateway;
  let telemetry: Telemetry;
  const routed = new Map<string, number>();

  beforeAll(async () => {
    nats = await startNatsServer({ private: true });
    const common = loadCommonConfig({ NATS_URL: nats.url }, 'gateway-test');
    routingNc = await connectNats(common, 'stand-in-routing', logger);
    gatewayNc = await connectNats(common, 'gateway', logger);
    serveFakeRegistry(routingNc, {
      snapshot: {
        revision: 1,
        subsystems: [{ token: 'TINH-01-LGSP' }],
        credentials: [{ consumer: 'TINH-01-LGSP', kind: 'token', keyId: 'k1', tokenSha256: tokenSha256(TOKEN) }],
      },
    });
    routingNc.subscribe(subjects.requestAll, {
      callback: (_e, msg) => {
        const id = msg.headers?.get(Header.RequestId) ?? '';
        routed.set(id, (routed.get(id) ?? 0) + 1);
        const h = newHeaders();
        h.set(Header.Status, 'ok');
        const req = GetEnterpriseRequest.decode(msg.data);
        msg.respond(Enterprise.encode(Enterprise.fromPartial({ taxCode: req.taxCode })).finish(), { headers: h });
      },
    });
    await routingNc.flush();
    telemetry = startTelemetry({ service: 'gateway-test' });
    gateway = await startGateway({
      nc: gatewayNc,
      logger,
      tracer: telemetry.tracer,
      config: {
        defaultTimeoutMs: 5_000,
        maxTimeoutMs: 60_000,
        replyGraceMs: 500,
        registryResyncMs: 30_000,
        grpcAddr: '127.0.0.1:0',
        tls: undefined,
      },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await gatewayNc?.close();
    await routingNc?.close();
    await nats?.stop();
    await telemetry?.shutdown();
  });

  it('fails no call with a 5 s deadline while the broker restarts (300 ms down) under 50 calls/s', async () => {
    const client = new BusinessRegistrationClient(`127.0.0.1:${gateway.port}`, credentials.createInsecure());
    const md = new Metadata();
    md.set('authorization', `Bearer ${TOKEN}`);
    const calls: Promise<string>[] = [];
    const started = Date.now();
    let restarted = false;
    for (let i = 0; i < 150; i++) {
      const m = md.clone();
      m.set('ndxp-request-id', `restart-${i}`);
      calls.push(
        new Promise((resolve) =>
          client.getEnterprise({ taxCode: '0100109106' }, m, { deadline: Date.now() + 5_000 }, (err: ServiceError | null) =>
            resolve(err ? `${err.code} ${err.details}` : 'ok'),
          ),
        ),
      );
      if (i === 50) {
        restarted = true;
        void nats.restart({ downMs: 300 });
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const outcomes = await Promise.all(calls);
    client.close();
    expect(restarted).toBe(true);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
    // Every call reached routing; a resend of one lost in the drop reached it again under the same id.
    for (let i = 0; i < 150; i++) expect(routed.get(`restart-${i}`) ?? 0).toBeGreaterThanOrEqual(1);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
