import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MeshError } from '@ndxp/contracts';
import { createLogger, startTelemetry, type Telemetry } from '@ndxp/runtime';
import { context, trace } from '@opentelemetry/api';
import { ownContext } from './own-context';
import type { RequestContext } from './request-context';
import { ADAPTER_DEFAULTS } from './defaults';
import { createUpstream } from './upstream';

const logger = createLogger({ service: 'upstream-test', level: 'silent' });

function makeCtx(opts: { deadlineInMs?: number; signal?: AbortSignal; requestId?: string } = {}): RequestContext {
  const { requestId = 'req-1', deadlineInMs = 5000, signal } = opts;
  return ownContext({ requestId, timeoutMs: deadlineInMs, logger, consumer: 'TINH-01-LGSP', ...(signal ? { signal } : {}) });
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
    return { code: 'resolved', message: '' };
  } catch (err) {
    if (err instanceof MeshError) return { code: err.code, message: err.message };
    return { code: `not a MeshError: ${String(err)}`, message: '' };
  }
}

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe('createUpstream', () => {
  let server: Server;
  let base: string;
  let hits = 0;
  let handler: Handler = (_req, _body, res) => void res.writeHead(200).end('{}');
  let seen: { method?: string; url?: string; headers?: IncomingMessage['headers']; body?: string } = {};
  let telemetry: Telemetry;

  beforeAll(async () => {
    telemetry = startTelemetry({ service: 'upstream-test' });
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        hits++;
        seen = { method: req.method, url: req.url, headers: req.headers, body };
        handler(req, body, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await telemetry.shutdown();
  });
  beforeEach(() => {
    hits = 0;
  });

  const answer =
    (status: number, body = ''): Handler =>
    (_req, _b, res) =>
      void res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  const hang: Handler = (_req, _b, res) => void setTimeout(() => res.writeHead(200).end('{}'), 3000).unref();

  it('GETs path under baseUrl and returns status, body, headers and parsed JSON', async () => {
    handler = answer(200, '{"a":1}');
    const up = createUpstream({ name: 'toy', baseUrl: `${base}/api/`, timeoutMs: 1000 });
    const res = await up.call(makeCtx(), { path: '/x?y=1' });
    expect(seen).toMatchObject({ method: 'GET', url: '/api/x?y=1' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('{"a":1}');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json()).toEqual({ a: 1 });
  });

  it('throws server.upstream_failure from json() when the body is not JSON', async () => {
    handler = answer(200, '<html>');
    const res = await createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 1000 }).call(makeCtx(), { path: '/' });
    expect(await failure(Promise.resolve().then(() => res.json()))).toMatchObject({ code: 'server.upstream_failure' });
  });

  it('POSTs the body as is with its content type, the request id and the trace context', async () => {
    handler = answer(200, '<ok/>');
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 1000 });
    const span = trace.getTracer('t').startSpan('outer');
    await context.with(trace.setSpan(context.active(), span), () =>
      up.call(makeCtx({ requestId: 'abc-123' }), {
        method: 'POST',
        path: '/soap',
        body: '<q>1</q>',
        contentType: 'text/xml; charset=utf-8',
        headers: { soapaction: 'Get' },
      }),
    );
    span.end();
    expect(seen.method).toBe('POST');
    expect(seen.body).toBe('<q>1</q>');
    expect(seen.headers?.['content-type']).toBe('text/xml; charset=utf-8');
    expect(seen.headers?.['soapaction']).toBe('Get');
    expect(seen.headers?.['x-request-id']).toBe('abc-123');
    expect(seen.headers?.['traceparent']).toContain(span.spanContext().traceId);
  });

  it('maps 404 to client.not_found without retrying', async () => {
    handler = answer(404, '{"maLoi":"NOT_FOUND"}');
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 1000 });
    expect(await failure(up.call(makeCtx(), { path: '/missing' }))).toMatchObject({ code: 'client.not_found' });
    expect(hits).toBe(1);
  });

  it('maps another 4xx to server.upstream_failure without retrying', async () => {
    handler = answer(400);
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 1000 });
    const f = await failure(up.call(makeCtx(), { path: '/bad' }));
    expect(f.code).toBe('server.upstream_failure');
    expect(f.message).toMatch(/HTTP 400/);
    expect(hits).toBe(1);
  });

  it("returns a status the call accepts (e.g. 409, or a SOAP fault's 500) as an answer, without retrying or tripping the breaker", async () => {
    handler = (_req, _body, res) => void res.writeHead(409, { 'content-type': 'application/json' }).end('{"loi":"da phat"}');
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 1000, breaker: { failureThreshold: 1 } });
    const res = await up.call(makeCtx(), { path: '/cancel', method: 'POST', idempotent: true, acceptStatus: [409] });
    expect(res.status).toBe(409);
    expect(res.json()).toEqual({ loi: 'da phat' });
    expect(hits).toBe(1);
    expect(up.breakerState).toBe('closed');
  });

  it('retries a 500 on GET (1 + retries attempts) and answers server.upstream_failure', async () => {
    handler = answer(500);
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 1000 });
    expect(await failure(up.call(makeCtx(), { path: '/broken' }))).toMatchObject({ code: 'server.upstream_failure' });
    expect(hits).toBe(3);
  });

  it('does not retry a 500 on POST unless the call says it is idempotent', async () => {
    handler = answer(500);
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 1000, retries: 2 });
    expect((await failure(up.call(makeCtx(), { method: 'POST', path: '/p', body: '{}' }))).code).toBe('server.upstream_failure');
    expect(hits).toBe(1);
    hits = 0;
    await failure(up.call(makeCtx(), { method: 'POST', path: '/p', body: '{}', idempotent: true }));
    expect(hits).toBe(3);
  });

  it('answers the retry that succeeds after a 503', async () => {
    let n = 0;
    handler = (_req, _b, res) => void (n++ === 0 ? res.writeHead(503).end() : res.writeHead(200).end('{"n":2}'));
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 1000 });
    expect((await up.call(makeCtx(), { path: '/flaky' })).json()).toEqual({ n: 2 });
    expect(hits).toBe(2);
  });

  it('does not retry past the deadline', async () => {
    handler = answer(500);
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 1000, retries: 50 });
    const t0 = Date.now();
    expect((await failure(up.call(makeCtx({ deadlineInMs: 300 }), { path: '/broken' }))).code).toMatch(/^server\./);
    expect(Date.now() - t0).toBeLessThan(400);
    expect(hits).toBeLessThan(50);
  });

  it('ends an attempt at timeoutMs, well inside a far deadline, with server.timeout', async () => {
    handler = hang;
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 100, retries: 0 });
    const t0 = Date.now();
    expect(await failure(up.call(makeCtx({ deadlineInMs: 10_000 }), { path: '/slow' }))).toMatchObject({
      code: 'server.timeout',
    });
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(95);
    expect(took).toBeLessThan(1000);
  });

  it('serves a national system that answers in 3 s inside a 5 s deadline with the default per-attempt cap', async () => {
    handler = hang; // answers after 3 s
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: ADAPTER_DEFAULTS.upstreamTimeoutMs });
    const t0 = Date.now();
    const res = await up.call(makeCtx({ deadlineInMs: 5_000 }), { path: '/slow' });
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2_900);
    expect(hits).toBe(1);
    expect(up.breakerState).toBe('closed');
  }, 10_000);

  it('ends an attempt at the deadline when it comes before timeoutMs', async () => {
    handler = hang;
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 5000 });
    const t0 = Date.now();
    expect((await failure(up.call(makeCtx({ deadlineInMs: 150 }), { path: '/slow' }))).code).toBe('server.timeout');
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('maps an abort of ctx.signal, also one before the call, to server.timeout', async () => {
    handler = hang;
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 5000 });
    const ac = new AbortController();
    const p = up.call(makeCtx({ signal: ac.signal }), { path: '/slow' });
    setTimeout(() => ac.abort(), 50);
    expect((await failure(p)).code).toBe('server.timeout');
    hits = 0;
    expect((await failure(up.call(makeCtx({ signal: AbortSignal.abort() }), { path: '/slow' }))).code).toBe('server.timeout');
    expect(hits).toBe(0);
  });

  it('maps a refused connection to server.upstream_failure', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const up = createUpstream({ name: 'hộ tịch', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000, retries: 0 });
    expect(await failure(up.call(makeCtx(), { path: '/' }))).toMatchObject({
      code: 'server.upstream_failure',
      message: expect.stringContaining('hộ tịch') as string,
    });
  });

  it('opens the breaker after N consecutive failures and then fails fast (< 5 ms) without calling', async () => {
    handler = answer(500);
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 1000, retries: 0, breaker: { failureThreshold: 3 } });
    for (let i = 0; i < 3; i++) {
      expect(up.breakerState).toBe('closed');
      await failure(up.call(makeCtx(), { path: '/broken' }));
    }
    expect(up.breakerState).toBe('open');
    expect(hits).toBe(3);
    const took: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      const f = await failure(up.call(makeCtx(), { path: '/broken' }));
      took.push(performance.now() - t0);
      expect(f.code).toBe('server.upstream_failure');
      expect(f.message).toMatch(/circuit .* open/);
    }
    // The median, so that one descheduling of a busy test machine does not decide the outcome.
    expect(took.sort((x, y) => x - y)[10]).toBeLessThan(5);
    expect(hits).toBe(3);
  });

  it('does not count not-found answers or the consumer deadline against the breaker', async () => {
    const up = createUpstream({ name: 'toy', baseUrl: base, timeoutMs: 5000, retries: 0, breaker: { failureThreshold: 1 } });
    handler = answer(404);
    for (let i = 0; i < 5; i++) await failure(up.call(makeCtx(), { path: '/missing' }));
    handler = hang;
    await failure(up.call(makeCtx({ deadlineInMs: 50 }), { path: '/slow' }));
    expect(up.breakerState).toBe('closed');
  });

  it('lets one trial through after resetMs (half-open): success closes, failure opens again', async () => {
    handler = answer(500);
    const up = createUpstream({
      name: 'toy',
      baseUrl: base,
      timeoutMs: 1000,
      retries: 0,
      breaker: { failureThreshold: 2, resetMs: 100 },
    });
    await failure(up.call(makeCtx(), { path: '/broken' }));
    await failure(up.call(makeCtx(), { path: '/broken' }));
    expect(up.breakerState).toBe('open');
    const waitHalfOpen = async (): Promise<void> => {
      while (up.breakerState !== 'half-open') await new Promise((r) => setTimeout(r, 10));
    };

    // A failed trial opens the circuit again.
    await waitHalfOpen();
    hits = 0;
    await failure(up.call(makeCtx(), { path: '/broken' }));
    expect(hits).toBe(1);
    expect(up.breakerState).toBe('open');

    // Only one trial at a time: calls during the trial fail fast.
    await waitHalfOpen();
    let release: () => void = () => undefined;
    handler = (_req, _b, res) => {
      release = () => void res.writeHead(200).end('{"ok":true}');
    };
    hits = 0;
    const trial = up.call(makeCtx(), { path: '/ok' });
    while (hits === 0) await new Promise((r) => setImmediate(r));
    const during = await failure(up.call(makeCtx(), { path: '/ok' }));
    expect(during.message).toMatch(/circuit/);
    release();
    expect((await trial).json()).toEqual({ ok: true });
    expect(up.breakerState).toBe('closed');
    expect(hits).toBe(1);
  });

  it('rejects a malformed config', () => {
    expect(() => createUpstream({ name: 'x', baseUrl: 'not a url', timeoutMs: 1 })).toThrow(/baseUrl/);
    expect(() => createUpstream({ name: 'x', baseUrl: 'ftp://h', timeoutMs: 1 })).toThrow(/http/);
    expect(() => createUpstream({ name: 'x', baseUrl: base, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createUpstream({ name: 'x', baseUrl: base, timeoutMs: 1, retries: -1 })).toThrow(/retries/);
    expect(() => createUpstream({ name: 'x', baseUrl: base, timeoutMs: 1, breaker: { failureThreshold: 0 } })).toThrow(/failureThreshold/);
  });
});
