// Routing's in-memory copy of the registry: the services that exist and the grants held. The
// revision bookkeeping and the sync over NATS are @ndxp/runtime's (RegistryReplica, syncRegistry).
import type { ConsumerLimits, RegistryChange, RegistrySnapshot } from '@ndxp/contracts';
import { RegistryReplica } from '@ndxp/runtime';

/** What routing asks of the registry on the hot path; all lookups are O(1) and synchronous. */
export class RegistryView extends RegistryReplica {
  private services = new Set<string>();
  private subsystems = new Set<string>();
  private grants = new Set<string>();
  /** Only consumers with at least one limit set: a consumer without limits is absent. */
  private limits = new Map<string, ConsumerLimits>();

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

  protected override replaceWith(snapshot: RegistrySnapshot): void {
    this.services = new Set(snapshot.services.map((s) => serviceKey(s.provider, s.service, s.version)));
    this.subsystems = new Set(snapshot.subsystems.map((s) => s.token));
    this.grants = new Set(snapshot.grants.map((g) => grantKey(g.consumer, g.provider, g.service)));
    const limits = new Map<string, ConsumerLimits>();
    for (const l of snapshot.limits) if (hasLimits(l)) limits.set(l.consumer, sameOrNew(this.limits.get(l.consumer), l));
    this.limits = limits;
  }

  protected override follow(c: RegistryChange['change']): void {
    switch (c?.$case) {
      case 'granted':
        this.grants.add(grantKey(c.value.consumer, c.value.provider, c.value.service));
        break;
      case 'revoked':
        this.grants.delete(grantKey(c.value.consumer, c.value.provider, c.value.service));
        break;
      case 'serviceRegistered':
        this.services.add(serviceKey(c.value.provider, c.value.service, c.value.version));
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
  }
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
