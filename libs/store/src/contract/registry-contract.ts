// The registry half of the storage contract: one monotonic revision that idempotent changes leave
// alone, grant changes visible to another instance on the same database, referential checks; then
// limits and credentials, access tokens and the audit trail.
import { MeshError, type Member, type ServiceDefinition, type Subsystem } from '@ndxp/contracts';
import type { RegistryStore } from '../ports';
import type { StoreDatabase, StoreHarness } from './harness';
import { registryAccessContract } from './registry-access-contract';
import { registryAuditContract } from './registry-audit-contract';
import { registryTokenContract } from './registry-token-contract';

const member = (cls: string, code: string, name: string, kind: string): Member => ({
  instance: 'VN',
  memberClass: cls,
  memberCode: code,
  name,
  kind,
});
const subsystem = (cls: string, code: string, sub: string, name: string): Subsystem => ({
  token: `${cls}-${code}-${sub}`,
  memberClass: cls,
  memberCode: code,
  subsystemCode: sub,
  name,
});
const GET_ENTERPRISE: ServiceDefinition = {
  provider: 'BO-BKHDT-DKDN',
  service: 'GetEnterprise',
  version: 'v1',
  name: 'Tra cứu doanh nghiệp',
  protoMethod: 'ndxp.businessregistration.v1.BusinessRegistration/GetEnterprise',
};
const PROVINCES = ['01', '79', '48', '31', '92'];

/** Registers a ministry with the business registry, its service and five provinces' LGSPs. */
async function seed(store: RegistryStore): Promise<void> {
  await store.upsertMember(member('BO', 'BKHDT', 'Bộ Kế hoạch và Đầu tư', 'ministry'), [
    subsystem('BO', 'BKHDT', 'DKDN', 'Đăng ký doanh nghiệp'),
  ]);
  await store.upsertService(GET_ENTERPRISE);
  for (const p of PROVINCES)
    await store.upsertMember(member('TINH', p, `Tỉnh ${p}`, 'province'), [subsystem('TINH', p, 'LGSP', `LGSP ${p}`)]);
}

const grantOf = (p: string) => ({ consumer: `TINH-${p}-LGSP`, provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise' });

/** Registers the registry contract tests against a harness (inside the caller's describe). */
export function registryContract(harness: StoreHarness): void {
  let db: StoreDatabase;
  let store: RegistryStore;
  beforeEach(async () => {
    db = await harness.freshDatabase();
    store = await db.openRegistry();
  });
  afterEach(async () => {
    await db.drop();
  });

  test('every change bumps the revision by one and idempotent changes leave it alone', async () => {
    expect(await store.revision()).toBe(0);
    const bki = member('BO', 'BKHDT', 'Bộ Kế hoạch và Đầu tư', 'ministry');
    const dkdn = subsystem('BO', 'BKHDT', 'DKDN', 'Đăng ký doanh nghiệp');
    expect(await store.upsertMember(bki, [dkdn])).toEqual({ revision: 1, changed: true });
    expect(await store.upsertMember(bki, [dkdn])).toEqual({ revision: 1, changed: false });
    expect(await store.upsertService(GET_ENTERPRISE)).toEqual({ revision: 2, changed: true });
    expect(await store.upsertService(GET_ENTERPRISE)).toEqual({ revision: 2, changed: false });
    expect(await store.upsertService({ ...GET_ENTERPRISE, name: 'renamed' })).toEqual({ revision: 3, changed: true });
    await store.upsertMember(member('TINH', '01', 'Hà Nội', 'province'), [subsystem('TINH', '01', 'LGSP', 'LGSP Hà Nội')]);
    expect(await store.grant(grantOf('01'))).toEqual({ revision: 5, changed: true });
    expect(await store.grant(grantOf('01'))).toEqual({ revision: 5, changed: false });
    expect(await store.revoke(grantOf('01'))).toEqual({ revision: 6, changed: true });
    expect(await store.revoke(grantOf('01'))).toEqual({ revision: 6, changed: false });
    expect(await store.revision()).toBe(6);
    expect((await store.snapshot()).revision).toBe(6);
  });

  test('grant changes made on one instance are visible to a second instance on the same database', async () => {
    await seed(store);
    const reader = await db.openRegistry();
    expect(await reader.listGrants({ consumer: 'TINH-79-LGSP' })).toEqual([]);
    await store.grant({ ...grantOf('79'), grantedAtMs: 1_700_000_000_000 });
    expect(await reader.listGrants({ consumer: 'TINH-79-LGSP' })).toEqual([{ ...grantOf('79'), grantedAtMs: 1_700_000_000_000 }]);
    const snap = await reader.snapshot();
    expect(snap.revision).toBe(await store.revision());
    expect(snap.grants.map((g) => g.consumer)).toEqual(['TINH-79-LGSP']);
    await store.revoke(grantOf('79'));
    expect(await reader.listGrants({ provider: 'BO-BKHDT-DKDN' })).toEqual([]);
  });

  test('concurrent changes from two instances each get their own revision, with no gap', async () => {
    await seed(store);
    const other = await db.openRegistry();
    const start = await store.revision();
    const results = await Promise.all(PROVINCES.map((p, i) => (i % 2 ? other : store).grant(grantOf(p))));
    expect(results.every((r) => r.changed)).toBe(true);
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(PROVINCES.map((_, i) => start + i + 1));
    expect(await other.revision()).toBe(start + PROVINCES.length);
    expect((await store.listGrants({})).length).toBe(PROVINCES.length);
  });

  test('a grant naming an unknown consumer or service is refused with client.invalid_argument and no revision', async () => {
    await seed(store);
    const before = await store.revision();
    await expect(store.grant({ ...grantOf('01'), consumer: 'TINH-99-LGSP' })).rejects.toMatchObject({
      code: 'client.invalid_argument',
      field: 'consumer',
    });
    await expect(store.grant({ ...grantOf('01'), service: 'Nope' })).rejects.toBeInstanceOf(MeshError);
    await expect(store.upsertService({ ...GET_ENTERPRISE, provider: 'BO-XXX-YYY' })).rejects.toMatchObject({
      code: 'client.invalid_argument',
    });
    expect(await store.revision()).toBe(before);
  });

  describe('limits and credentials', () => {
    beforeEach(() => seed(store));
    registryAccessContract({ store: () => store, other: () => db.openRegistry() });
  });

  describe('access tokens', () => registryTokenContract({ store: () => store, other: () => db.openRegistry() }));

  describe('audit trail', () =>
    registryAuditContract({ store: () => store, other: () => db.openRegistry(), tamper: (seq, change) => db.tamperAudit(seq, change) }));
}
