import { context, propagation, trace } from '@opentelemetry/api';
import { exportsTraces, startTelemetry } from './telemetry';

describe('exportsTraces', () => {
  it('sends nothing unless an exporter or an OTLP endpoint is configured', () => {
    expect(exportsTraces({})).toBe(false);
    expect(exportsTraces({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '' })).toBe(false);
    expect(exportsTraces({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' })).toBe(true);
    expect(exportsTraces({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(true);
  });

  it('follows OTEL_TRACES_EXPORTER when it is set, "none" first meaning none', () => {
    expect(exportsTraces({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(exportsTraces({ OTEL_TRACES_EXPORTER: 'otlp, console' })).toBe(true);
    expect(exportsTraces({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(false);
  });
});

describe('startTelemetry', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('records spans with real ids and propagates W3C trace context without exporting anything', async () => {
    delete process.env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
    delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
    delete process.env['OTEL_TRACES_EXPORTER'];
    const telemetry = startTelemetry({ service: 'local-test' });
    const headers = new Map<string, string>();
    const span = telemetry.tracer.startSpan('work');
    expect(span.isRecording()).toBe(true);
    propagation.inject(trace.setSpan(context.active(), span), headers, { set: (c, k, v) => c.set(k, v) });
    span.end();
    expect(headers.get('traceparent')).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    await expect(telemetry.shutdown()).resolves.toBeUndefined();
  });

  it('is a no-op under OTEL_SDK_DISABLED=true, and its shutdown still resolves', async () => {
    process.env['OTEL_SDK_DISABLED'] = 'true';
    const telemetry = startTelemetry({ service: 'disabled-test' });
    const span = telemetry.tracer.startSpan('work');
    expect(span.isRecording()).toBe(false);
    span.end();
    await expect(telemetry.shutdown()).resolves.toBeUndefined();
  });

  it('never throws into the host, even with settings the SDK cannot use', async () => {
    process.env['OTEL_RESOURCE_ATTRIBUTES'] = 'not a pair';
    process.env['OTEL_TRACES_EXPORTER'] = 'carrier-pigeon';
    process.env['OTEL_TRACES_SAMPLER'] = 'sometimes';
    const telemetry = startTelemetry({ service: 'odd-test' });
    telemetry.tracer.startSpan('work').end();
    await expect(telemetry.shutdown()).resolves.toBeUndefined();
  });
});
