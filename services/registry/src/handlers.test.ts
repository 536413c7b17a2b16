import { MeshError, type RegistryChange } from '@ndxp/contracts';
import { openSqliteRegistryStore, type SqliteRegistryStore } from '@ndxp/store';
import { DEFAULT_SEED_DIR } from './config';
import { createHandlers, type RegistryHandlers } from './handlers';
import { seedRegistry } from './seeder';
import { TokenSigner } from './token-signer';

describe('registry handlers', () => {
  let store: SqliteRegistryStore;
  let handlers: RegistryHandlers;
  let changes: RegistryChange[];
  let seededRevision: number;

  beforeEach(async () => {
    store = openSqliteRegistryStore(':memory:');
    seededRevision = (await seedRegistry(store, DEFAULT_SEED_DIR)).revision;
    changes = [];
    handlers = createHandlers({
      signer: await TokenSigner.ephemeral(),
      store,
      publish: (c) => changes.push(c),
      now: () => 42,
    });
  });
  afterEach(async () => {
    await store.close();
  });

  const rejection = async (p: Promise<unknown>): Promise<MeshError> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MeshError);
    return err as MeshError;
  };

  it('publishes one change per real grant or revoke, with consecutive revisions', async () => {
    const g = {
      consumer: 'DN-VNPOST-LGSP',
      provider: 'BO-BKHDT-DKDN',
      service: 'GetEnterprise',
    };
    await handlers.registerMember({
      member: {
        instance: '',
        memberClass: 'DN',
        memberCode: 'VNPOST',
        name: 'Tổng công ty Bưu điện Việt Nam',
        kind: 'state_enterprise',
      },
      subsystems: [
        {
          token: '',
          memberClass: 'DN',
          memberCode: 'VNPOST',
          subsystemCode: 'LGSP',
          name: 'VNPost LGSP',
        },
      ],
    });
    expect(changes.map((c) => c.change?.$case)).toEqual(['subsystemRegistered']);
    expect(changes[0]!.change).toEqual({
      $case: 'subsystemRegistered',
      value: {
        token: 'DN-VNPOST-LGSP',
        memberClass: 'DN',
        memberCode: 'VNPOST',
        subsystemCode: 'LGSP',
        name: 'VNPost LGSP',
      },
    });
    expect(await handlers.grant(g)).toEqual({
      revision: seededRevision + 2,
      changed: true,
    });
    expect(await handlers.grant(g)).toEqual({
      revision: seededRevision + 2,
      changed: false,
    });
    expect(await handlers.revoke(g)).toEqual({
      revision: seededRevision + 3,
      changed: true,
    });
    expect(await handlers.revoke(g)).toEqual({
      revision: seededRevision + 3,
      changed: false,
    });
    expect(changes.map((c) => [c.revision, c.change?.$case])).toEqual([
      [seededRevision + 1, 'subsystemRegistered'],
      [seededRevision + 2, 'granted'],
      [seededRevision + 3, 'revoked'],
    ]);
    expect(changes[1]!.change).toEqual({
      $case: 'granted',
      value: { ...g, grantedAtMs: 42 },
    });
  });

  it('keeps revisions in order when changes are requested concurrently', async () => {
    const provinces = ['01', '02', '04', '06', '08', '10'];
    await Promise.all(
      provinces.map((p) =>
        handlers.revoke({
          consumer: `TINH-${p}-LGSP`,
          provider: 'BO-BKHDT-DKDN',
          service: 'GetEnterprise',
        }),
      ),
    );
    expect(changes.map((c) => c.revision)).toEqual(provinces.map((_, i) => seededRevision + 1 + i));
  });

  it('registers a new member with one change per row, and nothing for a repeat', async () => {
    const req = {
      member: {
        instance: 'VN',
        memberClass: 'BO',
        memberCode: 'BKHCNMOI',
        name: 'Bộ mới',
        kind: 'ministry',
      },
      subsystems: [
        {
          token: 'BO-BKHCNMOI-LGSP',
          memberClass: 'BO',
          memberCode: 'BKHCNMOI',
          subsystemCode: 'LGSP',
          name: 'LGSP',
        },
        {
          token: '',
          memberClass: 'BO',
          memberCode: 'BKHCNMOI',
          subsystemCode: 'CSDL',
          name: 'CSDL',
        },
      ],
    };
    expect(await handlers.registerMember(req)).toEqual({
      revision: seededRevision + 3,
    });
    expect(changes.map((c) => c.change?.$case)).toEqual(['memberRegistered', 'subsystemRegistered', 'subsystemRegistered']);
    expect(await handlers.registerMember(req)).toEqual({
      revision: seededRevision + 3,
    });
    expect(changes).toHaveLength(3);
    const got = await handlers.getMember({
      memberClass: 'BO',
      memberCode: 'BKHCNMOI',
    });
    expect(got.subsystems.map((s) => s.token)).toEqual(['BO-BKHCNMOI-CSDL', 'BO-BKHCNMOI-LGSP']);
  });

  it('refuses a grant with a malformed token or an unknown service as client.invalid_argument naming the field', async () => {
    const bad = await rejection(
      handlers.grant({
        consumer: 'tinh.01',
        provider: 'BO-BKHDT-DKDN',
        service: 'GetEnterprise',
      }),
    );
    expect([bad.code, bad.field]).toEqual(['client.invalid_argument', 'consumer']);
    const unknown = await rejection(
      handlers.grant({
        consumer: 'TINH-01-LGSP',
        provider: 'BO-BKHDT-DKDN',
        service: 'GetNothing',
      }),
    );
    expect([unknown.code, unknown.field]).toEqual(['client.invalid_argument', 'service']);
    expect(changes).toEqual([]);
  });

  it('refuses a subsystem whose token does not match its parts', async () => {
    const err = await rejection(
      handlers.registerMember({
        member: {
          instance: 'VN',
          memberClass: 'TINH',
          memberCode: '01',
          name: 'Hà Nội',
          kind: 'province',
        },
        subsystems: [
          {
            token: 'TINH-02-LGSP',
            memberClass: 'TINH',
            memberCode: '01',
            subsystemCode: 'LGSP',
            name: 'x',
          },
        ],
      }),
    );
    expect([err.code, err.field]).toEqual(['client.invalid_argument', 'subsystems[0].token']);
  });

  it('refuses a service offered by an unknown provider', async () => {
    const err = await rejection(
      handlers.registerService({
        service: {
          provider: 'BO-BTP-HT',
          service: 'GetBirth',
          version: 'v1',
          name: 'Khai sinh',
          protoMethod: 'ndxp.civilstatus.v1.CivilStatus/GetBirth',
        },
      }),
    );
    expect([err.code, err.field]).toEqual(['client.invalid_argument', 'service.provider']);
  });

  it('answers client.not_found for an unknown member', async () => {
    const err = await rejection(handlers.getMember({ memberClass: 'TINH', memberCode: '03' }));
    expect([err.code, err.field]).toEqual(['client.not_found', 'member_code']);
  });

  it('returns a member with its subsystems and the grants it holds or offers', async () => {
    const bkhdt = await handlers.getMember({
      memberClass: 'BO',
      memberCode: 'BKHDT',
    });
    expect(bkhdt.member?.name).toBe('Bộ Kế hoạch và Đầu tư');
    expect(bkhdt.subsystems.map((s) => s.token)).toEqual(['BO-BKHDT-DKDN', 'BO-BKHDT-LGSP']);
    // 85 grants on its database (one held by its own LGSP) and the 4 Vietnam Post grants its LGSP holds
    expect(bkhdt.grants).toHaveLength(89);
    const hanoi = await handlers.getMember({
      memberClass: 'TINH',
      memberCode: '01',
    });
    const held = hanoi.grants.map((g) => `${g.consumer}>${g.provider}.${g.service}`);
    expect(held).toHaveLength(8);
    expect(held).toContain('TINH-01-LGSP>BO-BKHDT-DKDN.GetEnterprise');
    expect(held).toContain('TINH-01-LGSP>BO-BTP-HOTICH.GetCivilStatusRecord');
  });

  it('lists members of one class, or all when the class is empty', async () => {
    const tinh = await handlers.listMembers({ memberClass: 'TINH' });
    expect(tinh.members).toHaveLength(63);
    expect(tinh.subsystems).toHaveLength(63);
    expect((await handlers.listMembers({ memberClass: '' })).members).toHaveLength(86);
  });

  it('filters grants and lists services', async () => {
    expect((await handlers.listGrants({ consumer: 'BO-BTP-LGSP', provider: '' })).grants).toHaveLength(5);
    expect((await handlers.listGrants({ consumer: '', provider: 'BO-BKHDT-DKDN' })).grants).toHaveLength(85);
    const err = await rejection(handlers.listGrants({ consumer: 'nope', provider: '' }));
    expect(err.field).toBe('consumer');
    expect((await handlers.listServices({})).services.map((s) => s.service)).toContain('GetEnterprise');
    expect((await handlers.listServices({})).services).toHaveLength(8);
  });
});
