import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('simulator loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 0,
      seed: 'ndxp-2021',
      size: 50_000,
      latencyMs: 0,
      errorRate: 0,
      logLevel: 'info',
    });
  });

  it('reads every setting', () => {
    const c = loadConfig({ SIM_PORT: '8081', SIM_SEED: 's', SIM_SIZE: '10', SIM_LATENCY_MS: '5', SIM_ERROR_RATE: '0.25' });
    expect(c).toMatchObject({ port: 8081, seed: 's', size: 10, latencyMs: 5, errorRate: 0.25 });
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ SIM_ERROR_RATE: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ SIM_ERROR_RATE: 'x' })).toThrow(/SIM_ERROR_RATE/);
    expect(() => loadConfig({ SIM_PORT: '70000' })).toThrow(/SIM_PORT/);
    expect(() => loadConfig({ SIM_SIZE: '0' })).toThrow(/SIM_SIZE/);
    expect(() => loadConfig({ SIM_SIZE: '500001' })).toThrow(/SIM_SIZE/);
  });
});
