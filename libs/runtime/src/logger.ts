// The one logger factory: pino, JSON lines, personal data redacted, and the trace and span of the
// active OpenTelemetry context on every line written inside a span.
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Field names that carry personal data anywhere in a log record; their values are censored. */
export const PERSONAL_FIELDS = [
  'fullName',
  'full_name',
  'name',
  'nameVi',
  'personalId',
  'personalIdNumber',
  'idNumber',
  'cccd',
  'address',
  'headOffice',
  'legalRepresentative',
  'phone',
  'email',
  'officer',
] as const;

const redactPaths = PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/** Keys of the trace context on a log line: OpenTelemetry's names for it in JSON logs (as instrumentation-pino writes them). */
export const LOG_TRACE_KEYS = { traceId: 'trace_id', spanId: 'span_id', traceFlags: 'trace_flags' } as const;

const NO_FIELDS = {};

/** The active span's trace id, span id and flags (two hex digits), or nothing outside a span. */
function traceFields(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (!span) return NO_FIELDS;
  const sc = span.spanContext();
  if (!isSpanContextValid(sc)) return NO_FIELDS;
  return {
    [LOG_TRACE_KEYS.traceId]: sc.traceId,
    [LOG_TRACE_KEYS.spanId]: sc.spanId,
    [LOG_TRACE_KEYS.traceFlags]: sc.traceFlags.toString(16).padStart(2, '0'),
  };
}

/** Creates the root logger of a service (JSON lines on stdout, or on `destination`). */
export function createLogger(options: { service: string; level?: string; instanceId?: string }, destination?: DestinationStream): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, instance: options.instanceId ?? `${options.service}-${process.pid}` },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: traceFields,
    },
    destination,
  );
}
