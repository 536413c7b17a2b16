import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('adapter loadConfig', () => {
  it('has a default for every setting', () => {
    expect(loadConfig({})).toMatchObject({
      upstream: 'http',
      upstreamUrl: 'http://127.0.0.1:8081',
      upstreamTimeoutMs: 30000,
      upstreamRetries: 2,
      breakerFailures: 5,
      breakerResetMs: 5000,
      adapter: { healthAddr: { host: '127.0.0.1', port: 0 } },
      defaultTimeoutMs: 10_000,
      memorySeed: 'ndxp-2021',
      memorySize: 50_000,
      common: expect.objectContaining({ natsServers: ['nats://127.0.0.1:4222'] }),
    });
  });

  it('reads every setting', () => {
    const c = loadConfig({
      BR_UPSTREAM: 'memory',
      BR_UPSTREAM_URL: 'https://dkdn.example.gov.vn/api/',
      BR_UPSTREAM_TIMEOUT_MS: '500',
      BR_DEFAULT_TIMEOUT_MS: '3000',
      BR_UPSTREAM_RETRIES: '0',
      BR_BREAKER_FAILURES: '10',
      BR_BREAKER_RESET_MS: '100',
      HEALTH_ADDR: 'off',
      SIM_SEED: 'x',
      SIM_SIZE: '100',
    });
    expect(c).toMatchObject({
      upstream: 'memory',
      upstreamUrl: 'https://dkdn.example.gov.vn/api',
      upstreamTimeoutMs: 500,
      defaultTimeoutMs: 3000,
      upstreamRetries: 0,
      breakerFailures: 10,
      breakerResetMs: 100,
      adapter: { healthAddr: undefined },
      memorySeed: 'x',
      memorySize: 100,
    });
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ BR_UPSTREAM: 'grpc' })).toThrow(ConfigError);
    expect(() => loadConfig({ BR_UPSTREAM_URL: 'not a url' })).toThrow(/BR_UPSTREAM_URL/);
    expect(() => loadConfig({ BR_UPSTREAM_URL: 'ftp://x' })).toThrow(/BR_UPSTREAM_URL/);
    expect(() => loadConfig({ BR_UPSTREAM_TIMEOUT_MS: '0' })).toThrow(/BR_UPSTREAM_TIMEOUT_MS/);
    expect(() => loadConfig({ BR_BREAKER_FAILURES: '0' })).toThrow(/BR_BREAKER_FAILURES/);
    expect(() => loadConfig({ HEALTH_ADDR: '8080' })).toThrow(/HEALTH_ADDR/);
  });
});
