// Every setting of the Business Registration adapter, with its default, read once from the environment.
import { loadAdapterCommonConfig, type AdapterCommonConfig } from '@ndxp/adapter-sdk';
import { ConfigError, envEnum, envInt, envString, loadCommonConfig, type CommonConfig, type Env } from '@ndxp/runtime';
import { DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';

/** Service name used in logs, traces and NATS connection names. */
export const SERVICE_NAME = 'adapter-business-registration';

/** The adapter's settings. */
export interface AdapterConfig {
  common: CommonConfig;
  /** Settings every adapter shares (HEALTH_ADDR). */
  adapter: AdapterCommonConfig;
  /** http: call the national system; memory: answer from the simulator's dataset in-process. */
  upstream: 'http' | 'memory';
  /** Base URL of the national system's API (the adapter appends /dkdn/v1/enterprises/{code}). */
  upstreamUrl: string;
  /** Upper bound of one attempt (the request's deadline bounds it too). */
  upstreamTimeoutMs: number;
  /** Extra attempts after a 5xx, unreachable system or attempt timeout (GET is idempotent). */
  upstreamRetries: number;
  /** Consecutive upstream failures that open the circuit, and how long it stays open. */
  breakerFailures: number;
  breakerResetMs: number;
  /** Deadline given to requests that carry none. */
  defaultTimeoutMs: number;
  /** Dataset of the memory upstream (same meaning and defaults as the simulator's SIM_SEED/SIM_SIZE). */
  memorySeed: string;
  memorySize: number;
}

/** Reads BR_* (and the common) settings; throws ConfigError naming the bad one. */
export function loadConfig(env: Env): AdapterConfig {
  const upstreamUrl = envString(env, 'BR_UPSTREAM_URL', 'http://127.0.0.1:8081').replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(upstreamUrl);
  } catch {
    throw new ConfigError(`BR_UPSTREAM_URL must be an http(s) URL, got ${JSON.stringify(upstreamUrl)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`BR_UPSTREAM_URL must be an http(s) URL, got ${JSON.stringify(upstreamUrl)}`);
  }
  return {
    common: loadCommonConfig(env, SERVICE_NAME),
    adapter: loadAdapterCommonConfig(env),
    upstream: envEnum(env, 'BR_UPSTREAM', ['http', 'memory'] as const, 'http'),
    upstreamUrl,
    upstreamTimeoutMs: envInt(env, 'BR_UPSTREAM_TIMEOUT_MS', 2000, 1, 600_000),
    upstreamRetries: envInt(env, 'BR_UPSTREAM_RETRIES', 2, 0, 10),
    breakerFailures: envInt(env, 'BR_BREAKER_FAILURES', 5, 1, 1000),
    breakerResetMs: envInt(env, 'BR_BREAKER_RESET_MS', 5000, 1, 600_000),
    defaultTimeoutMs: envInt(env, 'BR_DEFAULT_TIMEOUT_MS', 10_000, 1, 600_000),
    memorySeed: envString(env, 'SIM_SEED', DEFAULT_SEED),
    memorySize: envInt(env, 'SIM_SIZE', DEFAULT_SIZE, 1, 5_000_000),
  };
}
