// The registry's hold on the broker's trust chain: it signs LGSP user JWTs and pushes the NDXP
// account JWT carrying every revoked user key over a system-account connection.
import type { NatsConnection } from '@nats-io/nats-core';
import { accountJwt, ensureLgspEventsConsumer, permissionsFor, pushAccountJwt, userJwt, type Trust } from '@ndxp/broker-auth';
import { ensureEventsStream, type Logger } from '@ndxp/runtime';

/** What the credential handlers need from the broker's trust chain. */
export interface BrokerAuthority {
  /** Signs the user JWT of an LGSP (publish only ndxp.req.<consumer>.>, read only its own inbox). */
  signLgspUser(consumer: string, publicKey: string, expiresAtSec: number): Promise<string>;
  /** Pushes the account JWT revoking these user keys (public key → unix seconds); throws if refused. */
  pushRevocations(revocations: Record<string, number>): Promise<void>;
  /**
   * Onboards an LGSP's events: creates its durable consumer of its own order events (the LGSP may
   * only read it; it cannot create consumers). Idempotent.
   */
  onboardEvents(consumer: string): Promise<void>;
}

/** A BrokerAuthority from the trust chain and a NATS connection as a system-account user. */
export function brokerAuthority(trust: Trust, systemConnection: NatsConnection, nc: NatsConnection, streamReplicas = 1): BrokerAuthority {
  return {
    signLgspUser: (consumer, publicKey, expiresAtSec) =>
      userJwt(trust, consumer, publicKey, permissionsFor({ kind: 'lgsp', consumer }), expiresAtSec ? { expiresAtSec } : {}),
    pushRevocations: async (revocations) => pushAccountJwt(systemConnection, await accountJwt(trust, revocations)),
    onboardEvents: async (consumer) => {
      await ensureEventsStream(nc, { replicas: streamReplicas });
      await ensureLgspEventsConsumer(nc, consumer);
    },
  };
}

/**
 * Pushes `revocations()` now and again after every reconnect of the system connection, so a broker
 * restarted without its resolver folder gets every revocation back. Resolves after the first push.
 */
export async function keepRevocationsPushed(
  authority: BrokerAuthority,
  systemConnection: NatsConnection,
  revocations: () => Promise<Record<string, number>>,
  logger: Logger,
): Promise<void> {
  const push = async (): Promise<void> => {
    const revoked = await revocations();
    await authority.pushRevocations(revoked);
    logger.info({ revokedUsers: Object.keys(revoked).length }, 'account revocations pushed to the broker');
  };
  void (async () => {
    for await (const s of systemConnection.status()) {
      if (s.type === 'reconnect') await push().catch((err: unknown) => logger.error({ err }, 'cannot push account revocations'));
    }
  })().catch(() => undefined);
  await push();
}
