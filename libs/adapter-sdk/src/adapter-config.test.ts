import { ConfigError } from '@ndxp/runtime';
import { readOpsAddr } from './adapter-config';

describe('readOpsAddr', () => {
  it('defaults to a free port on 127.0.0.1', () => {
    expect(readOpsAddr({})).toEqual({ host: '127.0.0.1', port: 0 });
    expect(readOpsAddr({ OPS_ADDR: '' })).toEqual({ host: '127.0.0.1', port: 0 });
  });

  it('reads host:port, [ipv6]:port and off', () => {
    expect(readOpsAddr({ OPS_ADDR: '0.0.0.0:8080' })).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(readOpsAddr({ OPS_ADDR: '[::1]:9' })).toEqual({ host: '::1', port: 9 });
    expect(readOpsAddr({ OPS_ADDR: 'off' })).toBeUndefined();
    expect(readOpsAddr({ OPS_ADDR: 'OFF' })).toBeUndefined();
  });

  it('names the variable when it is malformed, with the code config.bad_address', () => {
    for (const bad of ['8080', 'localhost', 'host:99999', 'host:x', ':80', 'a b:1']) {
      expect(() => readOpsAddr({ OPS_ADDR: bad })).toThrow(ConfigError);
      expect(() => readOpsAddr({ OPS_ADDR: bad })).toThrow(/OPS_ADDR/);
    }
    expect(() => readOpsAddr({ OPS_ADDR: '8080' })).toThrow(expect.objectContaining({ code: 'config.bad_address' }));
  });
});
