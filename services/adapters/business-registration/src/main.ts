// Entry point: serves GetEnterprise of the Business Registration Database on NATS until SIGTERM/SIGINT.
import { connectNats, createLogger, handleHelp, runService, startTelemetry } from '@ndxp/runtime';
import { loadConfig, SERVICE_NAME } from './config';
import { startBusinessRegistrationAdapter } from './index';

const HELP = `adapter-business-registration: the mesh's adapter of the National Business Registration Database

Serves ndxp.svc.BO-BKHDT-DKDN.GetEnterprise (queue group ndxp-adapter-BO-BKHDT-DKDN, NATS service
"adapter-business-registration" for $SRV discovery).

Environment:
  BR_UPSTREAM              http | memory (default http; memory answers from the simulator's dataset
                           in-process, for benchmarks and demos without the national system)
  BR_UPSTREAM_URL          base URL of the national system (default http://127.0.0.1:8081)
  BR_UPSTREAM_TIMEOUT_MS   cap of one upstream attempt; the time left bounds it first (default 30000)
  BR_UPSTREAM_RETRIES      extra attempts after 5xx, unreachable or attempt timeout (default 2)
  BR_BREAKER_FAILURES      consecutive upstream failures that open the circuit (default 5)
  BR_BREAKER_RESET_MS      how long the circuit stays open before a trial call (default 5000)
  BR_DEFAULT_TIMEOUT_MS    deadline of requests that carry none (default 10000)
  SIM_SEED, SIM_SIZE       dataset of the memory upstream (defaults ndxp-2021, 50000)
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
  const adapter = await startBusinessRegistrationAdapter({ config, nc, logger, tracer: telemetry.tracer });
  logger.info(
    {
      upstream: config.upstream,
      upstreamUrl: config.upstream === 'http' ? config.upstreamUrl : undefined,
      id: adapter.id,
      healthPort: adapter.healthPort,
    },
    'ready',
  );
  // Stopped in reverse: the adapter drains first, then the connection, then telemetry flushes.
  return { logger, stoppers: [() => telemetry.shutdown(), () => nc.drain(), () => adapter.stop()] };
});
