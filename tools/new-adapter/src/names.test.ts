import { checkName, defaultEnvPrefix, deriveNames, UsageError, type ScaffoldInput } from './names';

const input: ScaffoldInput = {
  name: 'land-registry',
  owner: 'BO-BTNMT',
  subsystem: 'DATDAI',
  title: 'CSDL quốc gia về đất đai',
  consumers: ['TINH', 'BO'],
};

describe('checkName', () => {
  it('accepts kebab-case names with digits', () => {
    for (const ok of ['land-registry', 'vnpost', 'insurance-2', 'a1-b2-c3']) expect(() => checkName(ok)).not.toThrow();
  });

  it('refuses anything that is not kebab-case', () => {
    for (const bad of ['', 'Land-registry', 'land_registry', 'land--registry', '-land', 'land-', '2land', 'land registry', 'đất-đai']) {
      expect(() => checkName(bad)).toThrow(UsageError);
    }
  });

  it('refuses names longer than 40 characters', () => {
    expect(() => checkName('a'.repeat(41))).toThrow(/40/);
  });
});

describe('deriveNames', () => {
  it('derives every name of land-registry owned by BO-BTNMT', () => {
    expect(deriveNames(input, 8085)).toMatchObject({
      pascal: 'LandRegistry',
      camel: 'landRegistry',
      snake: 'land_registry',
      protoDir: 'landregistry',
      protoPackage: 'ndxp.landregistry.v1',
      protoFile: 'proto/ndxp/landregistry/v1/land_registry.proto',
      provider: 'BO-BTNMT-DATDAI',
      providerConst: 'LAND_REGISTRY_PROVIDER',
      service: 'GetLandRegistryRecord',
      methodKey: 'getLandRegistryRecord',
      serviceConst: 'getLandRegistryRecordService',
      request: 'GetLandRegistryRecordRequest',
      record: 'LandRegistryRecord',
      statusEnum: 'LandRegistryRecordStatus',
      statusPrefix: 'LAND_REGISTRY_RECORD_STATUS',
      envPrefix: 'LR',
      upstreamUrlEnv: 'LR_UPSTREAM_URL',
      apiPath: '/datdai/v1/records',
      adapterPackage: '@ndxp/adapter-land-registry',
      simulatorPackage: '@ndxp/simulator-land-registry',
      defaultPort: 8085,
    });
  });

  it('takes initials as the variable prefix, or the one word, unless given', () => {
    expect(defaultEnvPrefix('land-registry')).toBe('LR');
    expect(defaultEnvPrefix('vnpost')).toBe('VNPOST');
    expect(deriveNames({ ...input, envPrefix: 'DATDAI' }, 1).upstreamUrlEnv).toBe('DATDAI_UPSTREAM_URL');
  });

  it('refuses a malformed owner, subsystem, title, consumer list or prefix', () => {
    expect(() => deriveNames({ ...input, owner: 'BTNMT' }, 1)).toThrow(/--owner/);
    expect(() => deriveNames({ ...input, owner: 'BO-BTNMT-X' }, 1)).toThrow(/--owner/);
    expect(() => deriveNames({ ...input, subsystem: 'dat-dai' }, 1)).toThrow(/--subsystem/);
    expect(() => deriveNames({ ...input, title: ' ' }, 1)).toThrow(/--title/);
    expect(() => deriveNames({ ...input, consumers: [] }, 1)).toThrow(/--consumers/);
    expect(() => deriveNames({ ...input, consumers: ['tinh'] }, 1)).toThrow(/--consumers/);
    expect(() => deriveNames({ ...input, envPrefix: 'lr' }, 1)).toThrow(/--env-prefix/);
  });

  it('names the registry service generically unless given a title, and drops repeated consumers', () => {
    const n = deriveNames({ ...input, consumers: ['TINH', 'TINH'] }, 1);
    expect(n.serviceTitle).toBe('Tra cứu bản ghi của CSDL quốc gia về đất đai theo mã số');
    expect(n.consumers).toEqual(['TINH']);
    expect(deriveNames({ ...input, serviceTitle: 'Tra cứu thửa đất' }, 1).serviceTitle).toBe('Tra cứu thửa đất');
  });
});
