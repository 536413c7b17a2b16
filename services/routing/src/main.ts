// Entry of the routing service.
import { connectNats, createLogger, handleHelp, runService, startServiceOps, startTelemetry } from '@ndxp/runtime';
import { loadConfig } from './config';
import { startRouting } from './routing';

const HELP = `ndxp routing: the data path (authorize, route, meter)

Usage: node services/routing/dist/main.js

Environment:
  NATS_URL                     NATS servers, comma separated (nats://127.0.0.1:4222)
  ROUTING_DEFAULT_TIMEOUT_MS   deadline for requests that carry none (5000)
  ROUTING_MAX_TIMEOUT_MS       longest wait for an adapter whatever the deadline (60000)
  ROUTING_METER_TIMEOUT_MS     longest wait for JetStream to accept a metering event (5000)
  ROUTING_REGISTRY_RESYNC_MS   full registry re-sync period (30000)
  ROUTING_MAX_REQUEST_BYTES    largest request, headers plus payload, before client.too_large (262144);
                               at start-up it must be at least 4096 below the broker's max_payload
  ROUTING_METER_MAX_BATCH      most metering events per JetStream message (256); 1 sends each alone
                               with the request id as its JetStream message id
  ROUTING_SHARED_LIMITS        hold rate limits and daily quotas across every routing replica (true):
                               the rate shared by the replicas alive, quotas counted once in the
                               JetStream key-value bucket ndxp_limits; false: each replica on its own
  ROUTING_QUOTA_UNREACHABLE    closed (default: server.unavailable) or open (admit) when ndxp_limits
                               cannot be reached
  ROUTING_LIMITS_TIMEOUT_MS    longest one operation on ndxp_limits may take (1000)
  ROUTING_REPLAY_WINDOW_MS     how long a request id's answer is remembered for replays (600000; 0 off)
  ROUTING_REPLAY_CACHE_ENTRIES most request ids remembered, LRU (100000; 0 off)
  ROUTING_REPLAY_CACHE_BYTES   most bytes of remembered answers (67108864)
  ROUTING_REPLAY_SHARED        share replay memory with the other replicas in the JetStream key-value
                               bucket ndxp_replay (true): a replay is answered by any replica
  ROUTING_REPLAY_SHARED_TIMEOUT_MS  longest wait for that bucket before serving a request as new (1000;
                               at most half the request's budget)
  ROUTING_STRICT_REPLY         answer only on the consumer's own inbox _INBOX.<consumer>. or a trusted
                               prefix (true); false: any _INBOX. reply. Others are dropped unmetered
  ROUTING_TRUSTED_REPLY_PREFIXES  reply prefixes that may carry any consumer's requests (_INBOX.gateway.)
  OPS_ADDR                     /healthz, /readyz and /metrics (127.0.0.1:0 = a free port; off)
  NATS_STREAM_REPLICAS         replicas of the metering stream when routing creates it (1)
  NATS_TLS_CA, NATS_TLS_CERT, NATS_TLS_KEY, NATS_INBOX_PREFIX
  LOG_LEVEL, NDXP_INSTANCE_ID, OTEL_* (tracing: see @ndxp/runtime), NATS_USER, NATS_PASSWORD, NATS_CREDS
`;

handleHelp(process.argv, HELP);
runService('routing', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'routing', level: config.logLevel, instanceId: config.instanceId });
  const telemetry = startTelemetry({ service: 'ndxp-routing' });
  const nc = await connectNats(config, config.instanceId, logger);
  const ops = await startServiceOps(config, 'routing', nc, logger);
  const routing = await startRouting({ nc, logger, tracer: telemetry.tracer, config, metrics: ops.metrics });
  ops.setReady(true);
  logger.info({ registryRevision: routing.view.revision, id: routing.id, maxRequestBytes: config.maxRequestBytes }, 'ready');
  return {
    logger,
    stoppers: [() => ops.close(), () => telemetry.shutdown(), () => nc.drain(), () => routing.stop()],
  };
});
