// The settings table of an adapter process: the SDK's own (upstream, deadline, ops address, the
// common NATS/log ones, OpenTelemetry's OTEL_*) and the adapter's, read once, documented by the same rows.
import { commonSettingRows, ConfigError, loadCommonConfig, type Env } from '@ndxp/runtime';
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

/** Every row of the adapter's settings table, in --help and README order: its own prefix, its own settings, the common ones. */
export function settingRows<S extends SettingsTable>(definition: AdapterDefinition<S>): SettingRow[] {
  const row = ({ env, fallback, meaning }: SettingRow): SettingRow => ({ env, fallback, meaning });
  return [
    ...Object.values(prefixedSettings(definition)).map(row),
    ...Object.values(definition.settings ?? {}).map(row),
    ...commonSettingRows(definition.name),
  ];
}

/** Reads every setting of the adapter from env, once; throws SettingError (a ConfigError) naming the bad one. */
export function readAdapterSettings<S extends SettingsTable>(
  definition: AdapterDefinition<S>,
  env: Env,
): AdapterSettings<SettingValues<S>> {
  const sdk = prefixedSettings(definition);
  const taken = new Set([...Object.values(sdk), ...commonSettingRows(definition.name)].map((r) => r.env));
  for (const s of Object.values(definition.settings ?? {})) {
    if (taken.has(s.env)) throw new Error(`adapter ${definition.name}: its setting ${s.env} is one the SDK reads`);
  }
  let common;
  try {
    common = loadCommonConfig(env, definition.name);
  } catch (err) {
    if (err instanceof ConfigError && !(err instanceof SettingError)) {
      throw new SettingError(err.code === 'config.bad_address' ? 'config.bad_address' : 'config.invalid', err.message);
    }
    throw err;
  }
  const own: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(definition.settings ?? {})) own[key] = s.read(env);
  return {
    common,
    opsAddr: common.opsAddr,
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
