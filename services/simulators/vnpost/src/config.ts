// Every setting of the simulator, with its default, read once from the environment.
import { envInt, type Env } from '@ndxp/runtime';
import { loadSimulatorSettings, type SimulatorSettings } from '@ndxp/simulator-kit';

/**
 * The simulator's settings. SIM_SEED seeds the item numbers ('' by default: a random start on every
 * run, so no number is reused); SIM_ERROR_RATE answers 503.
 */
export interface SimulatorConfig extends SimulatorSettings {
  /** Time per state step of an order (registered → collecting → delivered); 0 = orders never move. */
  stepMs: number;
}

/** Reads SIM_* settings; throws ConfigError naming the bad one. */
export function loadConfig(env: Env): SimulatorConfig {
  return {
    ...loadSimulatorSettings(env, { port: 8084, seed: '' }),
    stepMs: envInt(env, 'SIM_STEP_MS', 2000, 0, 86_400_000),
  };
}
