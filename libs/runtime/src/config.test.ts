import { ConfigError, envBool, envEnum, envInt, envRequired, loadCommonConfig } from './config';

describe('configuration from the environment', () => {
  it('applies defaults when variables are unset or empty', () => {
    const c = loadCommonConfig({ NATS_URL: '' }, 'routing');
    expect(c.natsServers).toEqual(['nats://127.0.0.1:4222']);
    expect(c.logLevel).toBe('info');
    expect(c.instanceId).toMatch(/^routing-\d+$/);
    expect(c.otlpTracesEndpoint).toBeUndefined();
  });

  it('splits a comma separated NATS_URL into servers', () => {
    expect(loadCommonConfig({ NATS_URL: 'nats://a:1, nats://b:2' }, 'x').natsServers).toEqual(['nats://a:1', 'nats://b:2']);
  });

  it('fails fast with a message naming the variable on bad values', () => {
    expect(() => envInt({ N: '12x' }, 'N', 1)).toThrow(new ConfigError('N must be an integer, got "12x"'));
    expect(() => envInt({ N: '0' }, 'N', 1, 1, 10)).toThrow(/N must be between 1 and 10, got 0/);
    expect(() => envBool({ B: 'maybe' }, 'B', false)).toThrow(/B must be true or false/);
    expect(() => envEnum({ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', ['info', 'warn'] as const, 'info')).toThrow(/one of info, warn/);
    expect(() => envRequired({}, 'MUST')).toThrow(/MUST is required/);
    expect(() => loadCommonConfig({ LOG_LEVEL: 'verbose' }, 'x')).toThrow(ConfigError);
  });

  it('reads valid values', () => {
    expect(envInt({ N: ' 42 ' }, 'N', 1)).toBe(42);
    expect(envBool({ B: 'yes' }, 'B', false)).toBe(true);
    expect(envBool({ B: '0' }, 'B', true)).toBe(false);
  });
});
