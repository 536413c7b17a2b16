import { ConfigError } from '@ndxp/runtime';
import { loadUpstreamConfig } from './upstream-config';

describe('loadUpstreamConfig', () => {
  it('reads only the URL and timeout when the adapter has no retries or breaker', () => {
    expect(loadUpstreamConfig({ X_UPSTREAM_RETRIES: 'bad', X_BREAKER_FAILURES: 'bad' }, 'X', { url: 'http://127.0.0.1:9/' })).toEqual({
      upstreamUrl: 'http://127.0.0.1:9',
      upstreamTimeoutMs: 30000,
    });
  });

  it('reads every setting the defaults name, with its default', () => {
    const defaults = { url: 'http://a', retries: 2, breaker: { failures: 5, resetMs: 5000 } };
    expect(loadUpstreamConfig({}, 'X', defaults)).toEqual({
      upstreamUrl: 'http://a',
      upstreamTimeoutMs: 30000,
      upstreamRetries: 2,
      breakerFailures: 5,
      breakerResetMs: 5000,
    });
    const env = {
      X_UPSTREAM_URL: 'https://b:1/api//',
      X_UPSTREAM_TIMEOUT_MS: '500',
      X_UPSTREAM_RETRIES: '0',
      X_BREAKER_FAILURES: '3',
      X_BREAKER_RESET_MS: '100',
    };
    expect(loadUpstreamConfig(env, 'X', defaults)).toEqual({
      upstreamUrl: 'https://b:1/api',
      upstreamTimeoutMs: 500,
      upstreamRetries: 0,
      breakerFailures: 3,
      breakerResetMs: 100,
    });
  });

  it('throws ConfigError naming the bad setting', () => {
    const defaults = { url: 'http://a', retries: 2, breaker: { failures: 5, resetMs: 5000 } };
    expect(() => loadUpstreamConfig({ X_UPSTREAM_URL: 'ftp://a' }, 'X', defaults)).toThrow(
      'X_UPSTREAM_URL must be an http(s) URL, got "ftp://a"',
    );
    expect(() => loadUpstreamConfig({ X_UPSTREAM_URL: 'not a url' }, 'X', defaults)).toThrow(ConfigError);
    expect(() => loadUpstreamConfig({ X_UPSTREAM_TIMEOUT_MS: '0' }, 'X', defaults)).toThrow(/X_UPSTREAM_TIMEOUT_MS/);
    expect(() => loadUpstreamConfig({ X_UPSTREAM_RETRIES: '11' }, 'X', defaults)).toThrow(/X_UPSTREAM_RETRIES/);
    expect(() => loadUpstreamConfig({ X_BREAKER_FAILURES: '0' }, 'X', defaults)).toThrow(/X_BREAKER_FAILURES/);
    expect(() => loadUpstreamConfig({ X_BREAKER_RESET_MS: '600001' }, 'X', defaults)).toThrow(/X_BREAKER_RESET_MS/);
  });
});
