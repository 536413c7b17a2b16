// Entry point: serves the budget-unit code system (mã số ĐVQHNS) on NATS until SIGTERM/SIGINT.
import { connectNats, createLogger, handleHelp, runService, startTelemetry } from '@ndxp/runtime';
import { loadConfig, SERVICE_NAME } from './config';
import { startBudgetUnitsAdapter } from './index';

const HELP = `adapter-budget-units: the mesh's adapter of the budget-unit code system (mã số ĐVQHNS, Bộ Tài chính)

Serves ndxp.svc.BO-BTC-MSNS.GetBudgetUnit and ndxp.svc.BO-BTC-MSNS.SearchBudgetUnits (queue group
ndxp-adapter-BO-BTC-MSNS, NATS service "adapter-budget-units" for $SRV discovery).

Environment:
  BU_UPSTREAM_URL          base URL of the national system (default http://127.0.0.1:8083)
  BU_UPSTREAM_TIMEOUT_MS   cap of one upstream attempt; the time left bounds it first (default 30000)
  BU_UPSTREAM_RETRIES      extra attempts after a 5xx or unreachable upstream, within the deadline (default 2)
  BU_BREAKER_FAILURES      consecutive upstream failures that open the circuit (default 5)
  BU_BREAKER_RESET_MS      how long the open circuit refuses calls before a trial (default 5000)
  BU_DEFAULT_TIMEOUT_MS    deadline of requests that carry none (default 10000)
  OPS_ADDR                    host:port of /healthz, /readyz and /metrics (default 127.0.0.1:0, a free
                              port, logged as healthPort; off disables them; HEALTH_ADDR is its older name)
  NATS_STREAM_REPLICAS        replicas of a stream the adapter creates (default 1)
  NATS_TLS_CA, NATS_TLS_CERT, NATS_TLS_KEY, NATS_INBOX_PREFIX,
  NATS_URL (nats://127.0.0.1:4222), NATS_USER, NATS_PASSWORD, NATS_CREDS, LOG_LEVEL (info),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, NDXP_INSTANCE_ID`;

handleHelp(process.argv, HELP);

runService(SERVICE_NAME, async () => {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: SERVICE_NAME, level: config.common.logLevel, instanceId: config.common.instanceId });
  const telemetry = startTelemetry({ service: SERVICE_NAME, otlpTracesEndpoint: config.common.otlpTracesEndpoint });
  const nc = await connectNats(config.common, SERVICE_NAME, logger);
  const adapter = await startBudgetUnitsAdapter({ config, nc, logger, tracer: telemetry.tracer });
  logger.info({ upstreamUrl: config.upstreamUrl, id: adapter.id, healthPort: adapter.healthPort }, 'ready');
  // Stopped in reverse: the adapter drains first, then the connection, then telemetry flushes.
  return { logger, stoppers: [() => telemetry.shutdown(), () => nc.drain(), () => adapter.stop()] };
});
