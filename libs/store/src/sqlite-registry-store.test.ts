import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeshError, type Member, type Subsystem } from '@ndxp/contracts';
import { openSqliteRegistryStore, type SqliteRegistryStore } from './sqlite-registry-store';

const btp: Member = { instance: 'VN', memberClass: 'BO', memberCode: 'BTP', name: 'Bộ Tư pháp', kind: 'ministry' };
const hanoi: Member = { instance: 'VN', memberClass: 'TINH', memberCode: '01', name: 'Hà Nội', kind: 'province' };
const bkhdt: Member = { instance: 'VN', memberClass: 'BO', memberCode: 'BKHDT', name: 'Bộ Kế hoạch và Đầu tư', kind: 'ministry' };
const sub = (m: Member, code: string, name = `${m.name} ${code}`): Subsystem => ({
  token: `${m.memberClass}-${m.memberCode}-${code}`,
  memberClass: m.memberClass,
  memberCode: m.memberCode,
  subsystemCode: code,
  name,
});
const getEnterprise = {
  provider: 'BO-BKHDT-DKDN',
  service: 'GetEnterprise',
  version: 'v1',
  name: 'Tra cứu doanh nghiệp',
  protoMethod: 'ndxp.businessregistration.v1.BusinessRegistration/GetEnterprise',
};
const hanoiGrant = { consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise' };

async function populate(store: SqliteRegistryStore): Promise<void> {
  await store.upsertMember(btp, [sub(btp, 'LGSP')]);
  await store.upsertMember(hanoi, [sub(hanoi, 'LGSP')]);
  await store.upsertMember(bkhdt, [sub(bkhdt, 'LGSP'), sub(bkhdt, 'DKDN')]);
  await store.upsertService(getEnterprise);
}

describe('SqliteRegistryStore', () => {
  let store: SqliteRegistryStore;
  beforeEach(() => {
    store = openSqliteRegistryStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('starts empty at revision 0', async () => {
    expect(await store.revision()).toBe(0);
    const snap = await store.snapshot();
    expect(snap).toEqual({
      revision: 0,
      members: [],
      subsystems: [],
      services: [],
      grants: [],
      limits: [],
      credentials: [],
      tokenKeys: [],
      revokedAccessTokens: [],
    });
  });

  it('bumps the revision once per changing call and not for an identical upsert', async () => {
    expect(await store.upsertMember(btp, [sub(btp, 'LGSP')])).toEqual({ revision: 1, changed: true });
    expect(await store.upsertMember(btp, [sub(btp, 'LGSP')])).toEqual({ revision: 1, changed: false });
    expect(await store.upsertMember({ ...btp, name: 'Bộ Tư pháp (mới)' }, [])).toEqual({ revision: 2, changed: true });
    expect(await store.upsertMember(btp, [sub(btp, 'LGSP', 'renamed')])).toEqual({ revision: 3, changed: true });
  });

  it('makes grant and revoke idempotent: only real changes bump the revision', async () => {
    await populate(store);
    const base = await store.revision();
    expect(await store.grant(hanoiGrant)).toEqual({ revision: base + 1, changed: true });
    expect(await store.grant(hanoiGrant)).toEqual({ revision: base + 1, changed: false });
    expect(await store.revoke(hanoiGrant)).toEqual({ revision: base + 2, changed: true });
    expect(await store.revoke(hanoiGrant)).toEqual({ revision: base + 2, changed: false });
    expect(await store.listGrants({})).toEqual([]);
  });

  it('refuses a grant for an unknown consumer or service without bumping the revision', async () => {
    await populate(store);
    const base = await store.revision();
    await expect(store.grant({ ...hanoiGrant, consumer: 'TINH-79-LGSP' })).rejects.toMatchObject({
      code: 'client.invalid_argument',
      field: 'consumer',
    });
    const err = await store.grant({ ...hanoiGrant, service: 'GetNothing' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeshError);
    expect(err).toMatchObject({ code: 'client.invalid_argument', field: 'service' });
    expect(await store.revision()).toBe(base);
  });

  it('refuses a service whose provider is not a subsystem', async () => {
    await expect(store.upsertService(getEnterprise)).rejects.toMatchObject({ field: 'service.provider' });
    expect(await store.revision()).toBe(0);
  });

  it('rolls back a member upsert whose subsystem belongs to another member', async () => {
    await expect(store.upsertMember(btp, [sub(hanoi, 'LGSP')])).rejects.toMatchObject({ code: 'client.invalid_argument' });
    expect((await store.snapshot()).members).toEqual([]);
    expect(await store.revision()).toBe(0);
  });

  it('returns members, subsystems, services and grants in the snapshot, sorted', async () => {
    await populate(store);
    await store.grant({ ...hanoiGrant, grantedAtMs: 1_700_000_000_000 });
    const snap = await store.snapshot();
    expect(snap.revision).toBe(await store.revision());
    expect(snap.members.map((m) => `${m.memberClass}-${m.memberCode}`)).toEqual(['BO-BKHDT', 'BO-BTP', 'TINH-01']);
    expect(snap.members[2]).toEqual(hanoi);
    expect(snap.subsystems.map((s) => s.token)).toEqual(['BO-BKHDT-DKDN', 'BO-BKHDT-LGSP', 'BO-BTP-LGSP', 'TINH-01-LGSP']);
    expect(snap.services).toEqual([getEnterprise]);
    expect(snap.grants).toEqual([{ ...hanoiGrant, grantedAtMs: 1_700_000_000_000 }]);
  });

  it('filters grants by consumer, by provider, by both, and treats empty strings as no filter', async () => {
    await populate(store);
    await store.upsertService({ ...getEnterprise, provider: 'BO-BTP-LGSP', service: 'GetBirth' });
    await store.grant(hanoiGrant);
    await store.grant({ consumer: 'BO-BTP-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise' });
    await store.grant({ consumer: 'TINH-01-LGSP', provider: 'BO-BTP-LGSP', service: 'GetBirth' });
    const keys = async (f: { consumer?: string; provider?: string }): Promise<string[]> =>
      (await store.listGrants(f)).map((g) => `${g.consumer}>${g.provider}.${g.service}`);
    expect(await keys({ consumer: 'TINH-01-LGSP' })).toEqual([
      'TINH-01-LGSP>BO-BKHDT-DKDN.GetEnterprise',
      'TINH-01-LGSP>BO-BTP-LGSP.GetBirth',
    ]);
    expect(await keys({ provider: 'BO-BKHDT-DKDN' })).toEqual([
      'BO-BTP-LGSP>BO-BKHDT-DKDN.GetEnterprise',
      'TINH-01-LGSP>BO-BKHDT-DKDN.GetEnterprise',
    ]);
    expect(await keys({ consumer: 'TINH-01-LGSP', provider: 'BO-BTP-LGSP' })).toEqual(['TINH-01-LGSP>BO-BTP-LGSP.GetBirth']);
    expect(await keys({ consumer: '', provider: '' })).toHaveLength(3);
  });

  describe('on a file', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'ndxp-registry-store-'));
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps data and revision when reopened', async () => {
      const path = join(dir, 'nested', 'registry.sqlite');
      const first = openSqliteRegistryStore(path);
      await populate(first);
      await first.grant(hanoiGrant);
      const before = await first.snapshot();
      await first.close();
      const again = openSqliteRegistryStore(path);
      try {
        expect(await again.snapshot()).toEqual(before);
        expect((await again.grant(hanoiGrant)).changed).toBe(false);
        expect(await again.revision()).toBe(before.revision);
      } finally {
        await again.close();
      }
    });
  });
});
