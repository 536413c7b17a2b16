// The adapter's operations endpoint: GET /healthz (the process is alive), GET /readyz (it serves
// requests) and GET /metrics (Prometheus), served by @ndxp/runtime's startOpsServer.
import { startOpsServer, type ServiceMetrics } from '@ndxp/runtime';

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
 * Serves GET /healthz → 200 while the process runs, GET /readyz → 200 when `readiness()` says ready,
 * else 503 with `{"status":"not ready","reason":...}`, and GET /metrics when a registry is given.
 */
export async function startHealthServer(
  addr: HealthAddr,
  readiness: () => Readiness,
  metrics?: ServiceMetrics['registry'],
): Promise<HealthServer> {
  return startOpsServer({ host: addr.host, port: addr.port, readiness, ...(metrics ? { metrics } : {}) });
}
