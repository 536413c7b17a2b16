// Every setting of the gateway (gRPC and HTTP/JSON edges), with its default, read once from the environment.
import {
  checkListeners,
  ConfigError,
  envInt,
  envString,
  formatListenAddress,
  loadCommonConfig,
  loadGrpcServerSettings,
  parseListenAddress,
  type CommonConfig,
  type Env,
  type GrpcServerSettings,
  type InsecureListener,
} from '@ndxp/runtime';

/** GATEWAY_TOKEN_TTL_S's default: an access token from /token lives five minutes. */
export const DEFAULT_TOKEN_TTL_S = 300;

/** Service name used in logs, traces and the NATS connection name. */
export const SERVICE_NAME = 'gateway';

/** Files of the gateway's TLS identity and of the CA that signs LGSP client certificates (PEM). */
export interface TlsFiles {
  cert: string;
  key: string;
  ca: string;
}

/** The gateway's settings. */
export interface GatewayConfig {
  common: CommonConfig;
  /** host:port the gRPC server binds (port 0 picks a free one). */
  grpcAddr: string;
  /** host:port the HTTP/JSON edge binds (port 0 picks a free one); undefined when off. */
  httpAddr: string | undefined;
  /** GATEWAY_TOKEN_KEY: the JWK file access tokens are signed with; undefined: a key in memory. */
  tokenKeyPath: string | undefined;
  /** Lifetime of an OAuth2 access token from /token, seconds. */
  tokenTtlS: number;
  /** Keepalive and maximum connection age of the gRPC server (GRPC_*). */
  grpcServer: GrpcServerSettings;
  /** TLS (server identity plus client-certificate CA); undefined means plaintext. */
  tls: TlsFiles | undefined;
  /** Deadline given to a call that carries no gRPC deadline, ms. */
  defaultTimeoutMs: number;
  /** Longest deadline passed on to routing whatever the call asks, ms. */
  maxTimeoutMs: number;
  /** How long after the deadline the gateway still waits for routing's own timeout answer, ms. */
  replyGraceMs: number;
  /** Full registry re-sync period, ms (change events keep the copy current in between). */
  registryResyncMs: number;
  /** The plaintext listener off loopback that GATEWAY_ALLOW_PLAINTEXT allowed, if any (warned at every start). */
  insecureListeners: InsecureListener[];
}

/** Reads GATEWAY_* (and the common) settings; throws ConfigError naming the bad one. */
export function loadConfig(env: Env): GatewayConfig {
  const grpcAddr = formatListenAddress(parseListenAddress('GATEWAY_GRPC_ADDR', envString(env, 'GATEWAY_GRPC_ADDR', '127.0.0.1:50070')));
  const http = parseListenAddress('GATEWAY_HTTP_ADDR', envString(env, 'GATEWAY_HTTP_ADDR', '127.0.0.1:50080'), { allowOff: true });
  const httpAddr = http ? formatListenAddress(http) : undefined;
  const tls = loadTls(env);
  const listeners = [
    { variable: 'GATEWAY_GRPC_ADDR', addr: grpcAddr, tls: tls !== undefined },
    ...(httpAddr ? [{ variable: 'GATEWAY_HTTP_ADDR', addr: httpAddr, tls: tls !== undefined }] : []),
  ];
  const insecureListeners = checkListeners(
    env,
    listeners,
    'GATEWAY_ALLOW_PLAINTEXT',
    'set GATEWAY_TLS_CERT, GATEWAY_TLS_KEY and GATEWAY_TLS_CA',
  );
  const defaultTimeoutMs = envInt(env, 'GATEWAY_DEFAULT_TIMEOUT_MS', 5_000, 1, 600_000);
  const maxTimeoutMs = envInt(env, 'GATEWAY_MAX_TIMEOUT_MS', 60_000, 1, 3_600_000);
  if (defaultTimeoutMs > maxTimeoutMs)
    throw new ConfigError(`GATEWAY_DEFAULT_TIMEOUT_MS (${defaultTimeoutMs}) must not exceed GATEWAY_MAX_TIMEOUT_MS (${maxTimeoutMs})`);
  return {
    common: loadCommonConfig(env, SERVICE_NAME),
    grpcAddr,
    httpAddr,
    tokenKeyPath: env['GATEWAY_TOKEN_KEY'] || undefined,
    tokenTtlS: envInt(env, 'GATEWAY_TOKEN_TTL_S', DEFAULT_TOKEN_TTL_S, 30, 3_600),
    grpcServer: loadGrpcServerSettings(env),
    tls,
    defaultTimeoutMs,
    maxTimeoutMs,
    replyGraceMs: envInt(env, 'GATEWAY_REPLY_GRACE_MS', 2_000, 0, 60_000),
    registryResyncMs: envInt(env, 'GATEWAY_REGISTRY_RESYNC_MS', 30_000, 1_000, 3_600_000),
    insecureListeners,
  };
}

function loadTls(env: Env): TlsFiles | undefined {
  const cert = env['GATEWAY_TLS_CERT'] || undefined;
  const key = env['GATEWAY_TLS_KEY'] || undefined;
  const ca = env['GATEWAY_TLS_CA'] || undefined;
  if (!cert && !key && !ca) return undefined;
  if (!cert || !key || !ca) throw new ConfigError('GATEWAY_TLS_CERT, GATEWAY_TLS_KEY and GATEWAY_TLS_CA must be set together');
  return { cert, key, ca };
}
