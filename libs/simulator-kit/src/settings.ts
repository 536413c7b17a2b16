// The SIM_* settings every simulator reads, with their validation and their --help lines: one table.
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

/** A whole-number setting of one simulator only (e.g. Vietnam Post's SIM_STEP_MS). */
export interface IntSetting {
  env: string;
  /** What it means, for --help. */
  meaning: string;
  default: number;
  min: number;
  max: number;
}

/** A simulator's own defaults for the shared settings, its own settings, and the words --help uses. */
export interface SimulatorDefaults {
  /** Default SIM_PORT (0 when absent: a free port). */
  port?: number;
  /** Default SIM_SEED. */
  seed: string;
  /** What SIM_SEED seeds, for --help (default "data seed"). */
  seedMeaning?: string;
  /** Default and largest SIM_SIZE (records to generate); absent: the simulator has no SIM_SIZE. */
  size?: { default: number; max: number; meaning?: string };
  /** What SIM_ERROR_RATE answers, for --help (default "fraction 0..1 of requests answered 503"). */
  errorMeaning?: string;
  /** The simulator's own whole-number settings, by the key they are read into. */
  ints?: Readonly<Record<string, IntSetting>>;
}

/** The settings `defaults` describe: the shared ones, `size` when it has a SIM_SIZE, and its own ints. */
export type SettingsOf<D extends SimulatorDefaults> = SimulatorSettings &
  (D extends { size: object } ? { size: number } : unknown) &
  (D extends { ints: Readonly<Record<infer K, IntSetting>> } ? { [P in K & string]: number } : unknown);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads SIM_HOST, SIM_PORT, SIM_SEED, SIM_SIZE (only when `defaults.size` is given), the simulator's
 * own ints, SIM_LATENCY_MS, SIM_ERROR_RATE and LOG_LEVEL; throws ConfigError naming the bad one.
 */
export function loadSimulatorSettings<const D extends SimulatorDefaults>(env: Env, defaults: D): SettingsOf<D> {
  const { size } = defaults;
  const ints = Object.entries(defaults.ints ?? {}).map(([key, s]) => [key, envInt(env, s.env, s.default, s.min, s.max)] as const);
  return {
    host: envString(env, 'SIM_HOST', '127.0.0.1'),
    port: envInt(env, 'SIM_PORT', defaults.port ?? 0, 0, 65_535),
    seed: envString(env, 'SIM_SEED', defaults.seed),
    ...(size ? { size: envInt(env, 'SIM_SIZE', size.default, 1, size.max) } : {}),
    ...Object.fromEntries(ints),
    latencyMs: envInt(env, 'SIM_LATENCY_MS', 0, 0, 600_000),
    errorRate: envFraction(env, 'SIM_ERROR_RATE', 0),
    logLevel: envEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
  } as SettingsOf<D>;
}

/** The "Environment:" lines of --help: each setting `defaults` describe, its meaning and default. */
export function settingsHelp(defaults: SimulatorDefaults): string {
  const rows: Array<[string, string, string | number]> = [
    ['SIM_HOST', 'listen address', '127.0.0.1'],
    ['SIM_PORT', 'port, 0 = a free one', defaults.port ?? 0],
    ['SIM_SEED', defaults.seedMeaning ?? 'data seed', defaults.seed === '' ? 'empty' : defaults.seed],
    ...(defaults.size
      ? [
          ['SIM_SIZE', `${defaults.size.meaning ?? 'number of records'}, 1..${defaults.size.max}`, defaults.size.default] as [
            string,
            string,
            number,
          ],
        ]
      : []),
    ...Object.values(defaults.ints ?? {}).map((s): [string, string, number] => [s.env, `${s.meaning}, ${s.min}..${s.max}`, s.default]),
    ['SIM_LATENCY_MS', 'latency added to each answer, ms', 0],
    ['SIM_ERROR_RATE', defaults.errorMeaning ?? 'fraction 0..1 of requests answered 503', 0],
    ['LOG_LEVEL', 'pino level', 'info'],
  ];
  return ['Environment:', ...rows.map(([env, meaning, value]) => `  ${env.padEnd(15)} ${meaning} (default ${value})`)].join('\n');
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
