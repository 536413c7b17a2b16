import { ConfigError } from '@ndxp/runtime';
import { readOpsAddr } from './adapter-config';

describe('readOpsAddr', () => {
  it('defaults to a free port on 127.0.0.1', () => {
    expect(readOpsAddr({})).toEqual({ host: '127.0.0.1', port: 0 });
    expect(readOpsAddr({ HEALTH_ADDR: '' })).toEqual({ host: '127.0.0.1', port: 0 });
  });

  it('reads host:port, [ipv6]:port and off', () => {
    expect(readOpsAddr({ OPS_ADDR: '0.0.0.0:8080' })).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(readOpsAddr({ OPS_ADDR: '[::1]:9' })).toEqual({ host: '::1', port: 9 });
    expect(readOpsAddr({ HEALTH_ADDR: 'off' })).toBeUndefined();
    expect(readOpsAddr({ OPS_ADDR: 'OFF' })).toBeUndefined();
  });

  it('names the variable when it is malformed, with the code config.bad_address', () => {
    for (const bad of ['8080', 'localhost', 'host:99999', 'host:x', ':80', 'a b:1']) {
      expect(() => readOpsAddr({ OPS_ADDR: bad })).toThrow(ConfigError);
      expect(() => readOpsAddr({ OPS_ADDR: bad })).toThrow(/OPS_ADDR/);
      expect(() => readOpsAddr({ HEALTH_ADDR: bad })).toThrow(/HEALTH_ADDR/);
    }
    expect(() => readOpsAddr({ OPS_ADDR: '8080' })).toThrow(expect.objectContaining({ code: 'config.bad_address' }));
  });

  it('reads OPS_ADDR, and HEALTH_ADDR (its older name) only when OPS_ADDR is unset', () => {
    expect(readOpsAddr({ OPS_ADDR: '0.0.0.0:9464', HEALTH_ADDR: '127.0.0.1:8080' })).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(readOpsAddr({ HEALTH_ADDR: '127.0.0.1:8080' })).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(() => readOpsAddr({ HEALTH_ADDR: 'nope' })).toThrow(/HEALTH_ADDR/);
  });
});
