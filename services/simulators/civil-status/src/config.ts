// Every setting of the simulator, with its default, read once from the environment.
import type { Env } from '@ndxp/runtime';
import { loadSimulatorSettings, type SimulatorSettings } from '@ndxp/simulator-kit';
import { DEFAULT_SEED, DEFAULT_SIZE } from './dataset';

/** The simulator's settings (SIM_ERROR_RATE answers HTTP 500 with a Server fault). */
export interface SimulatorConfig extends SimulatorSettings {
  /** Records to generate (SIM_SIZE). */
  size: number;
}

/** Reads SIM_* settings; throws ConfigError naming the bad one. */
export function loadConfig(env: Env): SimulatorConfig {
  return loadSimulatorSettings(env, { seed: DEFAULT_SEED, size: { default: DEFAULT_SIZE, max: 5_000_000 } });
}
