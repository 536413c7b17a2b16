// Every setting of the Business Registration adapter, with its default, read once from the environment.
import { loadAdapterCommonConfig, loadUpstreamConfig, type AdapterCommonConfig } from '@ndxp/adapter-sdk';
import { envEnum, envInt, envString, loadCommonConfig, type CommonConfig, type Env } from '@ndxp/runtime';
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
  const upstream = loadUpstreamConfig(env, 'BR', {
    url: 'http://127.0.0.1:8081',
    retries: 2,
    breaker: { failures: 5, resetMs: 5000 },
  });
  return {
    common: loadCommonConfig(env, SERVICE_NAME),
    adapter: loadAdapterCommonConfig(env),
    upstream: envEnum(env, 'BR_UPSTREAM', ['http', 'memory'] as const, 'http'),
    ...upstream,
    defaultTimeoutMs: envInt(env, 'BR_DEFAULT_TIMEOUT_MS', 10_000, 1, 600_000),
    memorySeed: envString(env, 'SIM_SEED', DEFAULT_SEED),
    memorySize: envInt(env, 'SIM_SIZE', DEFAULT_SIZE, 1, 5_000_000),
  };
}
