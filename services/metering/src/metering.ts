// The metering service in one call: stream and durable consumer ensured, the consumer loop
// ledgering events, and the query API over NATS and (unless off) gRPC.
import type { NatsConnection } from '@nats-io/nats-core';
import { MeteringDefinition, MeteringService, subjects, type ReconcileLedgerRequest, type RegistrySnapshot } from '@ndxp/contracts';
import {
  ensureMeterStream,
  fetchRegistrySnapshot,
  followTokenKeys,
  formatListenAddress,
  grpcServerCredentials,
  methodTable,
  NATS_OPS_CALLER,
  readPackageVersion,
  parseListenAddress,
  serveGrpcApi,
  serveNatsApi,
  tokenAccess,
  type GrpcApi,
  type GrpcHealth,
  type GrpcServerSettings,
  type ListenAddress,
  type Logger,
  type TlsMaterial,
} from '@ndxp/runtime';
import type { LedgerStore } from '@ndxp/store';
import type { Registry } from 'prom-client';
import { ensureMeterConsumer, startMeterConsumer, type MeterConsumerCounters } from './meter-consumer';
import { serveHttpApi, type HttpApi } from './http-api';
import { HTTP_ACCESS, METERING_ACCESS } from './metering-access';
import { meteringHandlers } from './query-handlers';
import { reconcileLedger, reconcileStart, type ReconcileStart } from './reconcile';
import { startReconcileSchedule, type ReconcileSchedule } from './reconcile-schedule';
import { createReports } from './reports';

const DAY_MS = 86_400_000;
/** Reconciliation leaves out events this close to the retention cutoff too (a purge may run meanwhile). */
const RETENTION_MARGIN_MS = 3_600_000;

/** Queue group shared by every metering replica. */
export const METERING_QUEUE = 'ndxp-metering';
/** Name the metering registers under in NATS service discovery ($SRV.PING.ndxp-metering), one endpoint per method. */
export const METERING_SERVICE_NAME = 'ndxp-metering';

export interface MeteringOptions {
  nc: NatsConnection;
  /** The ledger; the caller opens it and closes it after stop(). */
  store: LedgerStore;
  logger: Logger;
  /** gRPC listen address ("host:port", port 0 = free port); undefined or "off" serves NATS only. */
  grpcAddr?: ListenAddress | string | undefined;
  /** Keepalive and maximum connection age of the gRPC server (default GRPC_SERVER_DEFAULTS). */
  grpcServer?: GrpcServerSettings;
  /** Replicas of the metering stream if metering creates it (default 1). */
  streamReplicas?: number;
  /** Most events per fetch and per ledger transaction (default 500). */
  batchSize?: number;
  /** How long one fetch waits for a full batch, ms (default and minimum 1000). */
  fetchExpiresMs?: number;
  /** Redelivery delay of a batch the store refused, ms (default 2000). */
  retryDelayMs?: number;
  /** HTTP report API address ("host:port", port 0 = free port); undefined or "off": none. */
  httpAddr?: ListenAddress | string | undefined;
  /** Where reports and the token keys are read from (default: ndxp.registry.api.Snapshot over nc). */
  registrySnapshot?: () => Promise<RegistrySnapshot>;
  /** Certificate and key of the gRPC and HTTP APIs (TLS); plaintext without them. */
  tls?: TlsMaterial | undefined;
  /** How often the token keys and revocations are re-read in full, ms (default 60000). */
  tokenResyncMs?: number;
  /** How often the ledger is reconciled against the meter stream, ms (default 0: only when asked). */
  reconcileMs?: number;
  /** How far back each periodic reconciliation walks, ms (default 3600000). */
  reconcileWindowMs?: number;
  /** Retention's days (0: forever): reconciliation does not check events retention may have purged. */
  retentionDays?: number;
  /** Where the reconciliation metrics go (the ops server's registry). */
  metricsRegistry?: Registry | undefined;
}

/** A running metering service. */
export interface Metering {
  /** Port of the gRPC query API, undefined when it is off. */
  grpcPort: number | undefined;
  /** grpc.health.v1 status of the gRPC query API (undefined when it is off). */
  grpcHealth: GrpcHealth | undefined;
  /** Port of the HTTP report API, undefined when it is off or its address was taken. */
  httpPort: number | undefined;
  readonly counters: MeterConsumerCounters;
  /** Stops consuming (finishing the batch in flight) and serving queries; leaves the store open. */
  stop(): Promise<void>;
}

