import { envBool, envEnum, envInt, envRequired, loadCommonConfig } from './config';
import { ConfigError } from './config-error';

describe('configuration from the environment', () => {
  it('applies defaults when variables are unset or empty', () => {
    const c = loadCommonConfig({ NATS_URL: '' }, 'routing');
    expect(c.natsServers).toEqual(['nats://127.0.0.1:4222']);
    expect(c.logLevel).toBe('info');
    expect(c.instanceId).toMatch(/^routing-\d+$/);
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

  it('reads NATS TLS files and the inbox prefix, and leaves them unset by default', () => {
    const none = loadCommonConfig({}, 'x');
    expect(none.natsTls).toBeUndefined();
    expect(none.natsInboxPrefix).toBeUndefined();
    const c = loadCommonConfig(
      { NATS_TLS_CA: '/ca.pem', NATS_TLS_CERT: '/c.pem', NATS_TLS_KEY: '/k.pem', NATS_INBOX_PREFIX: '_INBOX.routing' },
      'x',
    );
    expect(c.natsTls).toEqual({ caFile: '/ca.pem', certFile: '/c.pem', keyFile: '/k.pem' });
    expect(c.natsInboxPrefix).toBe('_INBOX.routing');
    expect(loadCommonConfig({ NATS_TLS_CA: '/ca.pem' }, 'x').natsTls).toEqual({ caFile: '/ca.pem' });
  });

  it('reads OPS_ADDR as a listen address: a free loopback port by default, "off" for none', () => {
    expect(loadCommonConfig({}, 'x').opsAddr).toEqual({ host: '127.0.0.1', port: 0 });
    expect(loadCommonConfig({ OPS_ADDR: '0.0.0.0:9464' }, 'x').opsAddr).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(loadCommonConfig({ OPS_ADDR: '[::1]:9464' }, 'x').opsAddr).toEqual({ host: '::1', port: 9464 });
    expect(loadCommonConfig({ OPS_ADDR: 'off' }, 'x').opsAddr).toBeUndefined();
    expect(() => loadCommonConfig({ OPS_ADDR: 'nine' }, 'x')).toThrow(
      new ConfigError('OPS_ADDR must be host:port (IPv6 as [::1]:port; port 0 = a free port) or "off", got "nine"'),
    );
  });

  it('refuses half a client certificate and an inbox prefix with wildcards', () => {
    expect(() => loadCommonConfig({ NATS_TLS_CERT: '/c.pem' }, 'x')).toThrow(/NATS_TLS_CERT and NATS_TLS_KEY must be set together/);
    expect(() => loadCommonConfig({ NATS_INBOX_PREFIX: '_INBOX.>' }, 'x')).toThrow(/NATS_INBOX_PREFIX must be/);
    expect(() => loadCommonConfig({ NATS_INBOX_PREFIX: '_INBOX..x' }, 'x')).toThrow(ConfigError);
  });
});
