import { ConfigError } from '@ndxp/runtime';
import { loadAdapterCommonConfig, parseHealthAddr } from './adapter-config';

describe('loadAdapterCommonConfig', () => {
  it('defaults HEALTH_ADDR to a free port on 127.0.0.1', () => {
    expect(loadAdapterCommonConfig({})).toEqual({ healthAddr: { host: '127.0.0.1', port: 0 } });
    expect(loadAdapterCommonConfig({ HEALTH_ADDR: '' })).toEqual({ healthAddr: { host: '127.0.0.1', port: 0 } });
  });

  it('reads host:port, [ipv6]:port and off', () => {
    expect(parseHealthAddr('0.0.0.0:8080')).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(parseHealthAddr('[::1]:9')).toEqual({ host: '::1', port: 9 });
    expect(loadAdapterCommonConfig({ HEALTH_ADDR: 'off' })).toEqual({ healthAddr: undefined });
    expect(parseHealthAddr('OFF')).toBeUndefined();
  });

  it('names HEALTH_ADDR when it is malformed', () => {
    for (const bad of ['8080', 'localhost', 'host:99999', 'host:x', ':80', 'a b:1']) {
      expect(() => parseHealthAddr(bad)).toThrow(ConfigError);
      expect(() => parseHealthAddr(bad)).toThrow(/HEALTH_ADDR/);
    }
  });
});
