// Prometheus metrics every service exports (prom-client): process and Node.js defaults (event-loop
// lag included), and the mesh's request instruments labelled by operation, consumer and code.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Latency buckets in seconds, from 1 ms to 10 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The metrics of one service process. */
export interface ServiceMetrics {
  registry: Registry;
  /** Requests handled, by operation (e.g. provider.service or API method), consumer and result code. */
  requests: Counter<'operation' | 'consumer' | 'code'>;
  /** Time to handle a request, seconds. */
  duration: Histogram<'operation' | 'code'>;
  /** Requests being handled now. */
  inFlight: Gauge<'operation'>;
  /** Records one finished request. */
  observe(operation: string, consumer: string, code: string, seconds: number): void;
  /** Stops the event-loop monitor. */
  stop(): void;
}

/** Creates the registry of a service, labelled service=<name> and instance=<id>. */
export function createServiceMetrics(service: string, instance: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service, instance });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const requests = new Counter({
    name: 'ndxp_requests_total',
    help: 'Requests handled, by operation, consumer and result code (ok or a stable error code)',
    labelNames: ['operation', 'consumer', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'ndxp_request_duration_seconds',
    help: 'Time to handle a request, seconds',
    labelNames: ['operation', 'code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'ndxp_requests_in_flight',
    help: 'Requests being handled now',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  // Label children cached per combination: prom-client hashes a label object on every call otherwise.
  const children = new Map<string, { count: () => void; observe: (s: number) => void }>();
  // The max event-loop delay since the last scrape: what a stall looks like to a request.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  new Gauge({
    name: 'ndxp_event_loop_delay_max_seconds',
    help: 'Longest event-loop delay since the previous scrape, seconds',
    registers: [registry],
    collect() {
      this.set(loop.max / 1e9);
      loop.reset();
    },
  });
  return {
    registry,
    requests,
    duration,
    inFlight,
    observe(operation, consumer, code, seconds) {
      const key = `${operation}\u0000${consumer}\u0000${code}`;
      let child = children.get(key);
      if (!child) {
        const counter = requests.labels(operation, consumer, code);
        const histogram = duration.labels(operation, code);
        child = { count: () => counter.inc(), observe: (s) => histogram.observe(s) };
        children.set(key, child);
      }
      child.count();
      child.observe(seconds);
    },
    stop() {
      loop.disable();
    },
  };
}
