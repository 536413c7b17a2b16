// Entry point: serves Vietnam Post's public-service system on NATS and relays order changes, until SIGTERM/SIGINT.
import { connectNats, createLogger, handleHelp, runService, startTelemetry } from '@ndxp/runtime';
import { loadConfig, SERVICE_NAME } from './config';
import { startVnpostAdapter } from './index';

const HELP = `adapter-vnpost: the mesh's adapter of Vietnam Post's public-service postal system (bưu chính công ích)

Serves ndxp.svc.DN-VNPOST-BCCI.{CreateOrder,CancelOrder,TrackOrder,QuotePostage} (queue group
ndxp-adapter-DN-VNPOST-BCCI, NATS service "adapter-vnpost" for $SRV discovery), and polls the national
system's change feed, publishing each change as OrderStatusChanged to JetStream subject
ndxp.evt.<consumer>.DN-VNPOST-BCCI.OrderStatusChanged of the LGSP that created the order.

Environment:
  VNPOST_UPSTREAM_URL         base URL of the national system (default http://127.0.0.1:8084)
  VNPOST_UPSTREAM_TIMEOUT_MS  cap of one upstream call; the time left bounds it first (default 30000)
  VNPOST_DEFAULT_TIMEOUT_MS   deadline of requests that carry none (default 10000)
  VNPOST_POLL_MS              pause between polls of the change feed (default 1000)
  VNPOST_POLL_BATCH           changes asked for per poll (default 100)
  VNPOST_CURSOR_BUCKET        JetStream KV bucket of the feed cursor (default ndxp_vnpost_feed)
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
  const adapter = await startVnpostAdapter({ config, nc, logger, tracer: telemetry.tracer });
  logger.info({ upstreamUrl: config.upstreamUrl, pollMs: config.pollMs, id: adapter.id }, 'ready');
  // Stopped in reverse: the adapter and relay drain first, then the connection, then telemetry flushes.
  return { logger, stoppers: [() => telemetry.shutdown(), () => nc.drain(), () => adapter.stop()] };
});
