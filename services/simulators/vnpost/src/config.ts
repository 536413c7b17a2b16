// Every setting of the simulator, with its default, read once from the environment.
import { ConfigError, envEnum, envInt, envString, type Env } from '@ndxp/runtime';

/** The simulator's settings. */
export interface SimulatorConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Seeds the item numbers; '' (default) = a random start on every run, so no number is reused. */
  seed: string;
  /** Added to every answer, in ms. */
  latencyMs: number;
  /** Fraction of requests (0..1) answered 503. */
  errorRate: number;
  /** Time per state step of an order (registered → collecting → delivered); 0 = orders never move. */
  stepMs: number;
  logLevel: string;
}

/** Reads SIM_* settings; throws ConfigError naming the bad one. */
export function loadConfig(env: Env): SimulatorConfig {
  return {
    host: envString(env, 'SIM_HOST', '127.0.0.1'),
    port: envInt(env, 'SIM_PORT', 8084, 0, 65_535),
    seed: envString(env, 'SIM_SEED', ''),
    latencyMs: envInt(env, 'SIM_LATENCY_MS', 0, 0, 600_000),
    errorRate: envFraction(env, 'SIM_ERROR_RATE', 0),
    stepMs: envInt(env, 'SIM_STEP_MS', 2000, 0, 86_400_000),
    logLevel: envEnum(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  };
}

function envFraction(env: Env, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  if (!/^\s*[0-9.]+\s*$/.test(v) || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new ConfigError(`${name} must be a number between 0 and 1, got ${JSON.stringify(v)}`);
  }
  return n;
}
