// The operations endpoint answers probes and serves Prometheus metrics that record requests.
import { createServiceMetrics } from './metrics';
import { startOpsServer } from './ops-server';

test('healthz, readyz and metrics answer with what the service reports', async () => {
  const metrics = createServiceMetrics('routing', 'r1');
  let ready: { ready: true } | { ready: false; reason: string } = { ready: false, reason: 'registry snapshot not loaded' };
  const ops = await startOpsServer({ host: '127.0.0.1', port: 0, readiness: () => ready, metrics: metrics.registry });
  try {
    const base = `http://127.0.0.1:${ops.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'not ready', reason: 'registry snapshot not loaded' });
    ready = { ready: true };
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    metrics.observe('BO-BKHDT-DKDN.GetEnterprise', 'TINH-01-LGSP', 'ok', 0.004);
    metrics.observe('BO-BKHDT-DKDN.GetEnterprise', 'TINH-01-LGSP', 'client.access_denied', 0.001);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain(
      'ndxp_requests_total{operation="BO-BKHDT-DKDN.GetEnterprise",consumer="TINH-01-LGSP",code="ok",service="routing",instance="r1"} 1',
    );
    expect(text).toMatch(
      /ndxp_request_duration_seconds_bucket\{le="0.005",service="routing",instance="r1",operation="BO-BKHDT-DKDN.GetEnterprise",code="ok"\} 1/,
    );
    expect(text).toMatch(/ndxp_event_loop_delay_max_seconds\{service="routing",instance="r1"\} \d/);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  } finally {
    await ops.close();
    metrics.stop();
  }
});
