// The operations endpoint every service serves (OPS_ADDR): GET /healthz (alive), GET /readyz
// (serving; 503 with the reason when not) and GET /metrics (Prometheus text format).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** Whether the service takes requests now, and why not. */
export type Readiness = { ready: true } | { ready: false; reason: string };

export interface OpsServerOptions {
  host: string;
  /** 0 takes a free port. */
  port: number;
  readiness: () => Readiness;
  metrics?: Registry;
}

/** A listening operations endpoint. */
export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** Starts the operations endpoint. */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const json = (status: number, body: object): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { status: 'method not allowed' });
    if (path === '/healthz') return json(200, { status: 'ok' });
    if (path === '/readyz') {
      const r = options.readiness();
      return r.ready ? json(200, { status: 'ready' }) : json(503, { status: 'not ready', reason: r.reason });
    }
    if (path === '/metrics' && options.metrics) {
      const registry = options.metrics;
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (err: unknown) => json(500, { status: 'error', message: String(err) }),
      );
      return;
    }
    json(404, { status: 'not found' });
  });
  // Probes and scrapes come every few seconds; idle keep-alive sockets must not hold close() up.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
