// Entry of the metering service.
import { describeStore, openLedgerStore } from '@ndxp/store';
import {
  connectNats,
  createLogger,
  handleHelp,
  readTlsFiles,
  runService,
  startServiceOps,
  startTelemetry,
  warnInsecureListeners,
} from '@ndxp/runtime';
import { loadConfig } from './config';
import { startHeadExport } from './head-export';
import { startMetering } from './metering';
import { startRetention } from './retention';

const HELP = `ndxp metering: the usage ledger (JetStream → MongoDB or SQLite, exactly once per request id) and its queries

Usage: node services/metering/dist/main.js

Environment:
  OPS_ADDR             /healthz, /readyz and /metrics (127.0.0.1:0 = a free port; off)
  NATS_STREAM_REPLICAS replicas of the metering stream when metering creates it (1)
  MONGODB_URL          MongoDB replica set URL; when set the ledger lives there, else in METERING_DB (unset)
  MONGODB_DB           MongoDB database name (ndxp)
  METERING_DB          SQLite file of the ledger when MONGODB_URL is not set (.ndxp/data/ledger.sqlite)
  METERING_RETENTION_DAYS        days raw ledger rows are kept, 0 = forever; usage totals are kept (0)
  METERING_RETENTION_INTERVAL_MS how often retention runs, ms (3600000)
  METERING_GRPC_ADDR   gRPC query API, host:port; port 0 = a free port; "off" disables (127.0.0.1:50052)
  METERING_BATCH       most events per fetch and per ledger transaction, 1-10000 (500)
  METERING_HEAD_EXPORT_MS how often the ledger's chain head goes to the metrics and the registry's
                       audit trail, ms (60000; also at shutdown)
  METERING_RECONCILE_MS how often the ledger is reconciled against the meter stream (every event
                       routing had acknowledged), ms; 0 = only when asked (ReconcileLedger) (300000)
  METERING_RECONCILE_WINDOW_MS how far back each periodic reconciliation walks the stream, ms,
                       at most 7 days (3600000)
  METERING_HTTP_ADDR   HTTP report API (/api/report, /api/connected, /api/compliance, /healthz),
                       host:port; port 0 = a free port; "off" disables (127.0.0.1:8090)
  METERING_TLS_CERT, METERING_TLS_KEY  TLS certificate and key (PEM) of the gRPC and HTTP APIs; plaintext when unset
  METERING_ALLOW_PLAINTEXT true lets the gRPC and HTTP APIs without TLS bind a non-loopback address;
                       warned about at every start (false)
  Every API call needs an access token the registry issued (authorization: Bearer, or the dashboard's
  sign-in cookie); the token keys and revocations come from the registry over NATS.
  NATS_URL             NATS servers, comma separated (nats://127.0.0.1:4222)
  GRPC_KEEPALIVE_TIME_MS, GRPC_KEEPALIVE_TIMEOUT_MS, GRPC_KEEPALIVE_PERMIT_WITHOUT_CALLS, GRPC_MAX_CONNECTION_AGE_MS,
  GRPC_MAX_CONNECTION_AGE_GRACE_MS  gRPC keepalive and connection age (see @ndxp/runtime)
  grpc.health.v1.Health and server reflection answer without a token
  LOG_LEVEL, NDXP_INSTANCE_ID, OTEL_* (tracing: see @ndxp/runtime), NATS_USER, NATS_PASSWORD, NATS_CREDS
`;

handleHelp(process.argv, HELP);
runService('metering', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'metering', level: config.logLevel, instanceId: config.instanceId });
  warnInsecureListeners(logger, config.insecureListeners);
  const telemetry = startTelemetry({ service: 'ndxp-metering' });
  const store = await openLedgerStore(config.store);
  if (store.upgrade) logger.info({ ...store.upgrade }, 'ledger upgraded');
  const nc = await connectNats(config, config.instanceId, logger);
  const ops = await startServiceOps(config, 'metering', nc, logger);
  const metering = await startMetering({
    nc,
    streamReplicas: config.streamReplicas,
    store,
    logger,
    grpcAddr: config.grpcAddr,
    grpcServer: config.grpcServer,
    httpAddr: config.httpAddr,
    batchSize: config.batchSize,
    tls: config.tls ? readTlsFiles(config.tls, 'METERING') : undefined,
    reconcileMs: config.reconcileMs,
    reconcileWindowMs: config.reconcileWindowMs,
    retentionDays: config.retentionDays,
    metricsRegistry: ops.metrics.registry,
  });
  ops.setReady(true);
  metering.grpcHealth?.follow(() => ops.readiness());
  const heads = startHeadExport({
    store,
    nc,
    instance: config.instanceId,
    logger,
    intervalMs: config.headExportMs,
    registry: ops.metrics.registry,
  });
  const retention = startRetention({ store, logger, days: config.retentionDays, intervalMs: config.retentionIntervalMs });
  logger.info(
    {
      grpcPort: metering.grpcPort,
      httpPort: metering.httpPort,
      tls: config.tls !== undefined,
      opsPort: ops.port,
      store: describeStore(config.store),
      batchSize: config.batchSize,
      retentionDays: config.retentionDays,
      reconcileMs: config.reconcileMs,
    },
    'ready',
  );
  return {
    logger,
    // Stopped in reverse: finish the batch in flight and the queries, drain NATS, close the ledger.
    stoppers: [
      () => ops.close(),
      () => telemetry.shutdown(),
      () => store.close(),
      () => nc.drain(),
      () => heads.stop(),
      () => metering.stop(),
      () => retention.stop(),
    ],
  };
});
