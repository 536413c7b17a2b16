import { ConfigError } from '@ndxp/runtime';
import { loadConfig, parseGrpcAddr } from './config';

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
    expect(parseGrpcAddr('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
  });
});
