import { ConfigError } from '../config-error';
import { GRPC_SERVER_DEFAULTS, grpcServerOptions, loadGrpcServerSettings } from './grpc-server-settings';

describe('gRPC server settings', () => {
  it('defaults to keepalive pings and a maximum connection age with grace', () => {
    expect(loadGrpcServerSettings({})).toEqual(GRPC_SERVER_DEFAULTS);
    expect(grpcServerOptions(GRPC_SERVER_DEFAULTS)).toEqual({
      'grpc.keepalive_time_ms': 60_000,
      'grpc.keepalive_timeout_ms': 20_000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.max_connection_age_ms': 1_800_000,
      'grpc.max_connection_age_grace_ms': 65_000,
    });
  });

  it('reads GRPC_* and leaves the maximum age out when it is 0; a server adds its own options', () => {
    const s = loadGrpcServerSettings({
      GRPC_KEEPALIVE_TIME_MS: '30000',
      GRPC_KEEPALIVE_TIMEOUT_MS: '5000',
      GRPC_KEEPALIVE_PERMIT_WITHOUT_CALLS: 'false',
      GRPC_MAX_CONNECTION_AGE_MS: '0',
    });
    expect(grpcServerOptions(s, { 'grpc.max_receive_message_length': 1_024 })).toEqual({
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 5_000,
      'grpc.keepalive_permit_without_calls': 0,
      'grpc.max_receive_message_length': 1_024,
    });
  });

  it.each([
    ['GRPC_KEEPALIVE_TIME_MS', 'soon'],
    ['GRPC_KEEPALIVE_TIMEOUT_MS', '10'],
    ['GRPC_MAX_CONNECTION_AGE_MS', '-1'],
    ['GRPC_MAX_CONNECTION_AGE_GRACE_MS', '1.5'],
    ['GRPC_KEEPALIVE_PERMIT_WITHOUT_CALLS', 'maybe'],
  ])('refuses %s=%s with a ConfigError naming it', (name, value) => {
    expect(() => loadGrpcServerSettings({ [name]: value })).toThrow(ConfigError);
    expect(() => loadGrpcServerSettings({ [name]: value })).toThrow(name);
  });
});
