import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('adapter loadConfig', () => {
  it('has a default for every setting', () => {
    expect(loadConfig({})).toMatchObject({
      upstreamUrl: 'http://127.0.0.1:8083',
      upstreamTimeoutMs: 30000,
      upstreamRetries: 2,
      breakerFailures: 5,
      breakerResetMs: 5000,
      defaultTimeoutMs: 10_000,
      adapter: { healthAddr: { host: '127.0.0.1', port: 0 } },
      common: expect.objectContaining({ natsServers: ['nats://127.0.0.1:4222'] }),
    });
  });

  it('reads every setting', () => {
    const c = loadConfig({
      BU_UPSTREAM_URL: 'https://msns.example.gov.vn/api/',
      BU_UPSTREAM_TIMEOUT_MS: '500',
      BU_UPSTREAM_RETRIES: '0',
      BU_BREAKER_FAILURES: '3',
      BU_BREAKER_RESET_MS: '1000',
      BU_DEFAULT_TIMEOUT_MS: '3000',
      HEALTH_ADDR: 'off',
    });
    expect(c).toMatchObject({
      upstreamUrl: 'https://msns.example.gov.vn/api',
      upstreamTimeoutMs: 500,
      upstreamRetries: 0,
      breakerFailures: 3,
      breakerResetMs: 1000,
      defaultTimeoutMs: 3000,
      adapter: { healthAddr: undefined },
    });
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ BU_UPSTREAM_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ BU_UPSTREAM_URL: 'ftp://x' })).toThrow(/BU_UPSTREAM_URL/);
    expect(() => loadConfig({ BU_UPSTREAM_TIMEOUT_MS: '0' })).toThrow(/BU_UPSTREAM_TIMEOUT_MS/);
    expect(() => loadConfig({ BU_UPSTREAM_RETRIES: '-1' })).toThrow(/BU_UPSTREAM_RETRIES/);
    expect(() => loadConfig({ BU_BREAKER_FAILURES: '0' })).toThrow(/BU_BREAKER_FAILURES/);
    expect(() => loadConfig({ HEALTH_ADDR: 'nowhere' })).toThrow(/HEALTH_ADDR/);
  });
});
