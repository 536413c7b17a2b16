// Every setting of the registry service, with its default.
import { dirname, resolve } from 'node:path';
import {
  checkListeners,
  ConfigError,
  envInt,
  envString,
  formatListenAddress,
  parseListenAddress,
  tlsFilesFromEnv,
  type TlsFiles,
  loadCommonConfig,
  loadGrpcServerSettings,
  type CommonConfig,
  type Env,
  type GrpcServerSettings,
  type InsecureListener,
} from '@ndxp/runtime';
import { selectStore, type StoreSelection } from '@ndxp/store';

/** Default SQLite file, relative to the working directory. */
export const DEFAULT_REGISTRY_DB = '.ndxp/data/registry.sqlite';
/** The package's own seed folder, found from this file so it works from src/ and dist/. */
export const DEFAULT_SEED_DIR = resolve(__dirname, '..', 'seed');
/** Default gRPC admin address: loopback only. */
export const DEFAULT_GRPC_ADDR = '127.0.0.1:50051';

/** Registry configuration. */
export interface RegistryConfig extends CommonConfig {
  /** Absolute path of the SQLite file, or ':memory:'. */
  dbPath: string;
  /** The store: MongoDB when MONGODB_URL is set (database MONGODB_DB, default ndxp), else dbPath. */
  store: StoreSelection;
  /** Folder of seed JSON files, loaded into an empty store. */
  seedDir: string;
  /** host:port of the gRPC admin API (port 0 picks a free port); undefined when disabled. */
  grpcAddr: string | undefined;
  /** Keepalive and maximum connection age of the gRPC server (GRPC_*). */
  grpcServer: GrpcServerSettings;
  /**
   * The broker's trust chain (REGISTRY_AUTH_TRUST, a trust.json) and a system-account .creds file
   * (REGISTRY_AUTH_SYSTEM_CREDS) to push account updates; both or neither. Without them NATS
   * credentials cannot be issued or revoked (gateway tokens still work).
   */
  auth: { trustPath: string; systemCredsPath: string } | undefined;
  /** Plaintext listeners off loopback that REGISTRY_ALLOW_PLAINTEXT allowed (warned at every start). */
  insecureListeners: InsecureListener[];
  /** The gRPC admin API's TLS certificate and key (REGISTRY_TLS_CERT, REGISTRY_TLS_KEY); plaintext when unset. */
  tls: TlsFiles | undefined;
  /** The access-token signing key (a P-256 private JWK), made there on first start when missing. */
  tokenKeyPath: string;
  /** Lifetime of an access token asked for without one, and the most one may ask for, seconds. */
  tokenLifetimes: { defaultS: number; maxS: number };
}

/** Reads the registry configuration; throws ConfigError on bad values. */
export function loadConfig(env: Env, cwd: string = process.cwd()): RegistryConfig {
  const db = envString(env, 'REGISTRY_DB', DEFAULT_REGISTRY_DB);
  const dbPath = db === ':memory:' ? db : resolve(cwd, db);
  let store: StoreSelection;
  try {
    store = selectStore(env, dbPath);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const grpcListen = parseListenAddress('REGISTRY_GRPC_ADDR', envString(env, 'REGISTRY_GRPC_ADDR', DEFAULT_GRPC_ADDR), { allowOff: true });
  const grpcAddr = grpcListen && formatListenAddress(grpcListen);
  const tls = tlsFilesFromEnv(env, 'REGISTRY');
  const listeners = grpcAddr === undefined ? [] : [{ variable: 'REGISTRY_GRPC_ADDR', addr: grpcAddr, tls: tls !== undefined }];
  const maxS = envInt(env, 'REGISTRY_TOKEN_MAX_TTL_S', 86_400, 60, 30 * 86_400);
  const defaultS = envInt(env, 'REGISTRY_TOKEN_TTL_S', Math.min(3_600, maxS), 60, maxS);
  // Beside the database file by default; a :memory: registry keeps it in the working directory.
  const keyDefault = dbPath === ':memory:' ? resolve(cwd, '.ndxp/data/token-key.jwk') : resolve(dirname(dbPath), 'token-key.jwk');
  return {
    ...loadCommonConfig(env, 'registry'),
    dbPath,
    store,
    seedDir: resolve(cwd, envString(env, 'REGISTRY_SEED_DIR', DEFAULT_SEED_DIR)),
    grpcAddr,
    grpcServer: loadGrpcServerSettings(env),
    auth: parseAuth(env, cwd),
    insecureListeners: checkListeners(env, listeners, 'REGISTRY_ALLOW_PLAINTEXT'),
    tls,
    tokenKeyPath: resolve(cwd, envString(env, 'REGISTRY_TOKEN_KEY', keyDefault)),
    tokenLifetimes: { defaultS, maxS },
  };
}

/** REGISTRY_AUTH_TRUST and REGISTRY_AUTH_SYSTEM_CREDS: both set (paths from cwd) or both unset. */
function parseAuth(env: Env, cwd: string): RegistryConfig['auth'] {
  const trust = envString(env, 'REGISTRY_AUTH_TRUST', '').trim();
  const creds = envString(env, 'REGISTRY_AUTH_SYSTEM_CREDS', '').trim();
  if (!trust && !creds) return undefined;
  if (!trust || !creds) {
    throw new ConfigError(
      `REGISTRY_AUTH_TRUST and REGISTRY_AUTH_SYSTEM_CREDS go together: ${trust ? 'REGISTRY_AUTH_SYSTEM_CREDS' : 'REGISTRY_AUTH_TRUST'} is not set`,
    );
  }
  return { trustPath: resolve(cwd, trust), systemCredsPath: resolve(cwd, creds) };
}
