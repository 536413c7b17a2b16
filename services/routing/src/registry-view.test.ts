// Routing's index of the registry: services, subsystems, grants and limits from a snapshot, then
// change by change; a periodic re-sync keeps the limits object of an unchanged consumer.
import { RegistrySnapshot } from '@ndxp/contracts';
import { RegistryView } from './registry-view';

const P = 'BO-BKHDT-DKDN';
const view = (): RegistryView => {
  const v = new RegistryView();
  v.load(
    RegistrySnapshot.fromPartial({
      revision: 1,
      services: [{ provider: P, service: 'GetEnterprise', version: 'v1' }],
      subsystems: [{ token: 'TINH-01-LGSP' }],
      grants: [{ consumer: 'TINH-01-LGSP', provider: P, service: 'GetEnterprise' }],
      limits: [
        { consumer: 'TINH-01-LGSP', ratePerSecond: 5, burst: 5, dailyQuota: 0 },
        { consumer: 'TINH-02-LGSP', ratePerSecond: 0, burst: 0, dailyQuota: 0 },
      ],
    }),
  );
  return v;
};

describe('RegistryView', () => {
  it('answers lookups from the snapshot, and leaves out a consumer whose limits are all zero', () => {
    const v = view();
    expect(v.hasService(P, 'GetEnterprise', 'v1')).toBe(true);
    expect(v.hasService(P, 'GetEnterprise', 'v2')).toBe(false);
    expect(v.isSubsystem('TINH-01-LGSP')).toBe(true);
    expect(v.hasGrant('TINH-01-LGSP', P, 'GetEnterprise')).toBe(true);
    expect(v.hasGrant('TINH-02-LGSP', P, 'GetEnterprise')).toBe(false);
    expect(v.limitsOf('TINH-01-LGSP')).toMatchObject({ ratePerSecond: 5, burst: 5 });
    expect(v.limitsOf('TINH-02-LGSP')).toBeUndefined();
  });

  it('applies grants, revocations, services, subsystems and limits as they come', () => {
    const v = view();
    v.apply({
      revision: 2,
      change: { $case: 'revoked', value: { consumer: 'TINH-01-LGSP', provider: P, service: 'GetEnterprise', grantedAtMs: 0 } },
    });
    v.apply({
      revision: 3,
      change: { $case: 'serviceRegistered', value: { provider: P, service: 'Other', version: 'v1', name: '', protoMethod: '' } },
    });
    v.apply({
      revision: 4,
      change: { $case: 'limitsSet', value: { consumer: 'TINH-01-LGSP', ratePerSecond: 0, burst: 0, dailyQuota: 0 } },
    });
    v.apply({
      revision: 5,
      change: { $case: 'limitsSet', value: { consumer: 'TINH-03-LGSP', ratePerSecond: 0, burst: 0, dailyQuota: 9 } },
    });
    expect(v.revision).toBe(5);
    expect(v.hasGrant('TINH-01-LGSP', P, 'GetEnterprise')).toBe(false);
    expect(v.hasService(P, 'Other', 'v1')).toBe(true);
    expect(v.limitsOf('TINH-01-LGSP')).toBeUndefined();
    expect(v.limitsOf('TINH-03-LGSP')).toMatchObject({ dailyQuota: 9 });
  });

  it('keeps the limits object of a consumer whose limits a re-sync did not change (the limiter rebuilds its buckets on a new one)', () => {
    const v = view();
    const held = v.limitsOf('TINH-01-LGSP');
    v.load(
      RegistrySnapshot.fromPartial({ revision: 1, limits: [{ consumer: 'TINH-01-LGSP', ratePerSecond: 5, burst: 5, dailyQuota: 0 }] }),
    );
    expect(v.limitsOf('TINH-01-LGSP')).toBe(held);
    v.load(
      RegistrySnapshot.fromPartial({ revision: 2, limits: [{ consumer: 'TINH-01-LGSP', ratePerSecond: 6, burst: 5, dailyQuota: 0 }] }),
    );
    expect(v.limitsOf('TINH-01-LGSP')).not.toBe(held);
  });
});