/** Starts metering on an open NATS connection and ledger store. */
export async function startMetering(options: MeteringOptions): Promise<Metering> {
  const { nc, store, logger } = options;
  const grpcAddr =
    typeof options.grpcAddr === 'string' ? parseListenAddress('grpcAddr', options.grpcAddr, { allowOff: true }) : options.grpcAddr;
  await ensureMeterConsumer(await ensureMeterStream(nc, { replicas: options.streamReplicas ?? 1 }));

  const httpAddr =
    typeof options.httpAddr === 'string' ? parseListenAddress('httpAddr', options.httpAddr, { allowOff: true }) : options.httpAddr;
  const snapshot = options.registrySnapshot ?? (() => fetchRegistrySnapshot(nc));
  const reports = createReports({
    store,
    snapshot,
    onWalkProgress: (p) => logger.info(p, 'chain walk in progress'),
  });
  const reconcile = (start: ReconcileStart, signal?: AbortSignal) =>
    reconcileLedger({
      nc,
      store,
      start,
      retentionCutoffMs: options.retentionDays ? Date.now() - options.retentionDays * DAY_MS + RETENTION_MARGIN_MS : 0,
      onProgress: (p) => logger.info(p, 'ledger reconciliation in progress'),
      ...(signal ? { signal } : {}),
    });
  const handlers = meteringHandlers(store, reports, (req: ReconcileLedgerRequest) => reconcile(reconcileStart(req)));
  const methods = methodTable(MeteringDefinition, handlers);
  const nats = await serveNatsApi(nc, methods, {
    subject: subjects.metering,
    queue: METERING_QUEUE,
    logger,
    caller: NATS_OPS_CALLER,
    discovery: {
      name: METERING_SERVICE_NAME,
      version: readPackageVersion(__dirname),
      description: 'NDXP metering: the ledger of every request, usage and reports',
    },
  });
  const keys = followTokenKeys(nc, snapshot, logger, options.tokenResyncMs === undefined ? {} : { resyncMs: options.tokenResyncMs });
  let grpc: GrpcApi | undefined;
  try {
    if (grpcAddr) {
      grpc = await serveGrpcApi(formatListenAddress(grpcAddr), MeteringService, methods, logger, {
        access: tokenAccess(keys.verifier, METERING_ACCESS),
        credentials: grpcServerCredentials(options.tls),
        ...(options.grpcServer ? { settings: options.grpcServer } : {}),
      });
    }
  } catch (err) {
    await Promise.all([nats.stop(), keys.stop()]);
    throw err;
  }
  let http: HttpApi | undefined;
  if (httpAddr) {
    try {
      http = await serveHttpApi({
        host: httpAddr.host,
        port: httpAddr.port,
        reports,
        logger,
        access: tokenAccess(keys.verifier, HTTP_ACCESS),
        tls: options.tls,
      });
    } catch (err) {
      // The HTTP API only reads reports: a taken address must not stop the ledger.
      logger.error({ err, host: httpAddr.host, port: httpAddr.port }, 'HTTP report API not started');
    }
  }
  const consumer = await startMeterConsumer({
    nc,
    store,
    logger,
    batchSize: options.batchSize ?? 500,
    ...(options.fetchExpiresMs === undefined ? {} : { fetchExpiresMs: options.fetchExpiresMs }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  }).catch(async (err: unknown) => {
    await Promise.all([nats.stop(), grpc?.stop(), http?.stop(), keys.stop()]);
    throw err;
  });

  const schedule: ReconcileSchedule = startReconcileSchedule({
    reconcile,
    logger,
    intervalMs: options.reconcileMs ?? 0,
    windowMs: options.reconcileWindowMs ?? 3_600_000,
    registry: options.metricsRegistry,
  });

  let stopped: Promise<void> | undefined;
  return {
    grpcPort: grpc?.port,
    grpcHealth: grpc?.health,
    httpPort: http?.port,
    counters: consumer.counters,
    stop(): Promise<void> {
      stopped ??= (async () => {
        await schedule.stop();
        await consumer.stop();
        await Promise.all([nats.stop(), grpc?.stop(), http?.stop(), keys.stop()]);
      })();
      return stopped;
    },
  };
}
