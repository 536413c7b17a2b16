import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@ndxp/runtime';
import { openSqliteRegistryStore } from '@ndxp/store';
import { DEFAULT_SEED_DIR } from './config';
import { loadSeed } from './seed-files';
import { seedRegistry } from './seeder';

describe('the shipped seed', () => {
  const seed = loadSeed(DEFAULT_SEED_DIR);
  const subsystems = seed.members.flatMap((m) => m.subsystems);

  it('is data version 2021 in every file', () => {
    expect(seed.version).toBe('2021');
    expect(seed.files).toEqual(['enterprises.json', 'grants.json', 'ministries.json', 'national-systems.json', 'provinces.json']);
  });

  it('holds 86 members: 18 ministries, 4 ministry-level agencies, 63 provinces and VNPost', () => {
    const kinds = seed.members.map((m) => m.member.kind);
    expect(seed.members).toHaveLength(86);
    expect(kinds.filter((k) => k === 'ministry')).toHaveLength(18);
    expect(kinds.filter((k) => k === 'ministry_level_agency')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'province')).toHaveLength(63);
    expect(seed.members.filter((m) => m.member.kind === 'state_enterprise').map((m) => m.member)).toEqual([
      { instance: 'VN', memberClass: 'DN', memberCode: 'VNPOST', name: 'Tổng công ty Bưu điện Việt Nam', kind: 'state_enterprise' },
    ]);
  });

  it('gives every ministry and province one LGSP: 85 LGSP subsystems, 89 with the four national systems', () => {
    const lgsp = subsystems.filter((s) => s.subsystemCode === 'LGSP');
    expect(lgsp).toHaveLength(85);
    expect(lgsp.filter((s) => s.memberClass === 'BO')).toHaveLength(22);
    expect(lgsp.filter((s) => s.memberClass === 'TINH')).toHaveLength(63);
    expect(subsystems).toHaveLength(89);
    expect(subsystems.find((s) => s.token === 'BO-BKHDT-DKDN')?.name).toBe('CSDL quốc gia về đăng ký doanh nghiệp');
    for (const token of ['BO-BTP-HOTICH', 'BO-BTC-MSNS', 'DN-VNPOST-BCCI']) expect(subsystems.some((s) => s.token === token)).toBe(true);
  });

  it('uses the fixed ministry codes and the province codes and names of domain.md', () => {
    const codes = seed.members.filter((m) => m.member.memberClass === 'BO').map((m) => m.member.memberCode);
    expect(codes.sort()).toEqual(
      [
        'BQP',
        'BCA',
        'BNG',
        'BNV',
        'BTP',
        'BKHDT',
        'BTC',
        'BCT',
        'BNNPTNT',
        'BGTVT',
        'BXD',
        'BTNMT',
        'BTTTT',
        'BLDTBXH',
        'BVHTTDL',
        'BKHCN',
        'BGDDT',
        'BYT',
        'UBDT',
        'NHNN',
        'TTCP',
        'VPCP',
      ].sort(),
    );
    const name = (cls: string, code: string): string | undefined =>
      seed.members.find((m) => m.member.memberClass === cls && m.member.memberCode === code)?.member.name;
    expect(name('TINH', '01')).toBe('Hà Nội');
    expect(name('TINH', '77')).toBe('Bà Rịa–Vũng Tàu');
    expect(name('TINH', '79')).toBe('TP Hồ Chí Minh');
    expect(name('TINH', '96')).toBe('Cà Mau');
    expect(name('BO', 'BLDTBXH')).toBe('Bộ Lao động – Thương binh và Xã hội');
    expect(name('BO', 'NHNN')).toBe('Ngân hàng Nhà nước Việt Nam');
  });

  it('declares the services of the four national systems, GetEnterprise v1 among them', () => {
    expect(seed.services.map((s) => `${s.provider}/${s.service}`).sort()).toEqual([
      'BO-BKHDT-DKDN/GetEnterprise',
      'BO-BTC-MSNS/GetBudgetUnit',
      'BO-BTC-MSNS/SearchBudgetUnits',
      'BO-BTP-HOTICH/GetCivilStatusRecord',
      'DN-VNPOST-BCCI/CancelOrder',
      'DN-VNPOST-BCCI/CreateOrder',
      'DN-VNPOST-BCCI/QuotePostage',
      'DN-VNPOST-BCCI/TrackOrder',
    ]);
    expect(seed.services.filter((s) => s.provider === 'BO-BKHDT-DKDN')).toEqual([
      expect.objectContaining({
        provider: 'BO-BKHDT-DKDN',
        service: 'GetEnterprise',
        version: 'v1',
        protoMethod: 'ndxp.businessregistration.v1.BusinessRegistration/GetEnterprise',
      }),
    ]);
  });

  it('expands the grant rules per the deadline rule: ministries 2 systems (5 services), provinces 4 systems (8 services)', () => {
    const lgsps = subsystems.filter((s) => s.subsystemCode === 'LGSP');
    expect(seed.grants).toHaveLength(22 * 5 + 63 * 8);
    const systemsOf = (consumer: string) => new Set(seed.grants.filter((g) => g.consumer === consumer).map((g) => g.provider));
    for (const l of lgsps) {
      const expected =
        l.memberClass === 'BO' ? ['BO-BKHDT-DKDN', 'DN-VNPOST-BCCI'] : ['BO-BKHDT-DKDN', 'DN-VNPOST-BCCI', 'BO-BTP-HOTICH', 'BO-BTC-MSNS'];
      expect([...systemsOf(l.token)].sort()).toEqual(expected.sort());
    }
  });
});

