import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('routing loadConfig', () => {
  it('defaults to one replica and a 10-minute, 100,000-id, 64 MiB replay memory shared with the other replicas', () => {
    expect(loadConfig({})).toMatchObject({
      replicas: 1,
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

  it('reads ROUTING_REPLICAS and the replay settings, 0 turning replay detection off', () => {
    expect(
      loadConfig({
        ROUTING_REPLICAS: '3',
        ROUTING_REPLAY_WINDOW_MS: '0',
        ROUTING_REPLAY_CACHE_ENTRIES: '10',
        ROUTING_REPLAY_CACHE_BYTES: '1024',
      }),
    ).toMatchObject({ replicas: 3, replayWindowMs: 0, replayCacheEntries: 10, replayCacheBytes: 1024 });
  });

  it('refuses zero replicas and a non-numeric replay window with ConfigError naming the variable', () => {
    expect(() => loadConfig({ ROUTING_REPLICAS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ROUTING_REPLICAS: '0' })).toThrow(/ROUTING_REPLICAS/);
    expect(() => loadConfig({ ROUTING_REPLAY_WINDOW_MS: '10m' })).toThrow(/ROUTING_REPLAY_WINDOW_MS must be an integer/);
  });
});
