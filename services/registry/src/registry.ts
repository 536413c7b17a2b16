// Starts the registry API on a NATS connection and (optionally) a gRPC port, over one store.
import type { NatsConnection } from '@nats-io/nats-core';
import { MeshError, RegistryChange, RegistryDefinition, RegistryService, subjects } from '@ndxp/contracts';
import {
  grpcServerCredentials,
  methodTable,
  NATS_OPS_CALLER,
  readPackageVersion,
  serveGrpcApi,
  serveNatsApi,
  TokenVerifier,
  type ApiAccess,
  type GrpcApi,
  type Logger,
  type TlsMaterial,
  type GrpcHealth,
  type GrpcServerSettings,
} from '@ndxp/runtime';
import type { Trust } from '@ndxp/broker-auth';
import type { RegistryStore } from '@ndxp/store';
import { revocationsOf } from './access-handlers';
import { brokerAuthority, keepRevocationsPushed, type BrokerAuthority } from './broker-authority';
import { AuditTrail } from './audit-trail';
import { createHandlers, type RegistryMethod } from './handlers';
import { REGISTRY_ACCESS } from './registry-access';
import type { TokenLifetimes } from './token-handlers';
import type { TokenSigner } from './token-signer';

/** Queue group every registry replica joins. */
export const REGISTRY_QUEUE = 'ndxp-registry';
/** Name the registry registers under in NATS service discovery ($SRV.PING.ndxp-registry), one endpoint per method. */
export const REGISTRY_SERVICE_NAME = 'ndxp-registry';

/** What startRegistry needs. */
export interface RegistryOptions {
  nc: NatsConnection;
  store: RegistryStore;
  logger: Logger;
  /** host:port of the gRPC admin API (port 0 picks one); undefined disables it. */
  grpcAddr?: string | undefined;
  /** Keepalive and maximum connection age of the gRPC server (default GRPC_SERVER_DEFAULTS). */
  grpcServer?: GrpcServerSettings;
  /**
   * The broker's trust chain and a connection as a system-account user: the registry then issues
   * NATS credentials and pushes revocations (once at start, again after each reconnect).
   */
  auth?: { trust: Trust; systemConnection: NatsConnection } | undefined;
  /** Replicas of the events stream if the registry creates it while onboarding an LGSP (default 1). */
  streamReplicas?: number;
  /** Signs access tokens. */
  signer: TokenSigner;
  /** Token lifetimes in seconds (default 1 hour, at most 24 hours). */
  lifetimes?: TokenLifetimes;
  /** The gRPC API's certificate and key; plaintext without them. */
  tls?: TlsMaterial | undefined;
}

/** A running registry. */
export interface RunningRegistry {
  /** Bound gRPC port, or undefined when gRPC is off. */
  grpcPort: number | undefined;
  /** grpc.health.v1 status of the gRPC server (undefined when gRPC is off). */
  grpcHealth: GrpcHealth | undefined;
  /** Stops gRPC (letting calls finish) and drains the NATS subscriptions; the store stays open. */
  stop(): Promise<void>;
}

/** Serves the registry over NATS and gRPC; resolves once both are accepting requests. */
export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const { nc, store, logger, grpcAddr, auth, streamReplicas, signer } = options;
  let authority: BrokerAuthority | undefined;
  if (auth) {
    authority = brokerAuthority(auth.trust, auth.systemConnection, nc, streamReplicas ?? 1);
    await keepRevocationsPushed(authority, auth.systemConnection, async () => revocationsOf(await store.listCredentials()), logger);
  }
  const trail = new AuditTrail(store, logger);
  const handlers = createHandlers({
    store,
    authority,
    signer,
    ...(options.lifetimes ? { lifetimes: options.lifetimes } : {}),
    publish: (change) => {
      // The change is stored already; a lost event is repaired by routing's periodic re-sync.
      try {
        nc.publish(subjects.registryEvents, RegistryChange.encode(change).finish());
        logger.info({ revision: change.revision, change: change.change?.$case }, 'registry changed');
      } catch (err) {
        logger.warn({ err, revision: change.revision }, 'cannot publish registry change');
      }
    },
  });
  const names = Object.fromEntries(Object.entries(RegistryDefinition.methods).map(([k, m]) => [k, m.name])) as Record<
    RegistryMethod,
    string
  >;
  const methods = methodTable(RegistryDefinition, trail.wrap(handlers, names));
  const nats = await serveNatsApi(nc, methods, {
    subject: subjects.registry,
    queue: REGISTRY_QUEUE,
    logger,
    caller: NATS_OPS_CALLER,
    discovery: {
      name: REGISTRY_SERVICE_NAME,
      version: readPackageVersion(__dirname),
      description: 'NDXP registry: consumers, providers, grants, credentials, access tokens',
    },
  });
  let grpc: GrpcApi | undefined;
  try {
    const access = await registryAccess(options, trail);
    grpc =
      grpcAddr === undefined
        ? undefined
        : await serveGrpcApi(grpcAddr, RegistryService, methods, logger, {
            access,
            credentials: grpcServerCredentials(options.tls),
            ...(options.grpcServer ? { settings: options.grpcServer } : {}),
          });
  } catch (err) {
    await nats.stop();
    throw err;
  }
  return {
    grpcPort: grpc?.port,
    grpcHealth: grpc?.health,
    stop: async () => {
      await grpc?.stop();
      await nats.stop();
    },
  };
}

/**
 * Checks callers of the gRPC API: a token this registry signed, whose record is in the store and
 * not revoked (read per call, so a revocation on any replica holds at once on every replica).
 */
async function registryAccess({ store, signer }: RegistryOptions, trail: AuditTrail): Promise<ApiAccess> {
  const verifier = new TokenVerifier();
  await verifier.setKeys([signer.publicKey]);
  return {
    rules: REGISTRY_ACCESS,
    authenticate: async (token, peer, via) => {
      if (token === undefined)
        throw new MeshError('client.unauthenticated', 'no access token: send metadata "authorization: Bearer <token>"');
      const v = await verifier.verify(token);
      const record = await store.getAccessToken(v.keyId);
      if (!record) throw new MeshError('client.unauthenticated', 'the token is not one this registry issued');
      if (record.revokedAtMs !== 0) throw new MeshError('client.unauthenticated', 'the token has been revoked');
      return { identity: v.identity, roles: v.roles, via, peer, keyId: v.keyId, expiresAtMs: v.expiresAtMs };
    },
    onRefused: (r) => trail.refused(r),
  };
}
