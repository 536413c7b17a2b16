// Entry of the registry service.
import type { NatsConnection } from '@nats-io/nats-core';
import { loadTrust, type Trust } from '@ndxp/broker-auth';
import {
  ConfigError,
  connectNats,
  createLogger,
  handleHelp,
  readTlsFiles,
  runService,
  startServiceOps,
  startTelemetry,
  warnInsecureListeners,
} from '@ndxp/runtime';
import { describeStore, openRegistryStore } from '@ndxp/store';
import { loadConfig } from './config';
import { startRegistry } from './registry';
import { TokenSigner } from './token-signer';
import { seedRegistry } from './seeder';

const HELP = `ndxp registry: members, subsystems, services, access grants, limits and credentials

Usage: node services/registry/dist/main.js

Environment:
  OPS_ADDR            /healthz, /readyz and /metrics (127.0.0.1:0 = a free port; off)
  NATS_STREAM_REPLICAS replicas of the events stream if the registry creates it (1)
  MONGODB_URL         MongoDB replica set URL; when set the registry lives there, else in REGISTRY_DB (unset)
  MONGODB_DB          MongoDB database name (ndxp)
  REGISTRY_DB         SQLite file when MONGODB_URL is not set, relative to the working directory (.ndxp/data/registry.sqlite)
  REGISTRY_SEED_DIR   seed JSON folder loaded into an empty store (the package's seed/)
  REGISTRY_GRPC_ADDR  gRPC admin API host:port, port 0 picks one, "off" disables (127.0.0.1:50051)
  REGISTRY_TLS_CERT, REGISTRY_TLS_KEY  the gRPC admin API's TLS certificate and key (PEM); plaintext when unset
  REGISTRY_ALLOW_PLAINTEXT   true lets the gRPC admin API without TLS bind a non-loopback address;
                              warned about at every start (false)
  REGISTRY_TOKEN_KEY          P-256 private JWK access tokens are signed with; made (mode 0600) when missing
                              (token-key.jwk beside REGISTRY_DB)
  REGISTRY_TOKEN_TTL_S        lifetime of an access token issued without one, seconds (3600)
  REGISTRY_TOKEN_MAX_TTL_S    the longest lifetime a token may be issued with, seconds (86400)
  REGISTRY_AUTH_TRUST         the broker's trust.json (@ndxp/broker-auth); with the next, NATS credentials
                              are issued and revoked here (unset: only gateway tokens)
  REGISTRY_AUTH_SYSTEM_CREDS  .creds of a system-account user, to push account (revocation) updates (unset)
  NATS_URL            NATS servers, comma separated (nats://127.0.0.1:4222)
  GRPC_KEEPALIVE_TIME_MS, GRPC_KEEPALIVE_TIMEOUT_MS, GRPC_KEEPALIVE_PERMIT_WITHOUT_CALLS, GRPC_MAX_CONNECTION_AGE_MS,
  GRPC_MAX_CONNECTION_AGE_GRACE_MS  gRPC keepalive and connection age (see @ndxp/runtime)
  grpc.health.v1.Health and server reflection answer without a token
  LOG_LEVEL, NDXP_INSTANCE_ID, OTEL_* (tracing: see @ndxp/runtime), NATS_USER, NATS_PASSWORD, NATS_CREDS
`;

handleHelp(process.argv, HELP);
runService('registry', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'registry', level: config.logLevel, instanceId: config.instanceId });
  warnInsecureListeners(logger, config.insecureListeners);
  const telemetry = startTelemetry({ service: 'ndxp-registry' });
  const store = await openRegistryStore(config.store);
  const seed = await seedRegistry(store, config.seedDir);
  logger.info(
    { store: describeStore(config.store), seedDir: config.seedDir, ...seed },
    seed.seeded ? 'registry seeded' : 'registry store opened',
  );
  let trust: Trust | undefined;
  try {
    trust = config.auth ? loadTrust(config.auth.trustPath) : undefined;
  } catch (err) {
    throw new ConfigError(`REGISTRY_AUTH_TRUST: cannot read the trust chain: ${(err as Error).message}`);
  }
  const tls = config.tls ? readTlsFiles(config.tls, 'REGISTRY') : undefined;
  const { signer, created } = await TokenSigner.open(config.tokenKeyPath);
  logger.info(
    { tokenKey: config.tokenKeyPath, kid: signer.publicKey.kid, created },
    created ? 'access-token key made' : 'access-token key loaded',
  );
  const nc = await connectNats(config, config.instanceId, logger);
  let systemConnection: NatsConnection | undefined;
  if (config.auth) {
    const system = { ...config, natsUser: undefined, natsPassword: undefined, natsCreds: config.auth.systemCredsPath };
    systemConnection = await connectNats(system, `${config.instanceId}-claims`, logger);
  }
  const auth = trust && systemConnection ? { trust, systemConnection } : undefined;
  const ops = await startServiceOps(config, 'registry', nc, logger);
  const registry = await startRegistry({
    nc,
    store,
    logger,
    grpcAddr: config.grpcAddr,
    grpcServer: config.grpcServer,
    auth,
    streamReplicas: config.streamReplicas,
    signer,
    lifetimes: config.tokenLifetimes,
    tls,
  });
  ops.setReady(true);
  registry.grpcHealth?.follow(() => ops.readiness());
  logger.info(
    { grpcPort: registry.grpcPort ?? null, grpcTls: tls !== undefined, opsPort: ops.port ?? null, revision: await store.revision() },
    'ready',
  );
  return {
    logger,
    stoppers: [
      () => ops.close(),
      () => telemetry.shutdown(),
      () => store.close(),
      () => nc.drain(),
      async () => systemConnection?.drain(),
      () => registry.stop(),
    ],
  };
});
