// The retry loop and the broker link: an attempt whose request was lost in a disconnect is sent again
// (same request id) as soon as the connection is back, not after its whole timeout; an attempt that
// gets no answer within attemptTimeoutMs is sent again inside the deadline.
import { connect } from '@nats-io/transport-node';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { Enterprise, getEnterpriseService, Header } from '@ndxp/contracts';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { createClient } from './client';

describe('LGSP client across a broker restart and a swallowed request', () => {
  let server: NatsServerHandle;
  let responder: NatsConnection;
  const seen: string[] = [];
  /** Request ids whose first delivery the responder drops without an answer. */
  const swallow = new Set<string>();

  beforeAll(async () => {
    server = await startNatsServer({ private: true });
    responder = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 50 });
    responder.subscribe('ndxp.req.>', {
      callback: (_e, m) => {
        const id = m.headers?.get(Header.RequestId) ?? '';
        seen.push(id);
        if (swallow.delete(id)) return;
        const h = headers();
        h.set(Header.Status, 'ok');
        m.respond(Enterprise.encode(Enterprise.fromPartial({ taxCode: '0100109106' })).finish(), { headers: h });
      },
    });
    await responder.flush();
  });
  afterAll(async () => {
    await responder?.close();
    await server?.stop();
  });

  it('sends a request lost in a disconnect again after the reconnect, with the same id', async () => {
    const client = await createClient({ consumer: 'TINH-01-LGSP', servers: server.url, attemptTimeoutMs: 0 });
    swallow.add('lost-1');
    seen.length = 0;
    const t0 = Date.now();
    const call = client.call(getEnterpriseService, { taxCode: '0100109106' }, { requestId: 'lost-1' });
    while (!seen.includes('lost-1')) await new Promise((r) => setTimeout(r, 10));
    await server.restart({ downMs: 200 });
    const r = await call;
    await client.close();
    // 2, or 3 when the responder's own reconnect came after the client's (no responders, retried).
    expect(r.attempts).toBeGreaterThanOrEqual(2);
    expect(new Set(seen)).toEqual(new Set(['lost-1']));
    // Answered about when the broker was back, far inside the 5 s timeout.
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('sends a request that has no answer within attemptTimeoutMs again', async () => {
    const client = await createClient({ consumer: 'TINH-01-LGSP', servers: server.url, attemptTimeoutMs: 300, retryBackoffMs: 10 });
    swallow.add('slow-1');
    seen.length = 0;
    const t0 = Date.now();
    const r = await client.call(getEnterpriseService, { taxCode: '0100109106' }, { requestId: 'slow-1' });
    await client.close();
    expect(r.attempts).toBe(2);
    expect(seen).toEqual(['slow-1', 'slow-1']);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('fails with server.unavailable when the broker is not back before the deadline', async () => {
    const client = await createClient({ consumer: 'TINH-01-LGSP', servers: server.url, timeoutMs: 600, attemptTimeoutMs: 0 });
    const pid = server.pid!;
    await server.restart({ downMs: 0 });
    process.kill(server.pid!, 'SIGSTOP');
    expect(server.pid).not.toBe(pid);
    try {
      const t0 = Date.now();
      const err = await client.call(getEnterpriseService, { taxCode: '0100109106' }).catch((e: unknown) => e);
      expect((err as { code?: string }).code).toMatch(/^server\.(timeout|unavailable)$/);
      expect(Date.now() - t0).toBeLessThan(1500);
    } finally {
      process.kill(server.pid!, 'SIGCONT');
      await client.close().catch(() => undefined);
    }
  });
});
