import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('simulator loadConfig', () => {
  it('has a default for every setting', () => {
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
    const env = { SIM_HOST: '0.0.0.0', SIM_PORT: '8082', SIM_SEED: 's', SIM_SIZE: '10', SIM_LATENCY_MS: '5', SIM_ERROR_RATE: '0.25' };
    expect(loadConfig({ ...env, LOG_LEVEL: 'warn' })).toEqual({
      host: '0.0.0.0',
      port: 8082,
      seed: 's',
      size: 10,
      latencyMs: 5,
      errorRate: 0.25,
      logLevel: 'warn',
    });
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ SIM_PORT: '70000' })).toThrow(/SIM_PORT/);
    expect(() => loadConfig({ SIM_SIZE: '0' })).toThrow(/SIM_SIZE/);
    expect(() => loadConfig({ SIM_ERROR_RATE: '1.5' })).toThrow(ConfigError);
    expect(() => loadConfig({ SIM_ERROR_RATE: '-0.1' })).toThrow(/SIM_ERROR_RATE/);
    expect(() => loadConfig({ SIM_LATENCY_MS: 'x' })).toThrow(/SIM_LATENCY_MS/);
  });
});
