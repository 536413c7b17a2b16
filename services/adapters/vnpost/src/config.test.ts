import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('adapter loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toMatchObject({
      upstreamUrl: 'http://127.0.0.1:8084',
      upstreamTimeoutMs: 30000,
      defaultTimeoutMs: 10_000,
      pollMs: 1000,
      pollBatch: 100,
      cursorBucket: 'ndxp_vnpost_feed',
    });
  });

  it('reads every setting and drops a trailing slash of the URL', () => {
    const c = loadConfig({
      VNPOST_UPSTREAM_URL: 'http://10.0.0.5:9000/',
      VNPOST_UPSTREAM_TIMEOUT_MS: '500',
      VNPOST_DEFAULT_TIMEOUT_MS: '3000',
      VNPOST_POLL_MS: '50',
      VNPOST_POLL_BATCH: '10',
      VNPOST_CURSOR_BUCKET: 'b-1',
    });
    expect(c).toMatchObject({
      upstreamUrl: 'http://10.0.0.5:9000',
      upstreamTimeoutMs: 500,
      defaultTimeoutMs: 3000,
      pollMs: 50,
      pollBatch: 10,
      cursorBucket: 'b-1',
    });
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ VNPOST_UPSTREAM_URL: 'ftp://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ VNPOST_UPSTREAM_URL: 'not a url' })).toThrow(/VNPOST_UPSTREAM_URL/);
    expect(() => loadConfig({ VNPOST_POLL_MS: '0' })).toThrow(/VNPOST_POLL_MS/);
    expect(() => loadConfig({ VNPOST_POLL_BATCH: '5000' })).toThrow(/VNPOST_POLL_BATCH/);
    expect(() => loadConfig({ VNPOST_CURSOR_BUCKET: 'a.b' })).toThrow(/VNPOST_CURSOR_BUCKET/);
  });
});
