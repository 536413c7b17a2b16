// Keeping a TokenVerifier current from the registry: the snapshot at start (retried until the
// registry answers), each access_token_revoked change event as it comes, and a full re-read now
// and then in case an event was lost.
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { RegistryChange, subjects, type RegistrySnapshot } from '@ndxp/contracts';
import type { Logger } from 'pino';
import { TokenVerifier } from './token-verifier';

/** A verifier that follows the registry until stopped. */
export interface FollowedVerifier {
  verifier: TokenVerifier;
  stop(): Promise<void>;
}

/** Starts following; resolves at once (calls are answered server.unavailable until the first snapshot). */
export function followTokenKeys(
  nc: NatsConnection,
  snapshot: () => Promise<RegistrySnapshot>,
  logger: Logger,
  options: { resyncMs?: number; retryMs?: number } = {},
): FollowedVerifier {
  const verifier = new TokenVerifier();
  const resyncMs = options.resyncMs ?? 60_000;
  const retryMs = options.retryMs ?? 2_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const load = async (): Promise<void> => {
    try {
      const snap = await snapshot();
      await verifier.setKeys(snap.tokenKeys);
      verifier.setRevoked(snap.revokedAccessTokens);
      schedule(resyncMs);
    } catch (err) {
      logger.warn({ err }, "cannot read the registry's token keys; retrying");
      schedule(retryMs);
    }
  };
  const schedule = (ms: number): void => {
    if (stopped) return;
    timer = setTimeout(() => void load(), ms);
    timer.unref();
  };
  const sub: Subscription = nc.subscribe(subjects.registryEvents, {
    callback: (err, msg) => {
      if (err) return;
      try {
        const change = RegistryChange.decode(msg.data).change;
        if (change?.$case === 'accessTokenRevoked') verifier.revoke(change.value);
      } catch (e) {
        logger.warn({ err: e }, 'undecodable registry change');
      }
    },
  });
  void load();
  return {
    verifier,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      if (!sub.isClosed()) await sub.drain().catch(() => undefined);
    },
  };
}
