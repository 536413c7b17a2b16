// The SIM_* settings every simulator reads, with their validation, resolved in one place.
import { ConfigError, envEnum, envInt, envString, type Env } from '@ndxp/runtime';

/** The settings every simulator has. */
export interface SimulatorSettings {
  /** Listen address (SIM_HOST, default 127.0.0.1). */
  host: string;
  /** SIM_PORT; 0 picks a free port. */
  port: number;
  /** SIM_SEED: the same seed gives the same data. */
  seed: string;
  /** SIM_LATENCY_MS: added to every answer, in ms (0..600000). */
  latencyMs: number;
  /** SIM_ERROR_RATE: fraction of requests (0..1) answered with the system's "busy" error. */
  errorRate: number;
  /** LOG_LEVEL: a pino level. */
  logLevel: string;
}

/** A simulator's own defaults for the shared settings. */
export interface SimulatorDefaults {
  /** Default SIM_PORT (0 when absent: a free port). */
  port?: number;
  /** Default SIM_SEED. */
  seed: string;
  /** Default and largest SIM_SIZE (records to generate); absent: the simulator has no SIM_SIZE. */
  size?: { default: number; max: number };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads SIM_HOST, SIM_PORT, SIM_SEED, SIM_SIZE (only when `defaults.size` is given), SIM_LATENCY_MS,
 * SIM_ERROR_RATE and LOG_LEVEL; throws ConfigError naming the bad one.
 */
export function loadSimulatorSettings(
  env: Env,
  defaults: SimulatorDefaults & { size: { default: number; max: number } },
): SimulatorSettings & { size: number };
export function loadSimulatorSettings(env: Env, defaults: SimulatorDefaults): SimulatorSettings;
export function loadSimulatorSettings(env: Env, defaults: SimulatorDefaults): SimulatorSettings & { size?: number } {
  const { size } = defaults;
  return {
    host: envString(env, 'SIM_HOST', '127.0.0.1'),
    port: envInt(env, 'SIM_PORT', defaults.port ?? 0, 0, 65_535),
    seed: envString(env, 'SIM_SEED', defaults.seed),
    ...(size ? { size: envInt(env, 'SIM_SIZE', size.default, 1, size.max) } : {}),
    latencyMs: envInt(env, 'SIM_LATENCY_MS', 0, 0, 600_000),
    errorRate: envFraction(env, 'SIM_ERROR_RATE', 0),
    logLevel: envEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
  };
}

/** A number setting in [0, 1], or its default; throws ConfigError naming the setting. */
export function envFraction(env: Env, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  if (!/^\s*[0-9.]+\s*$/.test(v) || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new ConfigError(`${name} must be a number between 0 and 1, got ${JSON.stringify(v)}`);
  }
  return n;
}
