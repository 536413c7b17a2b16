// A line routing logs while it serves a request carries that request's trace and span ids, so an
// operator can go from the log to the trace: here the line that says an answer was withheld because
// JetStream could not take the meter event.
import { Writable } from 'node:stream';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { trace } from '@opentelemetry/api';
import { GetEnterpriseRequest, Header, METER_STREAM, RegistrySnapshot, subjects } from '@ndxp/contracts';
import { createLogger, ensureMeterStream, LOG_TRACE_KEYS, startTelemetry, type Telemetry } from '@ndxp/runtime';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { serveRegistrySnapshot, testRoutingConfig } from './routing.fixture';
import { startRouting, type Routing } from './routing';

const PROVIDER = 'BO-BKHDT-DKDN';
const SERVICE = 'GetEnterprise';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('routing log lines inside a request', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let routing: Routing;
  let telemetry: Telemetry;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    telemetry = startTelemetry({ service: 'ndxp-routing-test' });
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    serveRegistrySnapshot(nc, () =>
      RegistrySnapshot.fromPartial({
        revision: 1,
        services: [{ provider: PROVIDER, service: SERVICE, version: 'v1' }],
        grants: [{ consumer: 'TINH-01-LGSP', provider: PROVIDER, service: SERVICE }],
      }),
    );
    nc.subscribe(subjects.service(PROVIDER, SERVICE), {
      callback: (_e, m) => {
        const h = headers();
        h.set(Header.Status, 'ok');
        m.respond(new Uint8Array(0), { headers: h });
      },
    });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    routing = await startRouting({
      nc,
      logger: createLogger({ service: 'ndxp-routing', level: 'info' }, sink),
      tracer: trace.getTracer('test'),
      config: testRoutingConfig('routing-log-trace', { defaultTimeoutMs: 2000, meterTimeoutMs: 300, replayShared: 'off' }),
    });
  });

  afterAll(async () => {
    await routing?.stop();
    await nc?.close();
    await server?.stop();
    await telemetry?.shutdown();
  });

  it('writes the trace id of the request it serves, and a span id, on the line it logs then', async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(METER_STREAM);
    try {
      const h = headers();
      h.set(Header.RequestId, `log-trace-${Date.now()}`);
      h.set('traceparent', `00-${TRACE_ID}-00f067aa0ba902b7-01`);
      const reply = await nc.request(
        subjects.request('TINH-01-LGSP', PROVIDER, SERVICE),
        GetEnterpriseRequest.encode({ taxCode: '0100109106' }).finish(),
        {
          timeout: 3000,
          headers: h,
        },
      );
      expect(reply.headers?.get(Header.Status)).toBe('server.metering_unavailable');
    } finally {
      await ensureMeterStream(nc);
    }
    const withheld = lines.find((l) => l['msg'] === 'metering publish failed, answer withheld');
    expect(withheld?.[LOG_TRACE_KEYS.traceId]).toBe(TRACE_ID);
    expect(withheld?.[LOG_TRACE_KEYS.spanId]).toMatch(/^[0-9a-f]{16}$/);
    expect(withheld?.[LOG_TRACE_KEYS.spanId]).not.toBe('00f067aa0ba902b7');
    // A line outside any request (startup) carries none.
    expect(lines.find((l) => l['msg'] !== withheld?.['msg'])?.[LOG_TRACE_KEYS.traceId]).toBeUndefined();
  });
});
