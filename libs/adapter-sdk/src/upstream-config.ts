// The <PREFIX>_UPSTREAM_* and <PREFIX>_BREAKER_* settings of an adapter, read the same way by every adapter.
import { ConfigError, envInt, envString, type Env } from '@ndxp/runtime';

/** An adapter's defaults; a setting whose default is absent is not read (the adapter does not have it). */
/** The cap of one upstream attempt when the request has more time left (an attempt may use all the time left). */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;

export interface UpstreamDefaults {
  /** Default <PREFIX>_UPSTREAM_URL, e.g. http://127.0.0.1:8082. */
  url: string;
  /** Default <PREFIX>_UPSTREAM_TIMEOUT_MS (30000 when absent): the cap of one attempt under a longer budget. */
  timeoutMs?: number;
  /** Default <PREFIX>_UPSTREAM_RETRIES; absent: no retries setting. */
  retries?: number;
  /** Defaults of <PREFIX>_BREAKER_FAILURES and <PREFIX>_BREAKER_RESET_MS; absent: no breaker settings. */
  breaker?: { failures: number; resetMs: number };
}

/** The URL and per-attempt timeout every adapter reads. */
export interface UpstreamSettings {
  /** Base URL of the national system, without trailing slashes. */
  upstreamUrl: string;
  /** Upper bound of one upstream attempt; the request's deadline bounds it too. */
  upstreamTimeoutMs: number;
}

/** What loadUpstreamConfig returns for the defaults D: the retries and breaker settings only where D has them. */
export type UpstreamSettingsFor<D extends UpstreamDefaults> = UpstreamSettings &
  (D extends { retries: number } ? { upstreamRetries: number } : Record<never, never>) &
  (D extends { breaker: object } ? { breakerFailures: number; breakerResetMs: number } : Record<never, never>);

/**
 * Reads <PREFIX>_UPSTREAM_URL (http or https), <PREFIX>_UPSTREAM_TIMEOUT_MS (1..600000) and, where the
 * defaults give them, <PREFIX>_UPSTREAM_RETRIES (0..10), <PREFIX>_BREAKER_FAILURES (1..1000) and
 * <PREFIX>_BREAKER_RESET_MS (1..600000); throws ConfigError naming the bad one.
 */
export function loadUpstreamConfig<D extends UpstreamDefaults>(env: Env, prefix: string, defaults: D): UpstreamSettingsFor<D> {
  const name = `${prefix}_UPSTREAM_URL`;
  const upstreamUrl = envString(env, name, defaults.url).replace(/\/+$/, '');
  let protocol = '';
  try {
    protocol = new URL(upstreamUrl).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http(s) URL, got ${JSON.stringify(upstreamUrl)}`);
  }
  const { retries, breaker } = defaults;
  return {
    upstreamUrl,
    upstreamTimeoutMs: envInt(env, `${prefix}_UPSTREAM_TIMEOUT_MS`, defaults.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS, 1, 600_000),
    ...(retries === undefined ? {} : { upstreamRetries: envInt(env, `${prefix}_UPSTREAM_RETRIES`, retries, 0, 10) }),
    ...(breaker === undefined
      ? {}
      : {
          breakerFailures: envInt(env, `${prefix}_BREAKER_FAILURES`, breaker.failures, 1, 1000),
          breakerResetMs: envInt(env, `${prefix}_BREAKER_RESET_MS`, breaker.resetMs, 1, 600_000),
        }),
  } as UpstreamSettingsFor<D>;
}
