import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('metering loadConfig', () => {
  it('applies every default when the environment is empty', () => {
    const c = loadConfig({});
    expect(c.dbPath).toBe('.ndxp/data/ledger.sqlite');
    expect(c.grpcAddr).toEqual({ host: '127.0.0.1', port: 50052 });
    expect(c.batchSize).toBe(500);
    expect(c.natsServers).toEqual(['nats://127.0.0.1:4222']);
  });

  it('reads METERING_DB, METERING_GRPC_ADDR with port 0 and METERING_BATCH', () => {
    const c = loadConfig({ METERING_DB: '/tmp/l.sqlite', METERING_GRPC_ADDR: '127.0.0.1:0', METERING_BATCH: '50' });
    expect(c).toMatchObject({ dbPath: '/tmp/l.sqlite', grpcAddr: { host: '127.0.0.1', port: 0 }, batchSize: 50 });
  });

  it('turns the gRPC API off with METERING_GRPC_ADDR=off', () => {
    expect(loadConfig({ METERING_GRPC_ADDR: 'off' }).grpcAddr).toBeUndefined();
  });

  it.each(['50052', '127.0.0.1', '127.0.0.1:70000', 'localhost:http'])('rejects METERING_GRPC_ADDR=%s', (v) => {
    expect(() => loadConfig({ METERING_GRPC_ADDR: v })).toThrow(ConfigError);
    expect(() => loadConfig({ METERING_GRPC_ADDR: v })).toThrow(/METERING_GRPC_ADDR/);
  });

  it.each(['0', 'many', '20000'])('rejects METERING_BATCH=%s', (v) => {
    expect(() => loadConfig({ METERING_BATCH: v })).toThrow(/METERING_BATCH/);
  });

  it('accepts a bracketed IPv6 host', () => {
    expect(loadConfig({ METERING_GRPC_ADDR: '[::1]:9000' }).grpcAddr).toEqual({ host: '::1', port: 9000 });
  });

  it('refuses a plaintext API off loopback unless METERING_ALLOW_PLAINTEXT=true, and lists what that allowed', () => {
    expect(loadConfig({}).insecureListeners).toEqual([]);
    expect(() => loadConfig({ METERING_GRPC_ADDR: '0.0.0.0:50052' })).toThrow(/METERING_GRPC_ADDR=0\.0\.0\.0:50052 is not a loopback/);
    expect(() => loadConfig({ METERING_HTTP_ADDR: '[::]:8090' })).toThrow(
      /METERING_HTTP_ADDR=\[::\]:8090 is not a loopback.*METERING_ALLOW_PLAINTEXT/,
    );
    const c = loadConfig({ METERING_GRPC_ADDR: '0.0.0.0:50052', METERING_HTTP_ADDR: '0.0.0.0:8090', METERING_ALLOW_PLAINTEXT: 'true' });
    expect(c.insecureListeners.map((l) => l.variable)).toEqual(['METERING_GRPC_ADDR', 'METERING_HTTP_ADDR']);
  });
});

describe('metering reconciliation settings', () => {
  it('reconciles the last hour every 5 minutes by default', () => {
    expect(loadConfig({})).toMatchObject({ reconcileMs: 300_000, reconcileWindowMs: 3_600_000 });
  });

  it('turns reconciliation off with METERING_RECONCILE_MS=0 and reads both settings', () => {
    expect(loadConfig({ METERING_RECONCILE_MS: '0' }).reconcileMs).toBe(0);
    expect(loadConfig({ METERING_RECONCILE_MS: '60000', METERING_RECONCILE_WINDOW_MS: '86400000' })).toMatchObject({
      reconcileMs: 60_000,
      reconcileWindowMs: 86_400_000,
    });
  });

  it.each([
    ['METERING_RECONCILE_MS', '500'],
    ['METERING_RECONCILE_MS', '-1'],
    ['METERING_RECONCILE_MS', 'often'],
    ['METERING_RECONCILE_WINDOW_MS', '0'],
    ['METERING_RECONCILE_WINDOW_MS', String(8 * 86_400_000)],
  ])('rejects %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});

describe('metering store selection and retention settings', () => {
  it('uses the SQLite file and keeps raw rows forever by default', () => {
    const c = loadConfig({});
    expect(c.store).toEqual({ kind: 'sqlite', path: '.ndxp/data/ledger.sqlite' });
    expect(c.retentionDays).toBe(0);
    expect(c.retentionIntervalMs).toBe(3_600_000);
  });

  it('switches to MongoDB when MONGODB_URL is set, database ndxp unless MONGODB_DB names one', () => {
    expect(loadConfig({ MONGODB_URL: 'mongodb://mongo:27017/?replicaSet=rs0' }).store).toEqual({
      kind: 'mongodb',
      url: 'mongodb://mongo:27017/?replicaSet=rs0',
      dbName: 'ndxp',
    });
    expect(loadConfig({ MONGODB_URL: 'mongodb://mongo:27017', MONGODB_DB: 'ledger_test' }).store).toMatchObject({ dbName: 'ledger_test' });
  });

  it('rejects a MONGODB_URL that is not a mongodb URL, without echoing its password', () => {
    expect(() => loadConfig({ MONGODB_URL: 'http://u:secret@mongo:27017' })).toThrow(ConfigError);
    expect(() => loadConfig({ MONGODB_URL: 'postgres://u:secret@x' })).toThrow(/MONGODB_URL/);
    expect(() => loadConfig({ MONGODB_URL: 'mongodb://u:secret@x', MONGODB_DB: 'bad/name' })).toThrow(/MONGODB_DB/);
  });

  it.each(['-1', 'week'])('rejects METERING_RETENTION_DAYS=%s', (v) => {
    expect(() => loadConfig({ METERING_RETENTION_DAYS: v })).toThrow(/METERING_RETENTION_DAYS/);
  });
});
