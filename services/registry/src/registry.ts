// Starts the registry API on a NATS connection and (optionally) a gRPC port, over one store.
import type { NatsConnection } from '@nats-io/nats-core';
import { RegistryChange, RegistryDefinition, RegistryService, subjects } from '@ndxp/contracts';
import { methodTable, serveGrpcApi, serveNatsApi, type GrpcApi, type Logger } from '@ndxp/runtime';
import type { Trust } from '@ndxp/broker-auth';
import type { RegistryStore } from '@ndxp/store';
import { revocationsOf } from './access-handlers';
import { brokerAuthority, keepRevocationsPushed, type BrokerAuthority } from './broker-authority';
import { createHandlers } from './handlers';

/** Queue group every registry replica joins. */
export const REGISTRY_QUEUE = 'ndxp-registry';

/** What startRegistry needs. */
export interface RegistryOptions {
  nc: NatsConnection;
  store: RegistryStore;
  logger: Logger;
  /** host:port of the gRPC admin API (port 0 picks one); undefined disables it. */
  grpcAddr?: string | undefined;
  /**
   * The broker's trust chain and a connection as a system-account user: the registry then issues
   * NATS credentials and pushes revocations (once at start, again after each reconnect).
   */
  auth?: { trust: Trust; systemConnection: NatsConnection } | undefined;
  /** Replicas of the events stream if the registry creates it while onboarding an LGSP (default 1). */
  streamReplicas?: number;
}

/** A running registry. */
export interface RunningRegistry {
  /** Bound gRPC port, or undefined when gRPC is off. */
  grpcPort: number | undefined;
  /** Stops gRPC (letting calls finish) and drains the NATS subscriptions; the store stays open. */
  stop(): Promise<void>;
}

/** Serves the registry over NATS and gRPC; resolves once both are accepting requests. */
export async function startRegistry({ nc, store, logger, grpcAddr, auth, streamReplicas }: RegistryOptions): Promise<RunningRegistry> {
  let authority: BrokerAuthority | undefined;
  if (auth) {
    authority = brokerAuthority(auth.trust, auth.systemConnection, nc, streamReplicas ?? 1);
    await keepRevocationsPushed(authority, auth.systemConnection, async () => revocationsOf(await store.listCredentials()), logger);
  }
  const handlers = createHandlers({
    store,
    authority,
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
  const methods = methodTable(RegistryDefinition, handlers);
  const nats = await serveNatsApi(nc, methods, { subject: subjects.registry, queue: REGISTRY_QUEUE, logger });
  let grpc: GrpcApi | undefined;
  try {
    grpc = grpcAddr === undefined ? undefined : await serveGrpcApi(grpcAddr, RegistryService, methods, logger);
  } catch (err) {
    await nats.stop();
    throw err;
  }
  return {
    grpcPort: grpc?.port,
    stop: async () => {
      await grpc?.stop();
      await nats.stop();
    },
  };
}
