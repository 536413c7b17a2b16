// One environment setting as a value: its name, default and meaning (for --help and READMEs) and
// how it is read. Bad values throw SettingError, a ConfigError with a stable code.
import { ConfigError, type Env, type SettingDoc } from '@ndxp/runtime';

/** Why a setting was refused; printed with the message, stable for scripts and runbooks. */
export type SettingErrorCode =
  | 'config.not_an_integer'
  | 'config.out_of_range'
  | 'config.not_a_url'
  | 'config.not_allowed'
  | 'config.bad_format'
  | 'config.bad_address'
  | 'config.invalid';

/** A setting's value is invalid: the adapter prints `code: message` and exits with status 2. */
export class SettingError extends ConfigError {
  constructor(
    override readonly code: SettingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One row of the settings table: what --help and the README say about a variable (the runtime's SettingDoc). */
export type SettingRow = SettingDoc;

/** A setting the SDK reads for the adapter. */
export interface Setting<T> extends SettingRow {
  /** Reads the value from env; throws SettingError naming the variable. */
  read(env: Env): T;
}

const present = (env: Env, name: string): string | undefined => {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
};

/** An integer within [min, max], or the fallback when unset. */
export function envInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const v = present(env, name);
  if (v === undefined) return fallback;
  if (!/^-?\d+$/.test(v.trim())) throw new SettingError('config.not_an_integer', `${name} must be an integer, got ${JSON.stringify(v)}`);
  const n = Number(v);
  if (n < min || n > max) throw new SettingError('config.out_of_range', `${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** An http(s) URL without trailing slashes, or the fallback when unset. */
export function envUrl(env: Env, name: string, fallback: string): string {
  const url = (present(env, name) ?? fallback).replace(/\/+$/, '');
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new SettingError('config.not_a_url', `${name} must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  return url;
}

/** One of `allowed`, or the fallback when unset. */
export function envChoice<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const v = present(env, name);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new SettingError('config.not_allowed', `${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** A text matching `pattern` (described by `mustBe`), or the fallback when unset. */
export function envText(env: Env, name: string, fallback: string, pattern?: RegExp, mustBe?: string): string {
  const v = present(env, name) ?? fallback;
  if (pattern && !pattern.test(v)) {
    throw new SettingError('config.bad_format', `${name} must be ${mustBe ?? `like ${String(pattern)}`}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** An integer setting of the adapter's own, e.g. intSetting('SIM_SIZE', { fallback: 50000, min: 1, max: 5e6, meaning }). */
export function intSetting(name: string, options: { fallback: number; min: number; max: number; meaning: string }): Setting<number> {
  return {
    env: name,
    fallback: String(options.fallback),
    meaning: options.meaning,
    read: (env) => envInteger(env, name, options.fallback, options.min, options.max),
  };
}

/** A text setting of the adapter's own; `pattern` and `mustBe` (e.g. 'letters, digits, - or _') check it. */
export function textSetting(
  name: string,
  options: { fallback: string; meaning: string; pattern?: RegExp; mustBe?: string },
): Setting<string> {
  return {
    env: name,
    fallback: options.fallback,
    meaning: options.meaning,
    read: (env) => envText(env, name, options.fallback, options.pattern, options.mustBe),
  };
}

/** A setting that is one of a fixed set of values. */
export function choiceSetting<T extends string>(
  name: string,
  options: { fallback: NoInfer<T>; values: readonly T[]; meaning: string },
): Setting<T> {
  return {
    env: name,
    fallback: options.fallback,
    meaning: `${options.values.join(' | ')}: ${options.meaning}`,
    read: (env) => envChoice(env, name, options.fallback, options.values),
  };
}

/** An http(s) URL setting (trailing slashes dropped). */
export function urlSetting(name: string, options: { fallback: string; meaning: string }): Setting<string> {
  return { env: name, fallback: options.fallback, meaning: options.meaning, read: (env) => envUrl(env, name, options.fallback) };
}
