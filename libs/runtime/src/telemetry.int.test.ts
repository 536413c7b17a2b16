// The OTEL_* variables configure export: a process that ends its telemetry has sent its spans to a
// local OTLP/HTTP receiver. It runs as a child process: the exporter loads node:http with a dynamic
// import, which jest's module sandbox does not allow.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

interface Received {
  contentType: string;
  body: Buffer;
}

const TELEMETRY = join(__dirname, '..', 'dist', 'telemetry.js');

/** Starts telemetry in a fresh node with `env`, ends one span named `span`, shuts down; prints whether it recorded. */
async function runSpan(env: Record<string, string>, service: string, span: string): Promise<string> {
  const script = `
    const { startTelemetry } = require(${JSON.stringify(TELEMETRY)});
    const t = startTelemetry({ service: ${JSON.stringify(service)} });
    const s = t.tracer.startSpan(${JSON.stringify(span)});
    s.end();
    t.shutdown().then(() => console.log(s.isRecording() || s.spanContext().traceFlags === 1 ? 'sampled' : 'dropped'));`;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_')));
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env: { ...clean, ...env }, timeout: 20_000 });
  return stdout.trim();
}

describe('startTelemetry exporting over OTLP/HTTP', () => {
  const received: Received[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  afterEach(() => {
    received.length = 0;
  });

  it('sends the spans to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as http/json, named by OTEL_SERVICE_NAME, flushed by shutdown', async () => {
    const env = {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url,
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'renamed',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test',
      // Longer than the test: only shutdown can have sent the span.
      OTEL_BSP_SCHEDULE_DELAY: '60000',
    };
    expect(await runSpan(env, 'json-test', 'flushed-on-shutdown')).toBe('sampled');
    expect(received).toHaveLength(1);
    expect(received[0]!.contentType).toBe('application/json');
    const body = received[0]!.body.toString('utf8');
    expect(body).toContain('"flushed-on-shutdown"');
    expect(body).toContain('{"key":"service.name","value":{"stringValue":"renamed"}}');
    expect(body).toContain('{"key":"deployment.environment.name","value":{"stringValue":"test"}}');
  });

  it("uses OTLP's default protocol, http/protobuf, when none is named, and the service's name without OTEL_SERVICE_NAME", async () => {
    expect(await runSpan({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url }, 'proto-test', 'binary')).toBe('sampled');
    expect(received).toHaveLength(1);
    expect(received[0]!.contentType).toBe('application/x-protobuf');
    expect(received[0]!.body.includes(Buffer.from('proto-test'))).toBe(true);
    expect(received[0]!.body.includes(Buffer.from('binary'))).toBe(true);
  });

  it('samples as OTEL_TRACES_SAMPLER says: always_off sends nothing', async () => {
    const env = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url, OTEL_TRACES_SAMPLER: 'always_off' };
    expect(await runSpan(env, 'sampled-test', 'dropped')).toBe('dropped');
    expect(received).toHaveLength(0);
  });

  it('sends nothing without an exporter or endpoint, and still gives spans real ids', async () => {
    expect(await runSpan({}, 'local-test', 'kept-local')).toBe('sampled');
    expect(received).toHaveLength(0);
  });
});
