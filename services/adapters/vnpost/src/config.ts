// Every setting of the VNPost adapter, with its default, read once from the environment.
import { loadAdapterCommonConfig, loadUpstreamConfig, type AdapterCommonConfig } from '@ndxp/adapter-sdk';
import { ConfigError, envInt, envString, loadCommonConfig, type CommonConfig, type Env } from '@ndxp/runtime';

/** Service name used in logs, traces and NATS connection names. */
export const SERVICE_NAME = 'adapter-vnpost';

/** The adapter's settings. */
export interface AdapterConfig {
  common: CommonConfig;
  /** Settings every adapter shares (OPS_ADDR: /healthz, /readyz, /metrics). */
  adapter: AdapterCommonConfig;
  /** Base URL of the national system (the adapter appends /bccI/v1/...). */
  upstreamUrl: string;
  upstreamTimeoutMs: number;
  /** Deadline given to requests that carry none. */
  defaultTimeoutMs: number;
  /** Pause between two polls of the change feed when it had nothing more. */
  pollMs: number;
  /** Changes asked for per poll. */
  pollBatch: number;
  /** JetStream KV bucket holding the feed cursor (shared by every replica). */
  cursorBucket: string;
}

/** Reads VNPOST_* (and the common) settings; throws ConfigError naming the bad one. */
export function loadConfig(env: Env): AdapterConfig {
  const upstream = loadUpstreamConfig(env, 'VNPOST', { url: 'http://127.0.0.1:8084' });
  const cursorBucket = envString(env, 'VNPOST_CURSOR_BUCKET', 'ndxp_vnpost_feed');
  if (!/^[-\w]+$/.test(cursorBucket)) {
    throw new ConfigError(`VNPOST_CURSOR_BUCKET must be letters, digits, - or _, got ${JSON.stringify(cursorBucket)}`);
  }
  return {
    common: loadCommonConfig(env, SERVICE_NAME),
    adapter: loadAdapterCommonConfig(env),
    ...upstream,
    defaultTimeoutMs: envInt(env, 'VNPOST_DEFAULT_TIMEOUT_MS', 10_000, 1, 600_000),
    pollMs: envInt(env, 'VNPOST_POLL_MS', 1000, 1, 3_600_000),
    pollBatch: envInt(env, 'VNPOST_POLL_BATCH', 100, 1, 1000),
    cursorBucket,
  };
}
