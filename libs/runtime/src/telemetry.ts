// OpenTelemetry tracing: one provider per process, W3C trace context carried in NATS headers.
import { context, propagation, trace, type Context, type Tracer, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

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
  shutdown(): Promise<void>;
}

/** Starts tracing; spans are exported over OTLP/HTTP when an endpoint is given. Never throws. */
export function startTelemetry(options: { service: string; otlpTracesEndpoint?: string | undefined }): Telemetry {
  const spanProcessors: SpanProcessor[] = [];
  if (options.otlpTracesEndpoint) {
    spanProcessors.push(
      new BatchSpanProcessor(new OTLPTraceExporter({ url: options.otlpTracesEndpoint }), {
        scheduledDelayMillis: 500,
        maxExportBatchSize: 512,
      }),
    );
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }),
    spanProcessors,
  });
  provider.register();
  return {
    tracer: trace.getTracer(options.service),
    shutdown: async () => {
      try {
        await provider.shutdown();
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
