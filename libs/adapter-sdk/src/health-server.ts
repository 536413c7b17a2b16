// The adapter's HTTP probes: GET /healthz (the process is alive) and GET /readyz (it serves requests).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where the probes listen; port 0 takes a free port. */
export interface HealthAddr {
  host: string;
  port: number;
}

/** Whether the adapter takes requests now, and why not. */
export type Readiness = { ready: true } | { ready: false; reason: string };

/** A listening probe server. */
export interface HealthServer {
  /** The port it listens on (the free one chosen when asked for port 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * Serves GET /healthz → 200 while the process runs, and GET /readyz → 200 when `readiness()` says
 * ready, else 503 with `{"status":"not ready","reason":...}`. Anything else → 404.
 */
export async function startHealthServer(addr: HealthAddr, readiness: () => Readiness): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const reply = (status: number, body: object): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, { status: 'method not allowed' });
    if (path === '/healthz') return reply(200, { status: 'ok' });
    if (path === '/readyz') {
      const r = readiness();
      return r.ready ? reply(200, { status: 'ready' }) : reply(503, { status: 'not ready', reason: r.reason });
    }
    reply(404, { status: 'not found' });
  });
  // Probes come every few seconds; idle keep-alive sockets must not hold close() up.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(addr.port, addr.host, () => {
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
