// Routing's in-memory copy of the registry: the services that exist and the grants held, kept
// current by change events and re-synced from a snapshot on a revision gap and periodically.
import { RegistryChange, RegistrySnapshot, subjects, Header, type ConsumerLimits, type ServiceDefinition } from '@ndxp/contracts';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import type { Logger } from '@ndxp/runtime';

/** What routing asks of the registry on the hot path; all lookups are O(1) and synchronous. */
export class RegistryView {
  private services = new Set<string>();
  private subsystems = new Set<string>();
  private grants = new Set<string>();
  /** Only consumers with at least one limit set: a consumer without limits is absent. */
  private limits = new Map<string, ConsumerLimits>();
  private rev = -1;

  /** Revision of the copy; -1 before the first snapshot. */
  get revision(): number {
    return this.rev;
  }

  get ready(): boolean {
    return this.rev >= 0;
  }

  hasService(provider: string, service: string, version: string): boolean {
    return this.services.has(serviceKey(provider, service, version));
  }

  /** Whether `token` is a registered subsystem (metrics label only known names: bounded cardinality). */
  isSubsystem(token: string): boolean {
    return this.subsystems.has(token);
  }

  hasGrant(consumer: string, provider: string, service: string): boolean {
    return this.grants.has(grantKey(consumer, provider, service));
  }

  /** The consumer's limits; undefined when it has none (no rate limit and no quota). */
  limitsOf(consumer: string): ConsumerLimits | undefined {
    return this.limits.get(consumer);
  }

  /** Replaces the copy with a snapshot (ignored when older than what is held). */
  load(snapshot: RegistrySnapshot): void {
    if (snapshot.revision < this.rev) return;
    this.services = new Set(snapshot.services.map((s) => serviceKey(s.provider, s.service, s.version)));
    this.subsystems = new Set(snapshot.subsystems.map((s) => s.token));
    this.grants = new Set(snapshot.grants.map((g) => grantKey(g.consumer, g.provider, g.service)));
    const limits = new Map<string, ConsumerLimits>();
    for (const l of snapshot.limits) if (hasLimits(l)) limits.set(l.consumer, sameOrNew(this.limits.get(l.consumer), l));
    this.limits = limits;
    this.rev = snapshot.revision;
  }

  /** Applies one change; returns false when it does not follow the held revision (a gap). */
  apply(change: RegistryChange): boolean {
    if (change.revision <= this.rev) return true;
    if (change.revision !== this.rev + 1) return false;
    const c = change.change;
    switch (c?.$case) {
      case 'granted':
        this.grants.add(grantKey(c.value.consumer, c.value.provider, c.value.service));
        break;
      case 'revoked':
        this.grants.delete(grantKey(c.value.consumer, c.value.provider, c.value.service));
        break;
      case 'serviceRegistered':
        addService(this.services, c.value);
        break;
      case 'subsystemRegistered':
        this.subsystems.add(c.value.token);
        break;
      case 'limitsSet':
        if (hasLimits(c.value)) this.limits.set(c.value.consumer, sameOrNew(this.limits.get(c.value.consumer), c.value));
        else this.limits.delete(c.value.consumer);
        break;
      default:
        break;
    }
    this.rev = change.revision;
    return true;
  }
}

function addService(set: Set<string>, s: ServiceDefinition): void {
  set.add(serviceKey(s.provider, s.service, s.version));
}

function hasLimits(l: ConsumerLimits): boolean {
  return l.ratePerSecond > 0 || l.dailyQuota > 0;
}

/** Keeps the held object when nothing changed, so that a periodic re-sync does not reset the limiter's buckets. */
function sameOrNew(held: ConsumerLimits | undefined, next: ConsumerLimits): ConsumerLimits {
  return held && held.ratePerSecond === next.ratePerSecond && held.burst === next.burst && held.dailyQuota === next.dailyQuota
    ? held
    : next;
}

function serviceKey(provider: string, service: string, version: string): string {
  return `${provider}\u0000${service}\u0000${version}`;
}

function grantKey(consumer: string, provider: string, service: string): string {
  return `${consumer}\u0000${provider}\u0000${service}`;
}

/** Keeps a RegistryView in sync over NATS until stopped. */
export interface RegistrySync {
  view: RegistryView;
  /** Resolves once the first snapshot is loaded. */
  loaded: Promise<void>;
  stop(): void;
}

/** Subscribes to change events first, then loads snapshots until one arrives, then re-syncs. */
export function syncRegistry(nc: NatsConnection, logger: Logger, resyncMs: number): RegistrySync {
  const view = new RegistryView();
  let stopped = false;
  let fetching: Promise<void> | undefined;
  const fetchSnapshot = (): Promise<void> =>
    (fetching ??= (async () => {
      try {
        const reply = await nc.request(subjects.registry('Snapshot'), new Uint8Array(0), { timeout: 2_000 });
        if (reply.headers?.get(Header.Status) !== 'ok') throw new Error(`registry answered ${reply.headers?.get(Header.Status)}`);
        const before = view.revision;
        view.load(RegistrySnapshot.decode(reply.data));
        if (view.revision !== before) logger.info({ revision: view.revision }, 'registry snapshot loaded');
      } finally {
        fetching = undefined;
      }
    })());

  const sub: Subscription = nc.subscribe(subjects.registryEvents, {
    callback: (err, msg) => {
      if (err) return;
      try {
        const change = RegistryChange.decode(msg.data);
        if (!view.apply(change) && view.ready) {
          logger.info({ held: view.revision, got: change.revision }, 'registry revision gap, re-syncing');
          fetchSnapshot().catch((e: unknown) => logger.warn({ err: e }, 'registry re-sync failed'));
        }
      } catch (e) {
        logger.warn({ err: e }, 'undecodable registry change ignored');
      }
    },
  });

  const loaded = (async () => {
    let delay = 100;
    while (!stopped && !view.ready) {
      try {
        await fetchSnapshot();
      } catch (e) {
        logger.warn({ err: (e as Error).message }, 'registry not reachable yet, retrying');
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 2_000);
      }
    }
  })();

  const timer = setInterval(() => {
    fetchSnapshot().catch((e: unknown) => logger.warn({ err: (e as Error).message }, 'registry re-sync failed'));
  }, resyncMs);
  timer.unref();

  return {
    view,
    loaded,
    stop: () => {
      stopped = true;
      clearInterval(timer);
      sub.unsubscribe();
    },
  };
}
