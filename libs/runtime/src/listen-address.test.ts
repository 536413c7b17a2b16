import { ConfigError } from './config-error';
import { formatListenAddress, parseListenAddress } from './listen-address';

describe('parseListenAddress', () => {
  it('reads host:port, a bracketed IPv6 host and port 0', () => {
    expect(parseListenAddress('OPS_ADDR', '0.0.0.0:9464')).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(parseListenAddress('OPS_ADDR', 'localhost:0')).toEqual({ host: 'localhost', port: 0 });
    expect(parseListenAddress('OPS_ADDR', '[::1]:9')).toEqual({ host: '::1', port: 9 });
    expect(parseListenAddress('OPS_ADDR', ' [::]:8090 ')).toEqual({ host: '::', port: 8090 });
  });

  it('reads "off" in any case only where it is allowed', () => {
    expect(parseListenAddress('OPS_ADDR', 'off', { allowOff: true })).toBeUndefined();
    expect(parseListenAddress('OPS_ADDR', 'OFF', { allowOff: true })).toBeUndefined();
    expect(() => parseListenAddress('GATEWAY_GRPC_ADDR', 'off')).toThrow(
      new ConfigError('GATEWAY_GRPC_ADDR must be host:port (IPv6 as [::1]:port; port 0 = a free port), got "off"'),
    );
  });

  it.each(['8080', 'localhost', 'host:99999', 'host:x', ':80', 'a b:1', '::1:80', '[::1]', ''])(
    'refuses %j with a ConfigError naming the variable',
    (bad) => {
      expect(() => parseListenAddress('METERING_HTTP_ADDR', bad, { allowOff: true })).toThrow(ConfigError);
      expect(() => parseListenAddress('METERING_HTTP_ADDR', bad, { allowOff: true })).toThrow(
        /^METERING_HTTP_ADDR must be host:port .* or "off", got /,
      );
    },
  );

  it('formats an address back, IPv6 in brackets', () => {
    expect(formatListenAddress({ host: '127.0.0.1', port: 50051 })).toBe('127.0.0.1:50051');
    expect(formatListenAddress({ host: '::1', port: 0 })).toBe('[::1]:0');
    expect(formatListenAddress(parseListenAddress('X', '[::]:8090'))).toBe('[::]:8090');
  });
});
