import { ConfigError } from '@ndxp/runtime';
import { loadConfig } from './config';

describe('simulator loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8084,
      seed: '',
      latencyMs: 0,
      errorRate: 0,
      stepMs: 2000,
      logLevel: 'info',
    });
  });

  it('reads every setting', () => {
    const c = loadConfig({ SIM_PORT: '0', SIM_SEED: 's', SIM_STEP_MS: '50', SIM_LATENCY_MS: '5', SIM_ERROR_RATE: '0.25' });
    expect(c).toMatchObject({ port: 0, seed: 's', stepMs: 50, latencyMs: 5, errorRate: 0.25 });
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ SIM_ERROR_RATE: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ SIM_ERROR_RATE: 'x' })).toThrow(/SIM_ERROR_RATE/);
    expect(() => loadConfig({ SIM_PORT: '70000' })).toThrow(/SIM_PORT/);
    expect(() => loadConfig({ SIM_STEP_MS: '-1' })).toThrow(/SIM_STEP_MS/);
  });
});
