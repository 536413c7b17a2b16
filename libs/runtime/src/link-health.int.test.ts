// /readyz follows more than connection events: a broker frozen with SIGSTOP (the TCP link stays open,
// nats.js reports nothing for seconds) makes the service not ready once round trips fail, and a
// blocked event loop makes it not ready for the hold time after; both recover by themselves.
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { loadCommonConfig } from './config';
import { createLogger } from './logger';
import { startLinkHealth } from './link-health';
import { startServiceOps, type ServiceOps } from './service-ops';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('readiness from the broker round trip and the event loop', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let ops: ServiceOps;
  let base: string;

  beforeAll(async () => {
    server = await startNatsServer({ private: true });
    nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    const config = loadCommonConfig({ NATS_URL: server.url, OPS_ADDR: '127.0.0.1:0' }, 'probe-test');
    ops = await startServiceOps(config, 'probe-test', nc, createLogger({ service: 'probe-test', level: 'silent' }), {
      probeIntervalMs: 200,
      probeTimeoutMs: 200,
      staleAfterMs: 700,
      loopLagMs: 400,
      loopHoldMs: 1000,
    });
    ops.setReady(true);
    base = `http://127.0.0.1:${ops.port}`;
  });
  afterAll(async () => {
    if (server?.pid) process.kill(server.pid, 'SIGCONT');
    await ops?.close();
    await nc?.close();
    await server?.stop();
  });

  const readyz = async (): Promise<{ status: number; reason?: string }> => {
    const r = await fetch(`${base}/readyz`);
    const body = (await r.json()) as { reason?: string };
    return { status: r.status, reason: body.reason };
  };

  it('is ready, then not ready while the broker is frozen, then ready again', async () => {
    expect((await readyz()).status).toBe(200);
    const pid = server.pid!;
    process.kill(pid, 'SIGSTOP');
    const frozenAt = Date.now();
    let seen: { status: number; reason?: string } = { status: 200 };
    while (seen.status === 200 && Date.now() - frozenAt < 5000) {
      await sleep(100);
      seen = await readyz();
    }
    const noticedMs = Date.now() - frozenAt;
    process.kill(pid, 'SIGCONT');
    expect(seen.status).toBe(503);
    expect(seen.reason).toMatch(/no round trip to the broker/);
    expect(noticedMs).toBeLessThan(2000);
    let back = await readyz();
    for (const until = Date.now() + 5000; back.status !== 200 && Date.now() < until; back = await readyz()) await sleep(100);
    expect(back.status).toBe(200);
  });

  it('is not ready for the hold time after the event loop was blocked', async () => {
    expect((await readyz()).status).toBe(200);
    const until = Date.now() + 800;
    while (Date.now() < until) {
      // a handler that hogs the loop
    }
    await sleep(300);
    const r = await readyz();
    expect(r.status).toBe(503);
    expect(r.reason).toMatch(/event loop blocked for \d+ ms/);
    await sleep(1200);
    expect((await readyz()).status).toBe(200);
  });

  it('reports the round trip and the largest loop lag', async () => {
    const h = startLinkHealth(nc, { probeIntervalMs: 50 });
    await sleep(300);
    expect(h.lastRttMs()).toBeGreaterThanOrEqual(0);
    expect(h.takeMaxLoopLagMs()).toBeGreaterThanOrEqual(0);
    expect(h.check()).toEqual({ ready: true });
    h.stop();
  });
});
