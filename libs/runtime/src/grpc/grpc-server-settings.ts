// Keepalive and connection-age settings of every gRPC server (GRPC_*), read once, and the grpc-js
// server options they become: a connection is closed gracefully after its maximum age so that
// clients reconnect and spread over the pods again.
import type { ServerOptions } from '@grpc/grpc-js';
import type { SettingDoc } from '../common-settings';
import { envBool, envInt, type Env } from '../config';

/** A gRPC server's connection settings (ms; 0 turns the maximum age off). */
export interface GrpcServerSettings {
  keepaliveTimeMs: number;
  keepaliveTimeoutMs: number;
  keepalivePermitWithoutCalls: boolean;
  maxConnectionAgeMs: number;
  maxConnectionAgeGraceMs: number;
}

/** The defaults, written once. */
export const GRPC_SERVER_DEFAULTS: GrpcServerSettings = {
  keepaliveTimeMs: 60_000,
  keepaliveTimeoutMs: 20_000,
  keepalivePermitWithoutCalls: true,
  maxConnectionAgeMs: 1_800_000,
  maxConnectionAgeGraceMs: 65_000,
};

/** Reads GRPC_KEEPALIVE_TIME_MS, GRPC_KEEPALIVE_TIMEOUT_MS, GRPC_KEEPALIVE_PERMIT_WITHOUT_CALLS, GRPC_MAX_CONNECTION_AGE_MS and GRPC_MAX_CONNECTION_AGE_GRACE_MS. */
export function loadGrpcServerSettings(env: Env): GrpcServerSettings {
  const d = GRPC_SERVER_DEFAULTS;
  return {
    keepaliveTimeMs: envInt(env, 'GRPC_KEEPALIVE_TIME_MS', d.keepaliveTimeMs, 1_000, 86_400_000),
    keepaliveTimeoutMs: envInt(env, 'GRPC_KEEPALIVE_TIMEOUT_MS', d.keepaliveTimeoutMs, 1_000, 3_600_000),
    keepalivePermitWithoutCalls: envBool(env, 'GRPC_KEEPALIVE_PERMIT_WITHOUT_CALLS', d.keepalivePermitWithoutCalls),
    maxConnectionAgeMs: envInt(env, 'GRPC_MAX_CONNECTION_AGE_MS', d.maxConnectionAgeMs, 0, 604_800_000),
    maxConnectionAgeGraceMs: envInt(env, 'GRPC_MAX_CONNECTION_AGE_GRACE_MS', d.maxConnectionAgeGraceMs, 0, 3_600_000),
  };
}

/** The grpc-js server options of the settings (plus any the server adds, e.g. a message size). */
export function grpcServerOptions(settings: GrpcServerSettings, extra: ServerOptions = {}): ServerOptions {
  return {
    'grpc.keepalive_time_ms': settings.keepaliveTimeMs,
    'grpc.keepalive_timeout_ms': settings.keepaliveTimeoutMs,
    'grpc.keepalive_permit_without_calls': settings.keepalivePermitWithoutCalls ? 1 : 0,
    ...(settings.maxConnectionAgeMs > 0
      ? { 'grpc.max_connection_age_ms': settings.maxConnectionAgeMs, 'grpc.max_connection_age_grace_ms': settings.maxConnectionAgeGraceMs }
      : {}),
    ...extra,
  };
}

/** The GRPC_* rows for a service's --help and README. */
export function grpcSettingRows(): SettingDoc[] {
  const d = GRPC_SERVER_DEFAULTS;
  return [
    {
      env: 'GRPC_KEEPALIVE_TIME_MS',
      fallback: String(d.keepaliveTimeMs),
      meaning: 'the server pings a connection after this long without traffic',
    },
    {
      env: 'GRPC_KEEPALIVE_TIMEOUT_MS',
      fallback: String(d.keepaliveTimeoutMs),
      meaning: 'closes the connection when a ping is not answered in this time',
    },
    {
      env: 'GRPC_KEEPALIVE_PERMIT_WITHOUT_CALLS',
      fallback: String(d.keepalivePermitWithoutCalls),
      meaning: 'keepalive pings also on connections with no call in flight',
    },
    {
      env: 'GRPC_MAX_CONNECTION_AGE_MS',
      fallback: String(d.maxConnectionAgeMs),
      meaning: 'a connection older than this is asked to go away (GOAWAY), so clients rebalance over the pods; 0 = no limit',
    },
    {
      env: 'GRPC_MAX_CONNECTION_AGE_GRACE_MS',
      fallback: String(d.maxConnectionAgeGraceMs),
      meaning: 'calls in flight on an aged connection get this long to finish before it is closed',
    },
  ];
}
