// One call that gives a service its operations endpoint and metrics: /healthz, /readyz (ready once
// the service says so, while its NATS connection is up, round trips to the broker succeed and its
// event loop is not stuck: link-health.ts) and /metrics on OPS_ADDR.
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import type { CommonConfig } from './config';
import { createServiceMetrics, type ServiceMetrics } from './metrics';
import { startLinkHealth, type LinkHealthOptions } from './link-health';
import { startOpsServer, type Readiness } from './ops-server';

/** A service's operations side. */
export interface ServiceOps {
  metrics: ServiceMetrics;
  /** Port of the operations endpoint (undefined when OPS_ADDR=off). */
  port: number | undefined;
  /** Marks the service ready (it serves requests) or not, with the reason. */
  setReady(ready: boolean, reason?: string): void;
  /** What /readyz answers now (gRPC health follows it: GrpcHealth.follow). */
  readiness(): Readiness;
  close(): Promise<void>;
}

/**
 * Starts metrics and the operations endpoint; readiness also follows the NATS connection's state, the
 * broker round trip and the event loop (`health` overrides link-health.ts's thresholds).
 */
export async function startServiceOps(
  config: CommonConfig,
  service: string,
  nc: NatsConnection,
  logger: Logger,
  health: LinkHealthOptions = {},
): Promise<ServiceOps> {
  const metrics = createServiceMetrics(service, config.instanceId);
  const link = startLinkHealth(nc, health);
  let serving: Readiness = { ready: false, reason: 'starting' };
  let connected = true;
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') connected = false;
      if (s.type === 'reconnect') connected = true;
    }
  })().catch(() => undefined);
  const readiness = (): Readiness => {
    if (nc.isClosed()) return { ready: false, reason: 'NATS connection closed' };
    if (!connected) return { ready: false, reason: 'NATS disconnected, reconnecting' };
    const l = link.check();
    return l.ready ? serving : l;
  };
  const server = config.opsAddr ? await startOpsServer({ ...config.opsAddr, readiness, metrics: metrics.registry }) : undefined;
  if (server) logger.info({ opsPort: server.port }, 'operations endpoint listening (/healthz /readyz /metrics)');
  return {
    metrics,
    port: server?.port,
    setReady(ready, reason = 'not ready') {
      serving = ready ? { ready: true } : { ready: false, reason };
    },
    readiness,
    async close() {
      link.stop();
      await server?.close();
      metrics.stop();
    },
  };
}
