import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('registry loadConfig', () => {
  it('defaults to a file under .ndxp/data of the working directory, the package seed and loopback gRPC', () => {
    const c = loadConfig({}, '/srv/ndxp');
    expect(c.dbPath).toBe('/srv/ndxp/.ndxp/data/registry.sqlite');
    expect(c.grpcAddr).toBe('127.0.0.1:50051');
    expect(existsSync(join(c.seedDir, 'provinces.json'))).toBe(true);
    expect(c.natsServers).toEqual(['nats://127.0.0.1:4222']);
  });

  it('reads REGISTRY_DB, REGISTRY_SEED_DIR and REGISTRY_GRPC_ADDR, with "off" disabling gRPC', () => {
    const c = loadConfig(
      {
        REGISTRY_DB: 'x/r.sqlite',
        REGISTRY_SEED_DIR: '/data/seed-2025',
        REGISTRY_GRPC_ADDR: 'off',
      },
      '/w',
    );
    expect(c).toMatchObject({
      dbPath: '/w/x/r.sqlite',
      seedDir: '/data/seed-2025',
      grpcAddr: undefined,
    });
    expect(loadConfig({ REGISTRY_DB: ':memory:', REGISTRY_GRPC_ADDR: '127.0.0.1:0' }).dbPath).toBe(':memory:');
    expect(loadConfig({ REGISTRY_GRPC_ADDR: '127.0.0.1:0' }).grpcAddr).toBe('127.0.0.1:0');
  });

  it('serves TLS off loopback without the plaintext setting when REGISTRY_TLS_CERT and REGISTRY_TLS_KEY are both set', () => {
    const c = loadConfig({ REGISTRY_GRPC_ADDR: '0.0.0.0:50051', REGISTRY_TLS_CERT: '/tls/crt', REGISTRY_TLS_KEY: '/tls/key' });
    expect(c.tls).toEqual({ cert: '/tls/crt', key: '/tls/key' });
    expect(c.insecureListeners).toEqual([]);
    expect(() => loadConfig({ REGISTRY_TLS_CERT: '/tls/crt' })).toThrow(
      'REGISTRY_TLS_CERT and REGISTRY_TLS_KEY go together: REGISTRY_TLS_KEY is not set',
    );
  });

  it('keeps the token key beside the database and bounds token lifetimes', () => {
    const c = loadConfig({ REGISTRY_DB: '/var/lib/ndxp/registry.sqlite' }, '/w');
    expect(c.tokenKeyPath).toBe('/var/lib/ndxp/token-key.jwk');
    expect(c.tokenLifetimes).toEqual({ defaultS: 3600, maxS: 86400 });
    expect(loadConfig({ REGISTRY_TOKEN_KEY: 'k.jwk', REGISTRY_TOKEN_TTL_S: '600', REGISTRY_TOKEN_MAX_TTL_S: '7200' }, '/w')).toMatchObject({
      tokenKeyPath: '/w/k.jwk',
      tokenLifetimes: { defaultS: 600, maxS: 7200 },
    });
    expect(() => loadConfig({ REGISTRY_TOKEN_TTL_S: '90000' })).toThrow(ConfigError);
    expect(() => loadConfig({ REGISTRY_TOKEN_TTL_S: '10' })).toThrow(ConfigError);
  });

  it('refuses the plaintext admin API off loopback unless REGISTRY_ALLOW_PLAINTEXT=true, and lists what that allowed', () => {
    expect(loadConfig({}).insecureListeners).toEqual([]);
    expect(() => loadConfig({ REGISTRY_GRPC_ADDR: '0.0.0.0:50051' })).toThrow(ConfigError);
    expect(() => loadConfig({ REGISTRY_GRPC_ADDR: '0.0.0.0:50051' })).toThrow(/REGISTRY_ALLOW_PLAINTEXT=true/);
    expect(loadConfig({ REGISTRY_GRPC_ADDR: 'off' }).insecureListeners).toEqual([]);
    const c = loadConfig({ REGISTRY_GRPC_ADDR: '0.0.0.0:50051', REGISTRY_ALLOW_PLAINTEXT: 'true' });
    expect(c.insecureListeners).toEqual([{ variable: 'REGISTRY_GRPC_ADDR', addr: '0.0.0.0:50051', allowedBy: 'REGISTRY_ALLOW_PLAINTEXT' }]);
  });

  it('rejects a gRPC address without a valid port', () => {
    for (const bad of ['127.0.0.1', '127.0.0.1:70000', ':50051', 'localhost:http']) {
      expect(() => loadConfig({ REGISTRY_GRPC_ADDR: bad })).toThrow(ConfigError);
    }
  });
});

describe('registry store selection', () => {
  it('uses the SQLite file without MONGODB_URL and MongoDB (database ndxp by default) with it', () => {
    expect(loadConfig({}, '/srv').store).toEqual({ kind: 'sqlite', path: '/srv/.ndxp/data/registry.sqlite' });
    expect(loadConfig({ MONGODB_URL: 'mongodb://m:27017/?replicaSet=rs0' }, '/srv').store).toEqual({
      kind: 'mongodb',
      url: 'mongodb://m:27017/?replicaSet=rs0',
      dbName: 'ndxp',
    });
    expect(loadConfig({ MONGODB_URL: 'mongodb://m', MONGODB_DB: 'reg' }, '/srv').store).toMatchObject({ dbName: 'reg' });
  });

  it('rejects a MONGODB_URL with another scheme', () => {
    expect(() => loadConfig({ MONGODB_URL: 'redis://m:6379' })).toThrow(/MONGODB_URL/);
  });

  it('reads REGISTRY_AUTH_TRUST and REGISTRY_AUTH_SYSTEM_CREDS together, relative to the working directory, and refuses one alone', () => {
    expect(loadConfig({}, '/w').auth).toBeUndefined();
    expect(loadConfig({ REGISTRY_AUTH_TRUST: 'auth/trust.json', REGISTRY_AUTH_SYSTEM_CREDS: '/k/sys.creds' }, '/w').auth).toEqual({
      trustPath: '/w/auth/trust.json',
      systemCredsPath: '/k/sys.creds',
    });
    expect(() => loadConfig({ REGISTRY_AUTH_TRUST: 'trust.json' }, '/w')).toThrow(/REGISTRY_AUTH_SYSTEM_CREDS is not set/);
    expect(() => loadConfig({ REGISTRY_AUTH_SYSTEM_CREDS: 'sys.creds' }, '/w')).toThrow(ConfigError);
  });
});
