// Serves a declared adapter on a NATS connection it is given: one discoverable endpoint per service,
// the ops server (/healthz, /readyz, /metrics), $SRV.STATS timed over async handling, drained on stop. startAdapter and runAdapter build on it.
import type { Msg, NatsConnection } from '@nats-io/nats-core';
import { Svcm, type Service } from '@nats-io/services';
import { subjects } from '@ndxp/contracts';
import {
  createServiceMetrics,
  LoopStall,
  startOpsServer,
  type ListenAddress,
  type Logger,
  type OpsServer,
  type Readiness,
  type ServiceMetrics,
} from '@ndxp/runtime';
import { trace, type Tracer } from '@opentelemetry/api';
import type { Adapter } from './define-adapter';
import { ADAPTER_DEFAULTS } from './defaults';
import { dispatch } from './dispatch';
import { EndpointStats, standardStatsOf } from './endpoint-stats';
import { ReadinessTracker } from './readiness';

/** What serveAdapter needs. */
export interface ServeAdapterOptions {
  nc: NatsConnection;
  logger: Logger;
  /** Default: the global tracer (a no-op unless telemetry was started). */
  tracer?: Tracer;
  /** Deadline applied to requests that carry none (ms, default 10000). */
  defaultTimeoutMs?: number;
  /** Serve the ops server (GET /healthz, /readyz and /metrics) here (OPS_ADDR); absent: none. */
  opsAddr?: ListenAddress | undefined;
  /** Prometheus instruments; by default the adapter makes its own, labelled service=<adapter name>. */
  metrics?: ServiceMetrics;
  /** Sent as Ndxp-Instance on every answer (NDXP_INSTANCE_ID of the common config); default: the $SRV instance id. */
  instanceId?: string | undefined;
}

/** A running adapter. */
export interface RunningAdapter {
  /** Instance id as reported by $SRV.PING. */
  id: string;
  /** Port of the ops server (/healthz, /readyz and /metrics); undefined when none runs. */
  opsPort: number | undefined;
  /** What /readyz answers now. */
  readiness(): Readiness;
  /** Turns /readyz to 503, stops taking requests, answers those already received, then resolves. */
  stop(): Promise<void>;
}

/**
 * Serves each of the adapter's services on subjects.service(provider, service) in the queue group
 * subjects.serviceQueue(provider), registered with NATS service discovery ($SRV.PING/INFO/STATS).
 */
export async function serveAdapter(adapter: Adapter, options: ServeAdapterOptions): Promise<RunningAdapter> {
  const { nc } = options;
  const logger = options.logger.child({ adapter: adapter.name, provider: adapter.provider });
  const tracer = options.tracer ?? trace.getTracer('@ndxp/adapter-sdk');
  const defaultTimeoutMs = options.defaultTimeoutMs ?? ADAPTER_DEFAULTS.requestTimeoutMs;
  const inFlight = new Set<Promise<void>>();
  const statsBySubject = new Map<string, EndpointStats>();
  const readiness = new ReadinessTracker(nc);
  const metrics = options.metrics ?? createServiceMetrics(adapter.name, options.instanceId ?? adapter.name);
  let ops: OpsServer | undefined;
  try {
    if (options.opsAddr) ops = await startOpsServer({ ...options.opsAddr, readiness: () => readiness.check(), metrics: metrics.registry });
  } catch (err) {
    readiness.markDraining();
    throw err;
  }

  // @nats-io/services is built against an older nats-core; the connection is the same at runtime.
  const svcm = new Svcm(nc as unknown as ConstructorParameters<typeof Svcm>[0]);
  let srv: Service;
  try {
    srv = await svcm.add({
      name: adapter.name,
      version: adapter.version,
      description: adapter.description ?? `NDXP adapter of ${adapter.provider}`,
      queue: subjects.serviceQueue(adapter.provider),
      metadata: { provider: adapter.provider },
      statsHandler: (endpoint) => {
        const stats = statsBySubject.get(endpoint.subject);
        if (!stats) return Promise.resolve(null);
        // The library's own timing ends when our handler returns, before the answer: replace it.
        const standard = standardStatsOf(endpoint);
        if (standard) stats.writeStandard(standard);
        return Promise.resolve(stats.data());
      },
    });
  } catch (err) {
    readiness.markDraining();
    await ops?.close();
    throw err;
  }
  const instanceId = options.instanceId ?? srv.info().id;
  const stall = new LoopStall().start();
  for (const binding of adapter.services) {
    const subject = subjects.service(adapter.provider, binding.service.service);
    const stats = new EndpointStats();
    statsBySubject.set(subject, stats);
    const deps = { binding, logger, tracer, defaultTimeoutMs, stats, instanceId, metrics, stall };
    srv.addEndpoint(binding.service.service, {
      subject,
      metadata: { version: binding.service.version, method: binding.service.protoMethod },
      handler: (err, msg) => {
        if (err) {
          logger.error({ err }, 'service subscription failed');
          return;
        }
        // ServiceMsg is typed by the older nats-core; it wraps this connection's Msg and delegates to it.
        const p = dispatch(msg as unknown as Msg, deps);
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      },
    });
  }
  let stopping: Promise<void> | undefined;
  void srv.stopped.then((err) => {
    if (stopping) return;
    readiness.markFailed(err ? `service stopped: ${err.message}` : 'service stopped');
    logger.error({ err }, 'adapter service stopped on its own');
  });
  // Once the server has seen the subscriptions, requests find a responder: only then are we serving.
  await nc.flush();
  readiness.markServing();
  logger.info({ id: srv.info().id, services: adapter.services.map((s) => s.service.service), opsPort: ops?.port }, 'adapter serving');

  return {
    id: srv.info().id,
    opsPort: ops?.port,
    readiness: () => readiness.check(),
    stop: () => {
      stopping ??= (async () => {
        readiness.markDraining();
        await srv.stop();
        await Promise.allSettled([...inFlight]);
        stall.stop();
        await ops?.close();
        if (!options.metrics) metrics.stop();
        logger.info('adapter stopped');
      })();
      return stopping;
    },
  };
}
