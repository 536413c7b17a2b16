// The settings table of an adapter process: the SDK's own (upstream, deadline, ops address, the
// common NATS/log ones, OpenTelemetry's OTEL_*) and the adapter's, read once, documented by the same rows.
import { ConfigError, loadCommonConfig, type Env } from '@ndxp/runtime';
import { readOpsAddr } from './adapter-config';
import type { AdapterDefinition, AdapterSettings, SettingsTable, SettingValues } from './adapter-definition';
import { ADAPTER_DEFAULTS } from './defaults';
import { intSetting, SettingError, urlSetting, type SettingRow } from './setting';

/** The <PREFIX>_* settings the SDK reads for every adapter. */
function prefixedSettings(definition: AdapterDefinition<SettingsTable>) {
  const p = definition.envPrefix;
  const d = ADAPTER_DEFAULTS;
  return {
    baseUrl: urlSetting(`${p}_UPSTREAM_URL`, { fallback: definition.upstream.defaultUrl, meaning: 'base URL of the national system' }),
    timeoutMs: intSetting(`${p}_UPSTREAM_TIMEOUT_MS`, {
      fallback: d.upstreamTimeoutMs,
      min: 1,
      max: 600_000,
      meaning: 'cap of one upstream attempt under a longer budget (an attempt may otherwise use all the time the request has left)',
    }),
    retries: intSetting(`${p}_UPSTREAM_RETRIES`, {
      fallback: d.upstreamRetries,
      min: 0,
      max: 10,
      meaning: 'extra attempts of an idempotent call after a 5xx, unreachable system or attempt timeout, never past the deadline',
    }),
    failureThreshold: intSetting(`${p}_BREAKER_FAILURES`, {
      fallback: d.breakerFailures,
      min: 1,
      max: 1000,
      meaning: 'consecutive upstream failures that open the circuit',
    }),
    resetMs: intSetting(`${p}_BREAKER_RESET_MS`, {
      fallback: d.breakerResetMs,
      min: 1,
      max: 600_000,
      meaning: 'how long the open circuit answers server.upstream_failure at once before one trial call',
    }),
    defaultTimeoutMs: intSetting(`${p}_DEFAULT_TIMEOUT_MS`, {
      fallback: d.requestTimeoutMs,
      min: 1,
      max: 600_000,
      meaning: 'deadline of a request that carries none',
    }),
  };
}

/** The settings every service shares: loadCommonConfig's (@ndxp/runtime), OPS_ADDR (read by the SDK) and OpenTelemetry's. */
function commonRows(name: string): SettingRow[] {
  return [
    {
      env: 'OPS_ADDR',
      fallback: ADAPTER_DEFAULTS.opsAddr,
      meaning: 'host:port of the ops server (/healthz, /readyz and /metrics); port 0 takes a free one, logged as opsPort; off disables it',
    },
    { env: 'NATS_URL', fallback: 'nats://127.0.0.1:4222', meaning: 'comma-separated NATS servers' },
    { env: 'NATS_USER', fallback: 'unset', meaning: 'NATS user (with NATS_PASSWORD)' },
    { env: 'NATS_PASSWORD', fallback: 'unset', meaning: 'NATS password' },
    { env: 'NATS_CREDS', fallback: 'unset', meaning: 'NATS credentials file' },
    { env: 'NATS_TLS_CA', fallback: 'unset', meaning: 'CA file the NATS connection trusts' },
    { env: 'NATS_TLS_CERT', fallback: 'unset', meaning: 'client certificate of the NATS connection (with NATS_TLS_KEY)' },
    { env: 'NATS_TLS_KEY', fallback: 'unset', meaning: 'key of the client certificate' },
    { env: 'NATS_INBOX_PREFIX', fallback: 'unset', meaning: 'reply inbox prefix (the broker allows each role only its own)' },
    { env: 'NATS_STREAM_REPLICAS', fallback: '1', meaning: 'replicas of a JetStream stream the adapter creates' },
    { env: 'LOG_LEVEL', fallback: 'info', meaning: 'pino level: fatal, error, warn, info, debug, trace or silent' },
    { env: 'NDXP_INSTANCE_ID', fallback: `${name}-<pid>`, meaning: 'instance name in logs, metrics and Ndxp-Instance' },
    ...telemetryRows(name),
  ];
}

/** The standard OTEL_* variables the OpenTelemetry SDK reads for the adapter's traces (@ndxp/runtime's startTelemetry). */
function telemetryRows(name: string): SettingRow[] {
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
    { env: 'OTEL_SERVICE_NAME', fallback: name, meaning: 'service.name of the spans' },
    { env: 'OTEL_RESOURCE_ATTRIBUTES', fallback: 'unset', meaning: "key=value,... on every span's resource" },
    {
      env: 'OTEL_*',
      fallback: 'unset',
      meaning:
        "OpenTelemetry's other variables (OTLP headers, timeout, compression; batch span processor; propagators; OTEL_LOG_LEVEL), as in @ndxp/runtime's README",
    },
  ];
}

/** Every row of the adapter's settings table, in --help and README order: its own prefix, its own settings, the common ones. */
export function settingRows<S extends SettingsTable>(definition: AdapterDefinition<S>): SettingRow[] {
  const row = ({ env, fallback, meaning }: SettingRow): SettingRow => ({ env, fallback, meaning });
  return [
    ...Object.values(prefixedSettings(definition)).map(row),
    ...Object.values(definition.settings ?? {}).map(row),
    ...commonRows(definition.name),
  ];
}

/** Reads every setting of the adapter from env, once; throws SettingError (a ConfigError) naming the bad one. */
export function readAdapterSettings<S extends SettingsTable>(
  definition: AdapterDefinition<S>,
  env: Env,
): AdapterSettings<SettingValues<S>> {
  const sdk = prefixedSettings(definition);
  const taken = new Set([...Object.values(sdk), ...commonRows(definition.name)].map((r) => r.env));
  for (const s of Object.values(definition.settings ?? {})) {
    if (taken.has(s.env)) throw new Error(`adapter ${definition.name}: its setting ${s.env} is one the SDK reads`);
  }
  const opsAddr = readOpsAddr(env);
  let common;
  try {
    common = loadCommonConfig(env, definition.name);
  } catch (err) {
    if (err instanceof ConfigError && !(err instanceof SettingError)) throw new SettingError('config.invalid', err.message);
    throw err;
  }
  const own: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(definition.settings ?? {})) own[key] = s.read(env);
  return {
    common,
    opsAddr,
    defaultTimeoutMs: sdk.defaultTimeoutMs.read(env),
    upstream: {
      name: definition.upstream.name,
      baseUrl: sdk.baseUrl.read(env),
      timeoutMs: sdk.timeoutMs.read(env),
      retries: sdk.retries.read(env),
      breaker: { failureThreshold: sdk.failureThreshold.read(env), resetMs: sdk.resetMs.read(env) },
    },
    own: own as SettingValues<S>,
  };
}
