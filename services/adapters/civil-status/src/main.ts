// Entry point: serves the civil-status system (hộ tịch) on NATS until SIGTERM/SIGINT.
import { connectNats, createLogger, handleHelp, runService, startTelemetry } from '@ndxp/runtime';
import { loadConfig, SERVICE_NAME } from './config';
import { startCivilStatusAdapter } from './index';

const HELP = `adapter-civil-status: the mesh's adapter of the civil-status system (hộ tịch, Bộ Tư pháp)

Serves ndxp.svc.BO-BTP-HOTICH.GetCivilStatusRecord (queue group ndxp-adapter-BO-BTP-HOTICH, NATS
service "adapter-civil-status" for $SRV discovery) by calling the national SOAP web service
POST {CS_UPSTREAM_URL}/hotich/ws.

Environment:
  CS_UPSTREAM_URL          base URL of the national system (default http://127.0.0.1:8082)
  CS_UPSTREAM_TIMEOUT_MS   cap of one upstream attempt; the time left bounds it first (default 30000)
  CS_UPSTREAM_RETRIES      extra attempts after a 5xx or unreachable upstream, within the deadline (default 2)
  CS_DEFAULT_TIMEOUT_MS    deadline of requests that carry none (default 10000)
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
  const adapter = await startCivilStatusAdapter({ config, nc, logger, tracer: telemetry.tracer });
  logger.info({ upstreamUrl: config.upstreamUrl, id: adapter.id, healthPort: adapter.healthPort }, 'ready');
  // Stopped in reverse: the adapter drains first, then the connection, then telemetry flushes.
  return { logger, stoppers: [() => telemetry.shutdown(), () => nc.drain(), () => adapter.stop()] };
});
