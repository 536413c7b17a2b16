import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('civil-status adapter loadConfig', () => {
  it('has a default for every setting', () => {
    expect(loadConfig({})).toMatchObject({
      upstreamUrl: 'http://127.0.0.1:8082',
      upstreamTimeoutMs: 30000,
      upstreamRetries: 2,
      defaultTimeoutMs: 10_000,
      adapter: { healthAddr: { host: '127.0.0.1', port: 0 } },
      common: expect.objectContaining({ natsServers: ['nats://127.0.0.1:4222'] }),
    });
  });

  it('reads every setting', () => {
    const c = loadConfig({
      CS_UPSTREAM_URL: 'https://hotich.example.gov.vn/api/',
      CS_UPSTREAM_TIMEOUT_MS: '500',
      CS_UPSTREAM_RETRIES: '0',
      CS_DEFAULT_TIMEOUT_MS: '3000',
      HEALTH_ADDR: 'off',
    });
    expect(c).toMatchObject({
      upstreamUrl: 'https://hotich.example.gov.vn/api',
      upstreamTimeoutMs: 500,
      upstreamRetries: 0,
      defaultTimeoutMs: 3000,
      adapter: { healthAddr: undefined },
    });
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ CS_UPSTREAM_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ CS_UPSTREAM_URL: 'ftp://x' })).toThrow(/CS_UPSTREAM_URL/);
    expect(() => loadConfig({ CS_UPSTREAM_TIMEOUT_MS: '0' })).toThrow(/CS_UPSTREAM_TIMEOUT_MS/);
    expect(() => loadConfig({ CS_UPSTREAM_RETRIES: '-1' })).toThrow(/CS_UPSTREAM_RETRIES/);
    expect(() => loadConfig({ CS_DEFAULT_TIMEOUT_MS: 'soon' })).toThrow(/CS_DEFAULT_TIMEOUT_MS/);
  });
});
