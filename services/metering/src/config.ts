// Every setting of the metering service, with its default.
import {
  checkListeners,
  ConfigError,
  envInt,
  envString,
  formatListenAddress,
  loadCommonConfig,
  loadGrpcServerSettings,
  parseListenAddress,
  tlsFilesFromEnv,
  type CommonConfig,
  type TlsFiles,
  type Env,
  type GrpcServerSettings,
  type InsecureListener,
  type ListenAddress,
} from '@ndxp/runtime';
import { selectStore, type StoreSelection } from '@ndxp/store';

/** Metering configuration. */
export interface MeteringConfig extends CommonConfig {
  /** SQLite file of the ledger (used when MONGODB_URL is not set). */
  dbPath: string;
  /** The ledger's store: MongoDB when MONGODB_URL is set (database MONGODB_DB), else dbPath. */
  store: StoreSelection;
  /** Days raw ledger rows are kept; 0 keeps them forever. Aggregates are never purged. */
  retentionDays: number;
  /** How often retention runs, ms. */
  retentionIntervalMs: number;
  /** gRPC listen address, or undefined when METERING_GRPC_ADDR is "off". */
  grpcAddr: ListenAddress | undefined;
  /** Keepalive and maximum connection age of the gRPC server (GRPC_*). */
  grpcServer: GrpcServerSettings;
  /** Most meter events fetched and appended in one transaction. */
  batchSize: number;
  /** HTTP report API listen address, or undefined when METERING_HTTP_ADDR is "off". */
  httpAddr: ListenAddress | undefined;
  /** Plaintext listeners off loopback that METERING_ALLOW_PLAINTEXT allowed (warned at every start). */
  insecureListeners: InsecureListener[];
  /** How often the ledger's chain head is exported to the metrics and the audit trail, ms. */
  headExportMs: number;
  /** TLS certificate and key of the gRPC and HTTP APIs (METERING_TLS_CERT, METERING_TLS_KEY). */
  tls: TlsFiles | undefined;
  /** How often the ledger is reconciled against the meter stream, ms; 0 never. */
  reconcileMs: number;
  /** How far back each periodic reconciliation walks the meter stream, ms. */
  reconcileWindowMs: number;
}

/** The meter stream keeps events 7 days: a reconciliation window cannot reach further back. */
const MAX_RECONCILE_WINDOW_MS = 7 * 86_400_000;

/** METERING_RECONCILE_MS: 0 (off) or 1000 to 86400000 ms. */
function reconcileInterval(env: Env): number {
  const ms = envInt(env, 'METERING_RECONCILE_MS', 300_000, 0, 86_400_000);
  if (ms > 0 && ms < 1_000) throw new ConfigError(`METERING_RECONCILE_MS must be 0 (off) or between 1000 and 86400000, got ${ms}`);
  return ms;
}

/** Reads the metering configuration from the environment; throws ConfigError on bad values. */
export function loadConfig(env: Env): MeteringConfig {
  const dbPath = envString(env, 'METERING_DB', '.ndxp/data/ledger.sqlite');
  let store: StoreSelection;
  try {
    store = selectStore(env, dbPath);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const grpcAddr = parseListenAddress('METERING_GRPC_ADDR', envString(env, 'METERING_GRPC_ADDR', '127.0.0.1:50052'), { allowOff: true });
  const httpAddr = parseListenAddress('METERING_HTTP_ADDR', envString(env, 'METERING_HTTP_ADDR', '127.0.0.1:8090'), { allowOff: true });
  const tls = tlsFilesFromEnv(env, 'METERING');
  const listeners = [
    ...(grpcAddr ? [{ variable: 'METERING_GRPC_ADDR', addr: formatListenAddress(grpcAddr), tls: tls !== undefined }] : []),
    ...(httpAddr ? [{ variable: 'METERING_HTTP_ADDR', addr: formatListenAddress(httpAddr), tls: tls !== undefined }] : []),
  ];
  return {
    ...loadCommonConfig(env, 'metering'),
    dbPath,
    store,
    retentionDays: envInt(env, 'METERING_RETENTION_DAYS', 0, 0, 36_500),
    retentionIntervalMs: envInt(env, 'METERING_RETENTION_INTERVAL_MS', 3_600_000, 1_000, 86_400_000),
    grpcAddr,
    grpcServer: loadGrpcServerSettings(env),
    batchSize: envInt(env, 'METERING_BATCH', 500, 1, 10_000),
    headExportMs: envInt(env, 'METERING_HEAD_EXPORT_MS', 60_000, 200, 86_400_000),
    httpAddr,
    insecureListeners: checkListeners(env, listeners, 'METERING_ALLOW_PLAINTEXT'),
    tls,
    reconcileMs: reconcileInterval(env),
    reconcileWindowMs: envInt(env, 'METERING_RECONCILE_WINDOW_MS', 3_600_000, 1_000, MAX_RECONCILE_WINDOW_MS),
  };
}
