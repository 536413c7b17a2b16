import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MeshError } from '@ndxp/contracts';
import { callUpstream } from './call-upstream';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return err instanceof MeshError ? err.code : `not a MeshError: ${String(err)}`;
  }
}

describe('callUpstream', () => {
  let server: Server;
  let base: string;
  let lastTraceparent: string | undefined;
  beforeAll(async () => {
    server = createServer((req, res) => {
      lastTraceparent = req.headers['traceparent'] as string | undefined;
      const route = req.url ?? '';
      if (route === '/ok') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}');
      if (route === '/missing') return res.writeHead(404).end('{"maLoi":"NOT_FOUND"}');
      if (route === '/broken') return res.writeHead(503).end('busy');
      if (route === '/teapot') return res.writeHead(418).end();
      if (route === '/not-json') return res.writeHead(200).end('<html>');
      if (route === '/slow') return setTimeout(() => res.writeHead(200).end('{}'), 2000).unref();
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('returns the parsed JSON body of a 200', async () => {
    expect(await callUpstream(`${base}/ok`)).toEqual({ a: 1 });
    expect(lastTraceparent).toBeUndefined(); // no active span, nothing invented
  });

  it('maps 404 to client.not_found', async () => {
    expect(await codeOf(callUpstream(`${base}/missing`))).toBe('client.not_found');
  });

  it('maps 5xx, other statuses and bodies that are not JSON to server.upstream_failure', async () => {
    expect(await codeOf(callUpstream(`${base}/broken`))).toBe('server.upstream_failure');
    expect(await codeOf(callUpstream(`${base}/teapot`))).toBe('server.upstream_failure');
    expect(await codeOf(callUpstream(`${base}/not-json`))).toBe('server.upstream_failure');
  });

  it('maps a refused connection to server.upstream_failure', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await codeOf(callUpstream(`http://127.0.0.1:${port}/ok`))).toBe('server.upstream_failure');
  });

  it('maps its own timeout to server.timeout', async () => {
    const t0 = Date.now();
    expect(await codeOf(callUpstream(`${base}/slow`, { timeoutMs: 100 }))).toBe('server.timeout');
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('maps an abort of the caller signal to server.timeout, also when already aborted', async () => {
    const ac = new AbortController();
    const p = callUpstream(`${base}/slow`, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    expect(await codeOf(p)).toBe('server.timeout');
    expect(await codeOf(callUpstream(`${base}/ok`, { signal: AbortSignal.abort() }))).toBe('server.timeout');
  });
});
