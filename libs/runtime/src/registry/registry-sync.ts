// Keeping a RegistryReplica current over NATS: change events as they come, the snapshot at start
// (retried with back-off until the registry answers), again on a revision gap and periodically
// in case the last events were lost. One snapshot request at a time.
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { RegistryChange, subjects } from '@ndxp/contracts';
import type { Logger } from '../logger';
import type { RegistryReplica } from './registry-replica';
import { fetchRegistrySnapshot, type SnapshotRequester } from './registry-snapshot';

/** How a replica follows the registry. */
export interface RegistrySyncOptions {
  /** Period of the full re-sync from a snapshot, ms. */
  resyncMs: number;
  /** Where Snapshot requests go (default: the connection itself). */
  requester?: SnapshotRequester;
  /** Wait for each Snapshot answer, ms (default 2000). */
  timeoutMs?: number;
  /** Back-off between first attempts: from `firstMs`, doubling up to `maxMs` (default 100 and 2000). */
  retry?: { firstMs: number; maxMs: number };
}

/** Default wait for a Snapshot answer and the first load's back-off. */
export const REGISTRY_SYNC_DEFAULTS = { timeoutMs: 2_000, retry: { firstMs: 100, maxMs: 2_000 } } as const;

/** A replica kept in sync until stopped. */
export interface RegistrySync {
  /** Resolves once the first snapshot is loaded (or the sync is stopped before). */
  loaded: Promise<void>;
  /** Loads a fresh snapshot now; joins the request in flight if there is one. */
  resync(): Promise<void>;
  /** Stops the events, the periodic re-sync and the first load's retries. */
  stop(): void;
}

/** Subscribes to change events first, then loads snapshots until one arrives, then re-syncs. */
export function syncRegistry(nc: NatsConnection, replica: RegistryReplica, logger: Logger, options: RegistrySyncOptions): RegistrySync {
  const requester = options.requester ?? nc;
  const timeoutMs = options.timeoutMs ?? REGISTRY_SYNC_DEFAULTS.timeoutMs;
  const retry = options.retry ?? REGISTRY_SYNC_DEFAULTS.retry;
  let stopped = false;
  let fetching: Promise<void> | undefined;
  const resync = (): Promise<void> =>
    (fetching ??= (async () => {
      try {
        const snapshot = await fetchRegistrySnapshot(requester, timeoutMs);
        const before = replica.revision;
        replica.load(snapshot);
        if (replica.revision !== before) logger.info(replica.describe(), 'registry snapshot loaded');
      } finally {
        fetching = undefined;
      }
    })());
  const resyncLogged = (): void => {
    resync().catch((e: unknown) => logger.warn({ err: reason(e) }, 'registry re-sync failed'));
  };

  const sub: Subscription = nc.subscribe(subjects.registryEvents, {
    callback: (err, msg) => {
      if (err) return;
      try {
        const change = RegistryChange.decode(msg.data);
        if (!replica.apply(change) && replica.ready) {
          logger.info({ held: replica.revision, got: change.revision }, 'registry revision gap, re-syncing');
          resyncLogged();
        }
      } catch (e) {
        logger.warn({ err: reason(e) }, 'undecodable registry change ignored');
      }
    },
  });

  const loaded = (async () => {
    let delay = retry.firstMs;
    while (!stopped && !replica.ready) {
      try {
        await resync();
      } catch (e) {
        logger.warn({ err: reason(e) }, 'registry not reachable yet, retrying');
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, retry.maxMs);
      }
    }
  })();

  const timer = setInterval(resyncLogged, options.resyncMs);
  timer.unref();

  return {
    loaded,
    resync,
    stop: () => {
      stopped = true;
      clearInterval(timer);
      sub.unsubscribe();
    },
  };
}

/** The error's message and, for a request that got no answer, why (timeout, no responders). */
function reason(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  return e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message;
}
