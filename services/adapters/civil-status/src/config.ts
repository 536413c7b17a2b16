// Every setting of the civil-status adapter, with its default, read once from the environment.
import { loadAdapterCommonConfig, loadUpstreamConfig, type AdapterCommonConfig } from '@ndxp/adapter-sdk';
import { envInt, loadCommonConfig, type CommonConfig, type Env } from '@ndxp/runtime';

/** Service name used in logs, traces, NATS connection names and $SRV discovery. */
export const SERVICE_NAME = 'adapter-civil-status';

/** The adapter's settings. */
export interface AdapterConfig {
  common: CommonConfig;
  /** Where the SDK serves /healthz and /readyz (HEALTH_ADDR). */
  adapter: AdapterCommonConfig;
  /** Base URL of the national system's web service (the adapter posts to {url}/hotich/ws). */
  upstreamUrl: string;
  /** Upper bound of one upstream attempt; the request's deadline bounds it too. */
  upstreamTimeoutMs: number;
  /** Extra attempts of a failed (5xx, unreachable) lookup, within the deadline. */
  upstreamRetries: number;
  /** Deadline given to requests that carry none. */
  defaultTimeoutMs: number;
}

/** Reads CS_* (and the common) settings; throws ConfigError naming the bad one. */
export function loadConfig(env: Env): AdapterConfig {
  const upstream = loadUpstreamConfig(env, 'CS', { url: 'http://127.0.0.1:8082', retries: 2 });
  return {
    common: loadCommonConfig(env, SERVICE_NAME),
    adapter: loadAdapterCommonConfig(env),
    ...upstream,
    defaultTimeoutMs: envInt(env, 'CS_DEFAULT_TIMEOUT_MS', 10_000, 1, 600_000),
  };
}
