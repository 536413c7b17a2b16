import { ConfigError } from '@ndxp/runtime';
import { envFraction, loadSimulatorSettings } from './settings';

describe('loadSimulatorSettings', () => {
  it('fills every shared setting from the simulator defaults', () => {
    expect(loadSimulatorSettings({}, { seed: 'x', size: { default: 7, max: 10 } })).toEqual({
      host: '127.0.0.1',
      port: 0,
      seed: 'x',
      size: 7,
      latencyMs: 0,
      errorRate: 0,
      logLevel: 'info',
    });
  });

  it('reads no SIM_SIZE when the simulator has none, and uses its default port', () => {
    const s = loadSimulatorSettings({ SIM_SIZE: 'not a number' }, { port: 8084, seed: '' });
    expect(s).not.toHaveProperty('size');
    expect(s.port).toBe(8084);
  });

  it('reads every setting from the environment', () => {
    const env = {
      SIM_HOST: '0.0.0.0',
      SIM_PORT: '8082',
      SIM_SEED: 's',
      SIM_SIZE: '10',
      SIM_LATENCY_MS: '5',
      SIM_ERROR_RATE: '0.25',
      LOG_LEVEL: 'warn',
    };
    expect(loadSimulatorSettings(env, { seed: 'x', size: { default: 7, max: 10 } })).toEqual({
      host: '0.0.0.0',
      port: 8082,
      seed: 's',
      size: 10,
      latencyMs: 5,
      errorRate: 0.25,
      logLevel: 'warn',
    });
  });

  it('throws ConfigError naming the bad setting', () => {
    const d = { seed: 'x', size: { default: 7, max: 10 } };
    expect(() => loadSimulatorSettings({ SIM_SIZE: '11' }, d)).toThrow(/SIM_SIZE/);
    expect(() => loadSimulatorSettings({ SIM_PORT: '70000' }, d)).toThrow(/SIM_PORT/);
    expect(() => loadSimulatorSettings({ SIM_LATENCY_MS: 'x' }, d)).toThrow(/SIM_LATENCY_MS/);
    expect(() => loadSimulatorSettings({ LOG_LEVEL: 'loud' }, d)).toThrow(ConfigError);
  });
});

describe('envFraction', () => {
  it('accepts 0..1 and refuses anything else with the setting name', () => {
    expect(envFraction({ R: ' 0.5 ' }, 'R', 0)).toBe(0.5);
    expect(envFraction({ R: '' }, 'R', 0.1)).toBe(0.1);
    expect(() => envFraction({ R: '1.5' }, 'R', 0)).toThrow('R must be a number between 0 and 1, got "1.5"');
    expect(() => envFraction({ R: '-0.1' }, 'R', 0)).toThrow(ConfigError);
    expect(() => envFraction({ R: '1e-1' }, 'R', 0)).toThrow(/R/);
  });
});
