import { connect } from '@nats-io/transport-node';
import { headers } from '@nats-io/nats-core';
import { Enterprise, GetEnterpriseRequest, Header, subjects, type NationalService } from '@ndxp/contracts';
import { createLogger } from '@ndxp/runtime';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { bindService, defineAdapter } from './define-adapter';
import { serveAdapter } from './serve-adapter';

const PROVIDER = 'BO-BTP-TOY';
const heldService: NationalService<GetEnterpriseRequest, Enterprise> = {
  provider: PROVIDER,
  service: 'Held',
  version: 'v1',
  request: GetEnterpriseRequest,
  response: Enterprise,
  protoMethod: 'toy.Held/Held',
  safeToRepeat: true,
  httpPath: `/${PROVIDER}/v1/Held`,
  httpAliases: [],
};
const logger = createLogger({ service: 'ops-test', level: 'silent' });
const release: Array<() => void> = [];
const adapterDef = defineAdapter({
  name: 'ops-toy',
  provider: PROVIDER,
  version: '1.0.0',
  services: [
    bindService(heldService, async (req) => {
      await new Promise<void>((r) => release.push(r));
      return Enterprise.fromPartial({ taxCode: req.taxCode });
    }),
  ],
});

async function probe(port: number, path: string): Promise<{ status: number; body: { status: string; reason?: string } }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: (await res.json()) as { status: string; reason?: string } };
}

/** Probes /readyz until it answers `status`, and returns that answer. */
async function readyzUntil(port: number, status: number, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await probe(port, '/readyz');
    if (r.status === status || Date.now() > until) return r;
    await new Promise((res) => setTimeout(res, 5));
  }
}

describe("the adapter's ops server: health and readiness over HTTP", () => {
  let server: NatsServerHandle;
  beforeAll(async () => {
    server = await startNatsServer({ private: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves /healthz 200, /readyz 200 once serving and /metrics counting requests, on a free port, and 404 elsewhere', async () => {
    const nc = await connect({ servers: server.url });
    const adapter = await serveAdapter(adapterDef, { nc, logger, opsAddr: { host: '127.0.0.1', port: 0 } });
    try {
      expect(adapter.opsPort).toBeGreaterThan(0);
      expect(await probe(adapter.opsPort!, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await probe(adapter.opsPort!, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
      expect((await fetch(`http://127.0.0.1:${adapter.opsPort!}/nothing`)).status).toBe(404);
      const metrics = await (await fetch(`http://127.0.0.1:${adapter.opsPort!}/metrics`)).text();
      expect(metrics).toContain('# TYPE ndxp_requests_total counter');
      expect(metrics).toContain('nodejs_eventloop_lag_seconds');
    } finally {
      await adapter.stop();
      await nc.close();
    }
  });

  it('serves no ops server without opsAddr', async () => {
    const nc = await connect({ servers: server.url });
    const adapter = await serveAdapter(adapterDef, { nc, logger });
    try {
      expect(adapter.opsPort).toBeUndefined();
      expect(adapter.readiness()).toEqual({ ready: true });
    } finally {
      await adapter.stop();
      await nc.close();
    }
  });

  it('answers /readyz 503 while NATS is down, and 200 again after it reconnects; /healthz stays 200', async () => {
    const nc = await connect({ servers: server.url, reconnectTimeWait: 200, maxReconnectAttempts: -1 });
    const adapter = await serveAdapter(adapterDef, { nc, logger, opsAddr: { host: '127.0.0.1', port: 0 } });
    const port = adapter.opsPort!;
    try {
      const seen503 = readyzUntil(port, 503);
      await server.restart();
      const down = await seen503;
      expect(down).toEqual({ status: 503, body: { status: 'not ready', reason: 'nats disconnected' } });
      expect((await probe(port, '/healthz')).status).toBe(200);
      expect((await readyzUntil(port, 200)).status).toBe(200);
    } finally {
      await adapter.stop();
      await nc.close();
    }
  });

  it('turns /readyz 503 "draining" as soon as stop begins, while it still answers held requests', async () => {
    const nc = await connect({ servers: server.url });
    const client = await connect({ servers: server.url });
    const adapter = await serveAdapter(adapterDef, { nc, logger, opsAddr: { host: '127.0.0.1', port: 0 } });
    const port = adapter.opsPort!;
    try {
      const h = headers();
      h.set(Header.Deadline, String(Date.now() + 5000));
      const pending = client.request(subjects.service(PROVIDER, 'Held'), GetEnterpriseRequest.encode({ taxCode: 'held' }).finish(), {
        headers: h,
        timeout: 5000,
      });
      while (release.length === 0) await new Promise((r) => setImmediate(r));
      const stopping = adapter.stop();
      expect(await probe(port, '/readyz')).toEqual({ status: 503, body: { status: 'not ready', reason: 'draining' } });
      expect((await probe(port, '/healthz')).status).toBe(200);
      release.shift()!();
      expect((await pending).headers?.get(Header.Status)).toBe('ok');
      await stopping;
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      await adapter.stop();
      await client.close();
      await nc.close();
    }
  });

  it('fails to start when the ops port is taken', async () => {
    const nc = await connect({ servers: server.url });
    const first = await serveAdapter(adapterDef, { nc, logger, opsAddr: { host: '127.0.0.1', port: 0 } });
    try {
      await expect(serveAdapter(adapterDef, { nc, logger, opsAddr: { host: '127.0.0.1', port: first.opsPort! } })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await first.stop();
      await nc.close();
    }
  });
});
