// Entry point: serves the national systems over gRPC and HTTP/JSON to LGSPs not on NATS until SIGTERM/SIGINT.
import { connectNats, createLogger, handleHelp, runService, startServiceOps, startTelemetry, warnInsecureListeners } from '@ndxp/runtime';
import { loadConfig, SERVICE_NAME } from './config';
import { startGateway } from './gateway';
import { startNatsPresence } from './nats-presence';

const HELP = `ndxp gateway: gRPC and HTTP/JSON for LGSPs not on NATS (authenticate, then the NATS data path)

Serves every national service in @ndxp/contracts over gRPC (e.g.
ndxp.businessregistration.v1.BusinessRegistration/GetEnterprise) and over HTTP/JSON (POST
/BO-BKHDT-DKDN/v1/GetEnterprise, and aliases such as /apiCSDLDKDN/1.0/chiTietDoanhNghiep; proto3
JSON bodies; OAuth2 client credentials at POST /token; errors as application/problem+json). A gRPC
call is authenticated by a client certificate (CN = subsystem token, TLS only) or "authorization:
Bearer <token>" (a registry-issued gateway token); an HTTP call by "Authorization: Bearer" with an
access token from /token (or a gateway token). Then it is published on
ndxp.req.<consumer>.<provider>.<service>: routing's grants, limits, replays and metering apply.

Usage: node services/gateway/dist/main.js

Environment:
  OPS_ADDR                     /healthz, /readyz and /metrics (127.0.0.1:0 = a free port; off)
  GATEWAY_GRPC_ADDR            host:port of the gRPC server (127.0.0.1:50070; port 0 picks one)
  GATEWAY_HTTP_ADDR            host:port of the HTTP/JSON edge (127.0.0.1:50080; port 0 picks one; off)
  GATEWAY_TOKEN_KEY            JWK file the edge signs OAuth2 access tokens with (made there, mode 0600,
                               when absent; every replica needs the same file); unset: a key in memory
  GATEWAY_TOKEN_TTL_S          lifetime of an access token from POST /token, 30..3600 (300)
  GATEWAY_TLS_CERT             PEM certificate of the gateway (TLS needs all three; unset: plaintext,
  GATEWAY_TLS_KEY              PEM private key of the gateway   loopback only: production must set TLS)
  GATEWAY_TLS_CA               PEM CA that signs LGSP client certificates
  GATEWAY_ALLOW_PLAINTEXT      allow plaintext on a non-loopback address (false; closed demo networks only)
  GATEWAY_DEFAULT_TIMEOUT_MS   deadline of calls without a gRPC deadline (5000)
  GATEWAY_MAX_TIMEOUT_MS       longest deadline passed on, whatever the call asks (60000)
  GATEWAY_REPLY_GRACE_MS       extra wait after the deadline for routing's own answer (2000)
  GATEWAY_REGISTRY_RESYNC_MS   full registry re-sync period (30000)
  GRPC_KEEPALIVE_TIME_MS (60000), GRPC_KEEPALIVE_TIMEOUT_MS (20000), GRPC_KEEPALIVE_PERMIT_WITHOUT_CALLS (true),
  GRPC_MAX_CONNECTION_AGE_MS (1800000; 0 = none), GRPC_MAX_CONNECTION_AGE_GRACE_MS (65000): gRPC connections
  grpc.health.v1.Health and server reflection answer without authentication
  NATS_URL (nats://127.0.0.1:4222), NATS_USER, NATS_PASSWORD, NATS_CREDS (role gateway), LOG_LEVEL (info),
  OTEL_* (tracing: see @ndxp/runtime), NDXP_INSTANCE_ID
`;

handleHelp(process.argv, HELP);
runService(SERVICE_NAME, async () => {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: SERVICE_NAME, level: config.common.logLevel, instanceId: config.common.instanceId });
  warnInsecureListeners(logger, config.insecureListeners);
  const telemetry = startTelemetry({ service: 'ndxp-gateway' });
  const nc = await connectNats(config.common, config.common.instanceId, logger);
  const ops = await startServiceOps(config.common, 'gateway', nc, logger);
  const gateway = await startGateway({ nc, logger, tracer: telemetry.tracer, config, metrics: ops.metrics });
  const presence = await startNatsPresence(nc, logger, { instanceId: config.common.instanceId, grpcPort: gateway.port });
  ops.setReady(true);
  gateway.health.follow(() => ops.readiness());
  logger.info(
    {
      grpcPort: gateway.port,
      httpPort: gateway.httpPort,
      opsPort: ops.port,
      tls: config.tls !== undefined,
      services: gateway.services,
      registryRevision: gateway.registry.revision,
    },
    'ready',
  );
  // Stopped in reverse: the gRPC server drains first, then the connection, then telemetry flushes.
  return {
    logger,
    stoppers: [() => ops.close(), () => telemetry.shutdown(), () => nc.drain(), () => gateway.stop(), () => presence.stop()],
  };
});
