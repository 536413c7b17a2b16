import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('gateway loadConfig', () => {
  it('defaults to plaintext on 127.0.0.1:50070 with a 5 s default and 60 s maximum deadline', () => {
    const c = loadConfig({});
    expect(c.grpcAddr).toBe('127.0.0.1:50070');
    expect(c.tls).toBeUndefined();
    expect([c.defaultTimeoutMs, c.maxTimeoutMs, c.replyGraceMs, c.registryResyncMs]).toEqual([5_000, 60_000, 2_000, 30_000]);
  });

  it('refuses plaintext on a non-loopback address unless explicitly allowed', () => {
    expect(() => loadConfig({ GATEWAY_GRPC_ADDR: '0.0.0.0:50070' })).toThrow(ConfigError);
    expect(loadConfig({ GATEWAY_GRPC_ADDR: '0.0.0.0:50070', GATEWAY_ALLOW_PLAINTEXT: 'true' }).grpcAddr).toBe('0.0.0.0:50070');
    expect(loadConfig({ GATEWAY_GRPC_ADDR: '0.0.0.0:50070', GATEWAY_ALLOW_PLAINTEXT: 'true' }).insecureListeners).toHaveLength(1);
    expect(() => loadConfig({ GATEWAY_GRPC_ADDR: '0.0.0.0:50070' })).toThrow(/GATEWAY_ALLOW_PLAINTEXT=true.*GATEWAY_TLS_CERT/);
    const tls = { GATEWAY_TLS_CERT: 'c.pem', GATEWAY_TLS_KEY: 'k.pem', GATEWAY_TLS_CA: 'ca.pem' };
    expect(loadConfig({ GATEWAY_GRPC_ADDR: '0.0.0.0:50070', ...tls }).tls).toEqual({ cert: 'c.pem', key: 'k.pem', ca: 'ca.pem' });
  });

  it('needs the three TLS files together', () => {
    expect(() => loadConfig({ GATEWAY_TLS_CERT: 'c.pem', GATEWAY_TLS_KEY: 'k.pem' })).toThrow(/must be set together/);
  });

  it('names a bad address or timeout', () => {
    expect(() => loadConfig({ GATEWAY_GRPC_ADDR: 'nowhere' })).toThrow(/GATEWAY_GRPC_ADDR/);
    expect(() => loadConfig({ GATEWAY_DEFAULT_TIMEOUT_MS: '9000', GATEWAY_MAX_TIMEOUT_MS: '1000' })).toThrow(/GATEWAY_DEFAULT_TIMEOUT_MS/);
    expect(() => loadConfig({ GATEWAY_MAX_TIMEOUT_MS: 'soon' })).toThrow(/GATEWAY_MAX_TIMEOUT_MS/);
  });
});
