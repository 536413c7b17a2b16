// Every setting of the simulator, with its default, read once from the environment.
import { ConfigError, envEnum, envInt, envString, type Env } from '@ndxp/runtime';
import { DEFAULT_SEED, DEFAULT_SIZE } from './dataset';

/** The simulator's settings. */
export interface SimulatorConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  seed: string;
  size: number;
  /** Added to every answer, in ms. */
  latencyMs: number;
  /** Fraction of requests (0..1) answered HTTP 500 with a Server fault. */
  errorRate: number;
  logLevel: string;
}

/** Reads SIM_* settings; throws ConfigError naming the bad one. */
export function loadConfig(env: Env): SimulatorConfig {
  return {
    host: envString(env, 'SIM_HOST', '127.0.0.1'),
    port: envInt(env, 'SIM_PORT', 0, 0, 65_535),
    seed: envString(env, 'SIM_SEED', DEFAULT_SEED),
    size: envInt(env, 'SIM_SIZE', DEFAULT_SIZE, 1, 5_000_000),
    latencyMs: envInt(env, 'SIM_LATENCY_MS', 0, 0, 600_000),
    errorRate: envFraction(env, 'SIM_ERROR_RATE', 0),
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
