// The revision bookkeeping every service's registry copy shares: older snapshots are ignored,
// a change applies only when it follows the held revision, a skipping one is reported as a gap.
import { RegistrySnapshot, type RegistryChange } from '@ndxp/contracts';
import { RegistryReplica } from './registry-replica';

/** Records what it was asked to index: "snapshot <revision>" or the change's case. */
class RecordingReplica extends RegistryReplica {
  readonly calls: string[] = [];
  protected override replaceWith(snapshot: RegistrySnapshot): void {
    this.calls.push(`snapshot ${snapshot.revision}`);
  }
  protected override follow(change: RegistryChange['change']): void {
    this.calls.push(change?.$case ?? 'none');
  }
}

const granted = (revision: number): RegistryChange => ({
  revision,
  change: { $case: 'granted', value: { consumer: 'C', provider: 'P', service: 'S', grantedAtMs: 0 } },
});
const snapshot = (revision: number): RegistrySnapshot => RegistrySnapshot.fromPartial({ revision });

describe('RegistryReplica', () => {
  it('is not ready before the first snapshot, and holds its revision after', () => {
    const r = new RecordingReplica();
    expect([r.ready, r.revision]).toEqual([false, -1]);
    r.load(snapshot(4));
    expect([r.ready, r.revision, r.calls]).toEqual([true, 4, ['snapshot 4']]);
  });

  it('ignores a snapshot older than the revision held, and takes one at the same revision', () => {
    const r = new RecordingReplica();
    r.load(snapshot(5));
    r.load(snapshot(4));
    r.load(snapshot(5));
    expect([r.revision, r.calls]).toEqual([5, ['snapshot 5', 'snapshot 5']]);
  });

  it('applies the change that follows the held revision and reports a skipping one as a gap', () => {
    const r = new RecordingReplica();
    r.load(snapshot(1));
    expect(r.apply(granted(2))).toBe(true);
    expect(r.apply(granted(4))).toBe(false);
    expect([r.revision, r.calls]).toEqual([2, ['snapshot 1', 'granted']]);
  });

  it('takes a change already held (a duplicate or a stale event) as applied without applying it again', () => {
    const r = new RecordingReplica();
    r.load(snapshot(3));
    expect([r.apply(granted(3)), r.apply(granted(2))]).toEqual([true, true]);
    expect([r.revision, r.calls]).toEqual([3, ['snapshot 3']]);
  });

  it('advances its revision on an event without a change', () => {
    const r = new RecordingReplica();
    r.load(snapshot(1));
    expect(r.apply({ revision: 2, change: undefined })).toBe(true);
    expect([r.revision, r.calls]).toEqual([2, ['snapshot 1', 'none']]);
  });

  it('describes itself by its revision in the log', () => {
    const r = new RecordingReplica();
    r.load(snapshot(7));
    expect(r.describe()).toEqual({ revision: 7 });
  });
});
