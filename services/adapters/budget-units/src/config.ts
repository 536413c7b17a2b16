// Every setting of the budget-unit codes adapter, with its default, read once from the environment.
import { loadAdapterCommonConfig, loadUpstreamConfig, type AdapterCommonConfig } from '@ndxp/adapter-sdk';
import { envInt, loadCommonConfig, type CommonConfig, type Env } from '@ndxp/runtime';

/** Service name used in logs, traces, NATS connection names and $SRV discovery. */
export const SERVICE_NAME = 'adapter-budget-units';

/** The adapter's settings. */
export interface AdapterConfig {
  common: CommonConfig;
  /** Where the SDK serves /healthz and /readyz (HEALTH_ADDR). */
  adapter: AdapterCommonConfig;
  /** Base URL of the national system's API (the adapter appends /msns/v1/don-vi…). */
  upstreamUrl: string;
  /** Upper bound of one upstream attempt; the request's deadline bounds it too. */
  upstreamTimeoutMs: number;
  /** Extra attempts of a failed (5xx, unreachable) upstream call, within the deadline. */
  upstreamRetries: number;
  /** Consecutive upstream failures that open the circuit. */
  breakerFailures: number;
  /** How long an open circuit refuses calls before one trial. */
  breakerResetMs: number;
  /** Deadline given to requests that carry none. */
  defaultTimeoutMs: number;
}

/** Reads BU_* (and the common) settings; throws ConfigError naming the bad one. */
export function loadConfig(env: Env): AdapterConfig {
  const upstream = loadUpstreamConfig(env, 'BU', {
    url: 'http://127.0.0.1:8083',
    retries: 2,
    breaker: { failures: 5, resetMs: 5000 },
  });
  return {
    common: loadCommonConfig(env, SERVICE_NAME),
    adapter: loadAdapterCommonConfig(env),
    ...upstream,
    defaultTimeoutMs: envInt(env, 'BU_DEFAULT_TIMEOUT_MS', 10_000, 1, 600_000),
  };
}
