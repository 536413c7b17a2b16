// Reading configuration from the environment: every value validated, every failure named.
import { ConfigError } from './config-error';
import { COMMON_DEFAULTS, LOG_LEVELS } from './common-settings';
import { parseListenAddress, type ListenAddress } from './listen-address';

/** Environment as a plain record (process.env in production, a literal in tests). */
export type Env = Record<string, string | undefined>;

/** A string setting, or its default. */
export function envString(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

/** A string setting that must be present. */
export function envRequired(env: Env, name: string): string {
  const v = env[name];
  if (v === undefined || v === '') throw new ConfigError(`${name} is required`);
  return v;
}

/** An integer setting within [min, max], or its default. */
export function envInt(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (!/^-?\d+$/.test(v.trim())) throw new ConfigError(`${name} must be an integer, got ${JSON.stringify(v)}`);
  const n = Number(v);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** A boolean setting: true/false/1/0/yes/no. */
export function envBool(env: Env, name: string, fallback: boolean): boolean {
  const v = env[name]?.trim().toLowerCase();
  if (v === undefined || v === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
}

/** One of a fixed set of values. */
export function envEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** Settings every service shares. */
export interface CommonConfig {
  natsServers: string[];
  natsUser: string | undefined;
  natsPassword: string | undefined;
  natsCreds: string | undefined;
  /** TLS for the NATS connection: CA file to trust, and an optional client certificate and key. */
  natsTls: { caFile?: string; certFile?: string; keyFile?: string } | undefined;
  /** Reply inbox prefix of the connection (the broker allows each role only its own). */
  natsInboxPrefix: string | undefined;
  logLevel: string;
  instanceId: string;
  /** Replicas of the JetStream streams a service creates (NATS_STREAM_REPLICAS: 3 in a cluster, default 1). */
  streamReplicas: number;
  /** Where /healthz, /readyz and /metrics are served (OPS_ADDR, default 127.0.0.1:0 = a free port; "off" serves none). */
  opsAddr: ListenAddress | undefined;
}

/** Reads the settings shared by all services. */
export function loadCommonConfig(env: Env, service: string): CommonConfig {
  const servers = envString(env, 'NATS_URL', COMMON_DEFAULTS.natsUrl)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    natsServers: servers,
    natsUser: env['NATS_USER'] || undefined,
    natsPassword: env['NATS_PASSWORD'] || undefined,
    natsCreds: env['NATS_CREDS'] || undefined,
    natsTls: natsTls(env),
    natsInboxPrefix: natsInboxPrefix(env),
    logLevel: envEnum(env, 'LOG_LEVEL', LOG_LEVELS, COMMON_DEFAULTS.logLevel),
    instanceId: envString(env, 'NDXP_INSTANCE_ID', `${service}-${process.pid}`),
    streamReplicas: envInt(env, 'NATS_STREAM_REPLICAS', COMMON_DEFAULTS.streamReplicas, 1, 5),
    opsAddr: parseListenAddress('OPS_ADDR', envString(env, 'OPS_ADDR', COMMON_DEFAULTS.opsAddr), { allowOff: true }),
  };
}

/** NATS_TLS_CA / NATS_TLS_CERT / NATS_TLS_KEY: a client certificate needs both halves. */
function natsTls(env: Env): CommonConfig['natsTls'] {
  const caFile = env['NATS_TLS_CA'] || undefined;
  const certFile = env['NATS_TLS_CERT'] || undefined;
  const keyFile = env['NATS_TLS_KEY'] || undefined;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new ConfigError('NATS_TLS_CERT and NATS_TLS_KEY must be set together');
  if (!caFile && !certFile) return undefined;
  return { ...(caFile ? { caFile } : {}), ...(certFile ? { certFile, keyFile } : {}) };
}

/** NATS_INBOX_PREFIX: subject tokens without wildcards, e.g. _INBOX.routing. */
function natsInboxPrefix(env: Env): string | undefined {
  const v = env['NATS_INBOX_PREFIX'] || undefined;
  if (v !== undefined && !/^[^.*>\s]+(\.[^.*>\s]+)*$/.test(v)) {
    throw new ConfigError(`NATS_INBOX_PREFIX must be dot-separated tokens without wildcards, got ${JSON.stringify(v)}`);
  }
  return v;
}
