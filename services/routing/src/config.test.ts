import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('routing loadConfig', () => {
  it('defaults to shared limits (quotas fail closed) and a 10-minute, 100,000-id, 64 MiB replay memory shared with the other replicas', () => {
    expect(loadConfig({})).toMatchObject({
      sharedLimits: true,
      quotaUnreachable: 'closed',
      limitsTimeoutMs: 1_000,
      replayWindowMs: 600_000,
      replayCacheEntries: 100_000,
      replayCacheBytes: 67_108_864,
      replayShared: 'auto',
      replaySharedTimeoutMs: 1_000,
    });
  });

  it('reads ROUTING_REPLAY_SHARED (auto, always, off) and bounds its timeout', () => {
    expect(loadConfig({ ROUTING_REPLAY_SHARED: 'off', ROUTING_REPLAY_SHARED_TIMEOUT_MS: '50' })).toMatchObject({
      replayShared: 'off',
      replaySharedTimeoutMs: 50,
    });
    expect(loadConfig({ ROUTING_REPLAY_SHARED: 'always' })).toMatchObject({ replayShared: 'always' });
    expect(() => loadConfig({ ROUTING_REPLAY_SHARED: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ ROUTING_REPLAY_SHARED_TIMEOUT_MS: '5' })).toThrow(ConfigError);
  });

  it('reads the limits and replay settings, 0 turning replay detection off', () => {
    expect(
      loadConfig({
        ROUTING_SHARED_LIMITS: 'false',
        ROUTING_QUOTA_UNREACHABLE: 'open',
        ROUTING_REPLAY_WINDOW_MS: '0',
        ROUTING_REPLAY_CACHE_ENTRIES: '10',
        ROUTING_REPLAY_CACHE_BYTES: '1024',
      }),
    ).toMatchObject({ sharedLimits: false, quotaUnreachable: 'open', replayWindowMs: 0, replayCacheEntries: 10, replayCacheBytes: 1024 });
  });

  it('refuses an unknown quota policy and a non-numeric replay window with ConfigError naming the variable', () => {
    expect(() => loadConfig({ ROUTING_QUOTA_UNREACHABLE: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ ROUTING_QUOTA_UNREACHABLE: 'maybe' })).toThrow(/ROUTING_QUOTA_UNREACHABLE/);
    expect(() => loadConfig({ ROUTING_REPLAY_WINDOW_MS: '10m' })).toThrow(/ROUTING_REPLAY_WINDOW_MS must be an integer/);
  });
});
