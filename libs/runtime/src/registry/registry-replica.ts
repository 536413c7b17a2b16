// What a service keeps of the registry, at one revision: the revision bookkeeping (an older
// snapshot is ignored, a change applies only when it follows the held revision) is written here
// once; each service's subclass says what it indexes.
import type { RegistryChange, RegistrySnapshot } from '@ndxp/contracts';

/** A service's copy of the registry, loaded from snapshots and advanced by change events in revision order. */
export abstract class RegistryReplica {
  private rev = -1;

  /** Revision held; -1 before the first snapshot. */
  get revision(): number {
    return this.rev;
  }

  get ready(): boolean {
    return this.rev >= 0;
  }

  /** Replaces the copy with a snapshot (ignored when older than what is held). */
  load(snapshot: RegistrySnapshot): void {
    if (snapshot.revision < this.rev) return;
    this.replaceWith(snapshot);
    this.rev = snapshot.revision;
  }

  /** Applies one change; returns false when it does not follow the held revision (a gap). */
  apply(change: RegistryChange): boolean {
    if (change.revision <= this.rev) return true;
    if (change.revision !== this.rev + 1) return false;
    this.follow(change.change);
    this.rev = change.revision;
    return true;
  }

  /** Fields logged with "registry snapshot loaded"; a subclass may add its own counts. */
  describe(): Record<string, unknown> {
    return { revision: this.rev };
  }

  /** Indexes a snapshot in place of what is held. */
  protected abstract replaceWith(snapshot: RegistrySnapshot): void;

  /** Applies the change that follows the held revision (cases a service ignores only advance it). */
  protected abstract follow(change: RegistryChange['change']): void;
}
