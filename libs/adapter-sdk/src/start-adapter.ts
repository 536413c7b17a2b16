// Runs an adapter on NATS: one discoverable service endpoint per declared service, drained on stop.
import type { Msg, NatsConnection } from '@nats-io/nats-core';
import { Svcm, type Service } from '@nats-io/services';
import { subjects } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';
import { trace, type Tracer } from '@opentelemetry/api';
import type { Adapter } from './define-adapter';
import { dispatch, type EndpointCounters } from './dispatch';

/** What startAdapter needs. */
export interface StartAdapterOptions {
  nc: NatsConnection;
  logger: Logger;
  /** Default: the global tracer (a no-op unless telemetry was started). */
  tracer?: Tracer;
  /** Deadline applied to requests that carry none (ms, default 10000). */
  defaultTimeoutMs?: number;
}

/** A running adapter. */
export interface RunningAdapter {
  /** Instance id as reported by $SRV.PING. */
  id: string;
  /** Stops taking requests, answers those already received, then resolves. */
  stop(): Promise<void>;
}

/**
 * Serves each of the adapter's services on subjects.service(provider, service) in the queue group
 * subjects.serviceQueue(provider), registered with NATS service discovery ($SRV.PING/INFO/STATS).
 */
export async function startAdapter(adapter: Adapter, options: StartAdapterOptions): Promise<RunningAdapter> {
  const { nc } = options;
  const logger = options.logger.child({ adapter: adapter.name, provider: adapter.provider });
  const tracer = options.tracer ?? trace.getTracer('@ndxp/adapter-sdk');
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 10_000;
  const inFlight = new Set<Promise<void>>();
  const countersBySubject = new Map<string, EndpointCounters>();

  // @nats-io/services is built against an older nats-core; the connection is the same at runtime.
  const svcm = new Svcm(nc as unknown as ConstructorParameters<typeof Svcm>[0]);
  const srv: Service = await svcm.add({
    name: adapter.name,
    version: adapter.version,
    description: adapter.description ?? `NDXP adapter of ${adapter.provider}`,
    queue: subjects.serviceQueue(adapter.provider),
    metadata: { provider: adapter.provider },
    statsHandler: (endpoint) => Promise.resolve(countersBySubject.get(endpoint.subject) ?? null),
  });
  for (const binding of adapter.services) {
    const subject = subjects.service(adapter.provider, binding.service.service);
    const counters: EndpointCounters = { ok: 0, clientErrors: 0, serverErrors: 0, inFlight: 0 };
    countersBySubject.set(subject, counters);
    const deps = { binding, logger, tracer, defaultTimeoutMs, counters };
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
  // Once the server has seen the subscriptions, requests find a responder: only then are we serving.
  await nc.flush();
  logger.info({ id: srv.info().id, services: adapter.services.map((s) => s.service.service) }, 'adapter serving');

  let stopping: Promise<void> | undefined;
  return {
    id: srv.info().id,
    stop: () => {
      stopping ??= (async () => {
        await srv.stop();
        await Promise.allSettled([...inFlight]);
        logger.info('adapter stopped');
      })();
      return stopping;
    },
  };
}
