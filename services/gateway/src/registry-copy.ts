// The gateway's in-memory copy of what it needs from the registry (known subsystems, bearer-token
// credentials), loaded from a snapshot and kept current by change events, as routing's view is.
import { Header, RegistryChange, RegistrySnapshot, STATUS_OK, subjects } from '@ndxp/contracts';
import type { Logger, ReplyMux } from '@ndxp/runtime';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { CredentialBook } from './credential-book';

/** Subsystems and token credentials at one registry revision. */
export class RegistryCopy {
  readonly credentials = new CredentialBook();
  private subsystems = new Set<string>();
  private rev = -1;

  /** Revision held; -1 before the first snapshot. */
  get revision(): number {
    return this.rev;
  }

  get ready(): boolean {
    return this.rev >= 0;
  }

  /** True when `token` is a registered subsystem (the CN of a client certificate must be one). */
  hasSubsystem(token: string): boolean {
    return this.subsystems.has(token);
  }

  /** Replaces the copy with a snapshot (ignored when older than what is held). */
  load(snapshot: RegistrySnapshot): void {
    if (snapshot.revision < this.rev) return;
    this.subsystems = new Set(snapshot.subsystems.map((s) => s.token));
    this.credentials.load(snapshot.credentials);
    this.rev = snapshot.revision;
  }

  /** Applies one change; returns false when it does not follow the held revision (a gap). */
  apply(change: RegistryChange): boolean {
    if (change.revision <= this.rev) return true;
    if (change.revision !== this.rev + 1) return false;
    const c = change.change;
    switch (c?.$case) {
      case 'subsystemRegistered':
        this.subsystems.add(c.value.token);
        break;
      case 'credentialIssued':
        this.credentials.issued(c.value);
        break;
      case 'credentialRevoked':
        this.credentials.revoked(c.value);
        break;
      default:
        break;
    }
    this.rev = change.revision;
    return true;
  }
}

/** Keeps a RegistryCopy in sync over NATS until stopped. */
export interface RegistrySync {
  copy: RegistryCopy;
  /** Resolves once the first snapshot is loaded. */
  loaded: Promise<void>;
  stop(): void;
}

/**
 * Subscribes to change events first, then asks for snapshots until one arrives; a revision gap
 * and every `resyncMs` fetch a fresh snapshot. A revocation event applies as soon as it arrives.
 */
export function syncRegistry(nc: NatsConnection, requester: ReplyMux, logger: Logger, resyncMs: number): RegistrySync {
  const copy = new RegistryCopy();
  let stopped = false;
  let fetching: Promise<void> | undefined;
  const fetchSnapshot = (): Promise<void> =>
    (fetching ??= (async () => {
      try {
        const reply = await requester.request(subjects.registry('Snapshot'), new Uint8Array(0), undefined, 2_000);
        const status = reply.headers?.get(Header.Status);
        if (status !== STATUS_OK) throw new Error(`registry answered ${status ?? 'without a status'}`);
        const before = copy.revision;
        copy.load(RegistrySnapshot.decode(reply.data));
        if (copy.revision !== before) logger.info({ revision: copy.revision, tokens: copy.credentials.size }, 'registry snapshot loaded');
      } finally {
        fetching = undefined;
      }
    })());
  const resync = (): void => {
    fetchSnapshot().catch((e: unknown) => logger.warn({ err: (e as Error).message }, 'registry re-sync failed'));
  };

  const sub: Subscription = nc.subscribe(subjects.registryEvents, {
    callback: (err, msg) => {
      if (err) return;
      try {
        const change = RegistryChange.decode(msg.data);
        if (!copy.apply(change) && copy.ready) {
          logger.info({ held: copy.revision, got: change.revision }, 'registry revision gap, re-syncing');
          resync();
        }
      } catch (e) {
        logger.warn({ err: (e as Error).message }, 'undecodable registry change ignored');
      }
    },
  });

  const loaded = (async () => {
    let delay = 100;
    while (!stopped && !copy.ready) {
      try {
        await fetchSnapshot();
      } catch (e) {
        logger.warn({ err: (e as Error).message }, 'registry not reachable yet, retrying');
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 2_000);
      }
    }
  })();

  const timer = setInterval(resync, resyncMs);
  timer.unref();

  return {
    copy,
    loaded,
    stop: () => {
      stopped = true;
      clearInterval(timer);
      sub.unsubscribe();
    },
  };
}
