// The settings every service process shares, as rows for its --help and README: the ones
// loadCommonConfig reads (OPS_ADDR, NATS_*, LOG_LEVEL, NDXP_INSTANCE_ID, NATS_STREAM_REPLICAS) with
// the defaults it applies, and the standard OTEL_* variables startTelemetry's OpenTelemetry SDK reads.

/** What --help and a README say about one environment variable. */
export interface SettingDoc {
  /** The variable, e.g. NATS_URL. */
  env: string;
  /** The default as written in --help, e.g. 30000; 'unset' when there is none. */
  fallback: string;
  /** One line: what it is for. */
  meaning: string;
}

/** The defaults loadCommonConfig applies, written once. */
export const COMMON_DEFAULTS = {
  natsUrl: 'nats://127.0.0.1:4222',
  /** A free port on the loopback interface. */
  opsAddr: '127.0.0.1:0',
  logLevel: 'info',
  streamReplicas: 1,
} as const;

/** The levels LOG_LEVEL takes (pino's). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The rows of the settings loadCommonConfig and startTelemetry read, for the service `service`. */
export function commonSettingRows(service: string): SettingDoc[] {
  const d = COMMON_DEFAULTS;
  return [
    {
      env: 'OPS_ADDR',
      fallback: d.opsAddr,
      meaning: 'host:port of the ops server (/healthz, /readyz and /metrics); port 0 takes a free one, logged as opsPort; off disables it',
    },
    { env: 'NATS_URL', fallback: d.natsUrl, meaning: 'comma-separated NATS servers' },
    { env: 'NATS_USER', fallback: 'unset', meaning: 'NATS user (with NATS_PASSWORD)' },
    { env: 'NATS_PASSWORD', fallback: 'unset', meaning: 'NATS password' },
    { env: 'NATS_CREDS', fallback: 'unset', meaning: 'NATS credentials file' },
    { env: 'NATS_TLS_CA', fallback: 'unset', meaning: 'CA file the NATS connection trusts' },
    { env: 'NATS_TLS_CERT', fallback: 'unset', meaning: 'client certificate of the NATS connection (with NATS_TLS_KEY)' },
    { env: 'NATS_TLS_KEY', fallback: 'unset', meaning: 'key of the client certificate' },
    { env: 'NATS_INBOX_PREFIX', fallback: 'unset', meaning: 'reply inbox prefix (the broker allows each role only its own)' },
    {
      env: 'NATS_STREAM_REPLICAS',
      fallback: String(d.streamReplicas),
      meaning: `replicas of a JetStream stream the ${streamOwner(service)} creates`,
    },
    { env: 'LOG_LEVEL', fallback: d.logLevel, meaning: `pino level: ${LOG_LEVELS.slice(0, -1).join(', ')} or ${LOG_LEVELS.at(-1)}` },
    { env: 'NDXP_INSTANCE_ID', fallback: `${service}-<pid>`, meaning: 'instance name in logs, metrics and Ndxp-Instance' },
    ...telemetryRows(service),
  ];
}

/** "adapter" for an adapter-… service, else the service's name, as the README tables say it. */
function streamOwner(service: string): string {
  return service.startsWith('adapter-') ? 'adapter' : service;
}

/** The standard OTEL_* variables the OpenTelemetry SDK reads for the service's traces. */
function telemetryRows(service: string): SettingDoc[] {
  return [
    {
      env: 'OTEL_SDK_DISABLED',
      fallback: 'false',
      meaning: 'true: no OpenTelemetry SDK; spans are no-ops and no trace context is propagated',
    },
    {
      env: 'OTEL_TRACES_EXPORTER',
      fallback: 'unset',
      meaning: 'otlp, console, zipkin or none (comma-separated); unset: otlp when an OTLP endpoint is set, else spans are not exported',
    },
    {
      env: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
      fallback: 'unset',
      meaning: 'full URL of the OTLP traces endpoint, e.g. http://otel-collector:4318/v1/traces',
    },
    { env: 'OTEL_EXPORTER_OTLP_ENDPOINT', fallback: 'unset', meaning: 'OTLP base URL, with /v1/traces appended for traces' },
    {
      env: 'OTEL_EXPORTER_OTLP_PROTOCOL',
      fallback: 'http/protobuf',
      meaning: 'http/protobuf, http/json or grpc (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL for traces alone)',
    },
    { env: 'OTEL_TRACES_SAMPLER', fallback: 'parentbased_always_on', meaning: 'sampler, e.g. parentbased_traceidratio' },
    { env: 'OTEL_TRACES_SAMPLER_ARG', fallback: 'unset', meaning: "the sampler's argument, e.g. 0.1" },
    { env: 'OTEL_SERVICE_NAME', fallback: service, meaning: 'service.name of the spans' },
    { env: 'OTEL_RESOURCE_ATTRIBUTES', fallback: 'unset', meaning: "key=value,... on every span's resource" },
    {
      env: 'OTEL_*',
      fallback: 'unset',
      meaning:
        "OpenTelemetry's other variables (OTLP headers, timeout, compression; batch span processor; propagators; OTEL_LOG_LEVEL), as in @ndxp/runtime's README",
    },
  ];
}
