// OpenTelemetry tracing through @opentelemetry/sdk-node, configured by the standard OTEL_* variables;
// W3C trace context carried in NATS headers. The mesh differs from the SDK's defaults in one way:
// nothing is exported unless an exporter or an OTLP endpoint is configured (no network by default).
import { context, propagation, trace, type Context, type TextMapGetter, type TextMapSetter, type Tracer } from '@opentelemetry/api';
import { NodeSDK, resources, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import type { Env } from './config';

/** Minimal header interface, satisfied by nats.js MsgHdrs. */
export interface TraceCarrier {
  get(k: string): string;
  set(k: string, v: string): void;
  keys(): string[];
}

const setter: TextMapSetter<TraceCarrier> = { set: (c, k, v) => c.set(k, v) };
const getter: TextMapGetter<TraceCarrier> = {
  get: (c, k) => c.get(k) || undefined,
  keys: (c) => c.keys(),
};

/** Telemetry of one process. */
export interface Telemetry {
  tracer: Tracer;
  /** Ends tracing after exporting the spans not yet sent; never rejects. */
  shutdown(): Promise<void>;
}

/** What startTelemetry takes. */
export interface TelemetryOptions {
  /** service.name unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES name another. */
  service: string;
}

type SpanProcessor = NonNullable<NodeSDKConfiguration['spanProcessors']>[number];

/** Keeps spans recording (ids, parents, propagation, trace ids in logs) without sending them anywhere. */
const keepSpansLocal: SpanProcessor = {
  onStart: () => undefined,
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/**
 * Whether spans leave the process: OTEL_TRACES_EXPORTER when set (its first value "none": no), else
 * only when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
export function exportsTraces(env: Env): boolean {
  const exporters = (env['OTEL_TRACES_EXPORTER'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== 'null');
  if (exporters.length > 0) return exporters[0] !== 'none';
  return Boolean(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim() || env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim());
}

/**
 * Starts the OpenTelemetry SDK for traces: exporter, endpoint, protocol, sampler, propagators and
 * resource from the OTEL_* variables (OTEL_SDK_DISABLED=true: no SDK, spans are no-ops). No
 * auto-instrumentation, no OpenTelemetry metrics or logs (metrics stay on prom-client). Never throws.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  let sdk: NodeSDK | undefined;
  try {
    sdk = new NodeSDK({
      resource: resources.defaultResource().merge(resources.resourceFromAttributes({ 'service.name': options.service })),
      instrumentations: [],
      metricReaders: [],
      logRecordProcessors: [],
      // Undefined: the SDK builds the exporters OTEL_TRACES_EXPORTER and OTEL_EXPORTER_OTLP_* name.
      ...(exportsTraces(process.env) ? {} : { spanProcessors: [keepSpansLocal] }),
    });
    sdk.start();
  } catch {
    // telemetry never throws into the host: the API's no-op tracer stands in
  }
  return {
    tracer: trace.getTracer(options.service),
    shutdown: async () => {
      try {
        await sdk?.shutdown();
      } catch {
        // telemetry never throws into the host
      }
    },
  };
}

/** Writes the trace context of ctx into NATS headers. */
export function injectTrace(ctx: Context, headers: TraceCarrier): void {
  propagation.inject(ctx, headers, setter);
}

/** Reads a trace context from NATS headers (or the active context when there is none). */
export function extractTrace(headers: TraceCarrier | undefined): Context {
  if (!headers) return context.active();
  return propagation.extract(context.active(), headers, getter);
}