describe('seedRegistry', () => {
  it('fills an empty store and leaves a store with data alone', async () => {
    const store = openSqliteRegistryStore(':memory:');
    try {
      const first = await seedRegistry(store, DEFAULT_SEED_DIR);
      expect(first).toMatchObject({ seeded: true, version: '2021', members: 86, subsystems: 89, services: 8, grants: 614 });
      const snap = await store.snapshot();
      expect(snap.revision).toBe(first.revision);
      expect(snap.members).toHaveLength(86);
      expect(snap.subsystems).toHaveLength(89);
      expect(snap.grants).toHaveLength(614);
      expect(await seedRegistry(store, DEFAULT_SEED_DIR)).toEqual({ seeded: false, revision: first.revision });
    } finally {
      await store.close();
    }
  });
});

describe('seed validation', () => {
  let dir: string;
  const write = (name: string, doc: unknown): void => writeFileSync(join(dir, name), typeof doc === 'string' ? doc : JSON.stringify(doc));
  const member = (code: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    memberClass: 'TINH',
    memberCode: code,
    name: `Tỉnh ${code}`,
    kind: 'province',
    subsystems: [{ subsystemCode: 'LGSP', name: `LGSP ${code}` }],
    ...extra,
  });
  const failure = (): string => {
    try {
      loadSeed(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error('loadSeed accepted bad data');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ndxp-seed-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the file and entry of a member with a bad kind', () => {
    write('provinces.json', { version: '2021', members: [member('01'), member('02', { kind: 'city' })] });
    expect(failure()).toMatch(/^provinces\.json members\[1\] \(TINH-02\) \(member\.kind\): kind must be one of/);
  });

  it('rejects a member code that is not token-safe', () => {
    write('provinces.json', { version: '2021', members: [member('0.1')] });
    expect(failure()).toMatch(/provinces\.json members\[0\] \(TINH-0\.1\) \(member\.member_code\)/);
  });

  it('rejects a member declared twice across files', () => {
    write('a.json', { version: '2021', members: [member('01')] });
    write('b.json', { version: '2021', members: [member('01')] });
    expect(failure()).toBe('b.json members[0] (TINH-01): member TINH-01 is declared twice');
  });

  it('rejects files of different data versions', () => {
    write('a.json', { version: '2021', members: [member('01')] });
    write('b.json', { version: '2025', members: [member('02')] });
    expect(failure()).toBe('b.json: version "2025" differs from "2021" in a.json');
  });

  it('rejects a file without a version, invalid JSON, or an unknown section', () => {
    write('a.json', { members: [member('01')] });
    expect(failure()).toBe('a.json: a "version" string is required');
    write('a.json', '{"version": "2021",');
    expect(failure()).toMatch(/^a\.json: not valid JSON/);
    write('a.json', { version: '2021', memberz: [] });
    expect(failure()).toMatch(/^a\.json: unknown section "memberz"/);
  });

  it('rejects a service whose provider is not declared', () => {
    write('a.json', {
      version: '2021',
      members: [member('01')],
      services: [{ provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise', version: 'v1', name: 'x', protoMethod: 'a.b.C/GetEnterprise' }],
    });
    expect(failure()).toBe('a.json services[0]: provider BO-BKHDT-DKDN is not a subsystem declared in the seed');
  });

  it('rejects a grant rule for a service nobody offers, or that matches no subsystem', () => {
    write('a.json', {
      version: '2021',
      members: [
        member('01', {
          subsystems: [
            { subsystemCode: 'LGSP', name: 'L' },
            { subsystemCode: 'HT', name: 'H' },
          ],
        }),
      ],
      services: [{ provider: 'TINH-01-HT', service: 'GetBirth', version: 'v1', name: 'x', protoMethod: 'a.b.C/GetBirth' }],
      grants: [{ consumerClass: 'TINH', consumerSubsystem: 'LGSP', provider: 'TINH-01-HT', service: 'GetDeath' }],
    });
    expect(failure()).toBe('a.json grants[0]: TINH-01-HT offers no service GetDeath in the seed');
    write('a.json', {
      version: '2021',
      members: [member('01')],
      grants: [{ consumerClass: 'BO', consumerSubsystem: 'LGSP', provider: 'TINH-01-LGSP', service: 'X' }],
    });
    expect(failure()).toBe('a.json grants[0]: no subsystem LGSP of class BO is declared in the seed');
  });

  it('expands a rule and an explicit grant, counting an overlap once', () => {
    write('a.json', {
      version: '2021',
      members: [member('01'), member('02')],
      subsystems: [{ memberClass: 'TINH', memberCode: '01', subsystemCode: 'HT', name: 'Hộ tịch' }],
      services: [{ provider: 'TINH-01-HT', service: 'GetBirth', version: 'v1', name: 'x', protoMethod: 'a.b.C/GetBirth' }],
      grants: [
        { consumerClass: 'TINH', consumerSubsystem: 'LGSP', provider: 'TINH-01-HT', service: 'GetBirth' },
        { consumer: 'TINH-02-LGSP', provider: 'TINH-01-HT', service: 'GetBirth' },
      ],
    });
    const seed = loadSeed(dir);
    expect(seed.grants.map((g) => g.consumer)).toEqual(['TINH-01-LGSP', 'TINH-02-LGSP']);
    expect(seed.members[0]!.subsystems.map((s) => s.token)).toEqual(['TINH-01-LGSP', 'TINH-01-HT']);
  });

  it('writes nothing to the store when the seed is bad', async () => {
    write('a.json', { version: '2021', members: [member('01'), member('02', { name: '' })] });
    const store = openSqliteRegistryStore(':memory:');
    try {
      await expect(seedRegistry(store, dir)).rejects.toThrow(/a\.json members\[1\] \(TINH-02\) \(member\.name\)/);
      expect(await store.revision()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
