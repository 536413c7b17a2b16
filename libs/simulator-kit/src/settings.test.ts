import { ConfigError } from '@ndxp/runtime';
import { envFraction, loadSimulatorSettings, settingsHelp } from './settings';

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

describe("a simulator's own settings", () => {
  const stepMs = { env: 'SIM_STEP_MS', meaning: 'time per step', default: 2000, min: 0, max: 10_000 };

  it('reads each of them into its key, with its default and bounds', () => {
    expect(loadSimulatorSettings({}, { seed: '', ints: { stepMs } }).stepMs).toBe(2000);
    expect(loadSimulatorSettings({ SIM_STEP_MS: '0' }, { seed: '', ints: { stepMs } }).stepMs).toBe(0);
    expect(() => loadSimulatorSettings({ SIM_STEP_MS: '10001' }, { seed: '', ints: { stepMs } })).toThrow(/SIM_STEP_MS/);
  });

  it('writes --help from the same table: every setting with its meaning and default', () => {
    const help = settingsHelp({
      port: 8084,
      seed: '',
      seedMeaning: 'seeds the item numbers',
      size: { default: 7, max: 10, meaning: 'number of units' },
      errorMeaning: 'fraction 0..1 answered 500',
      ints: { stepMs },
    });
    expect(help.split('\n')).toEqual([
      'Environment:',
      '  SIM_HOST        listen address (default 127.0.0.1)',
      '  SIM_PORT        port, 0 = a free one (default 8084)',
      '  SIM_SEED        seeds the item numbers (default empty)',
      '  SIM_SIZE        number of units, 1..10 (default 7)',
      '  SIM_STEP_MS     time per step, 0..10000 (default 2000)',
      '  SIM_LATENCY_MS  latency added to each answer, ms (default 0)',
      '  SIM_ERROR_RATE  fraction 0..1 answered 500 (default 0)',
      '  LOG_LEVEL       pino level (default info)',
    ]);
    expect(settingsHelp({ seed: 'x' })).not.toMatch(/SIM_SIZE/);
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
