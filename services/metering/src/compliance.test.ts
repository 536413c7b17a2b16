import {
  BUDGET_UNITS_PROVIDER,
  BUSINESS_REGISTRATION_PROVIDER,
  CIVIL_STATUS_PROVIDER,
  RegistrySnapshot,
  VNPOST_PROVIDER,
} from '@ndxp/contracts';
import { buildCompliance } from './compliance';
import { SNAPSHOT } from './registry.fixture';
import { buildConnected } from './connected';

const FIRST_OK = [
  { consumer: 'BO-BTP-LGSP', provider: BUSINESS_REGISTRATION_PROVIDER, day: '2021-10-02' },
  { consumer: 'BO-BTP-LGSP', provider: VNPOST_PROVIDER, day: '2021-11-20' },
  { consumer: 'BO-BYT-LGSP', provider: BUSINESS_REGISTRATION_PROVIDER, day: '2021-10-02' },
  { consumer: 'TINH-01-LGSP', provider: BUSINESS_REGISTRATION_PROVIDER, day: '2021-03-01' },
  { consumer: 'TINH-01-LGSP', provider: BUDGET_UNITS_PROVIDER, day: '2021-03-01' },
  { consumer: 'TINH-01-LGSP', provider: VNPOST_PROVIDER, day: '2021-03-01' },
];

describe('compliance with the deadline rule', () => {
  it('marks a ministry compliant, one not, and a province missing civil status, ministries first', () => {
    const r = buildCompliance(SNAPSHOT, FIRST_OK, '2021-12-01');
    expect(r.rows.map((x) => [x.member, x.compliant, x.missing])).toEqual([
      ['BO-BTP', true, []],
      ['BO-BYT', false, [VNPOST_PROVIDER]],
      ['TINH-01', false, [CIVIL_STATUS_PROVIDER]],
    ]);
    expect(r).toMatchObject({ agencies: 3, compliant: 1, notCompliant: ['BO-BYT', 'TINH-01'], date: '2021-12-01' });
    expect(r.rows[0]!.met).toEqual([
      { provider: BUSINESS_REGISTRATION_PROVIDER, firstOkDay: '2021-10-02' },
      { provider: VNPOST_PROVIDER, firstOkDay: '2021-11-20' },
    ]);
    expect(r.rows[2]!.required).toHaveLength(4);
  });

  it('counts only ok calls on or before the date', () => {
    const r = buildCompliance(SNAPSHOT, FIRST_OK, '2021-11-19');
    expect(r.rows[0]).toMatchObject({ member: 'BO-BTP', compliant: false, missing: [VNPOST_PROVIDER] });
  });
});

describe('connected versus active', () => {
  const period = { fromDay: '2021-10-01', toDay: '2021-10-31' };
  const rows = (keys: [string, number][]) =>
    keys.map(([key, ok]) => ({ key, count: ok + 1, ok, clientErrors: 1, serverErrors: 0, latency: [] }));

  it('counts consumers with grants as connected while the registry has no credentials', () => {
    const r = buildConnected(
      SNAPSHOT,
      period,
      rows([
        ['BO-BTP-LGSP', 3],
        ['BO-BYT-LGSP', 0],
      ]),
      rows([[BUSINESS_REGISTRATION_PROVIDER, 3]]),
    );
    expect(r).toMatchObject({
      connectedBasis: 'grants',
      connectedConsumers: ['BO-BTP-LGSP', 'BO-BYT-LGSP', 'TINH-01-LGSP'],
      activeConsumers: ['BO-BTP-LGSP'],
      connectedSystems: [BUSINESS_REGISTRATION_PROVIDER, CIVIL_STATUS_PROVIDER],
      activeSystems: [BUSINESS_REGISTRATION_PROVIDER],
    });
  });

  it('requires a valid nats or token credential once the registry has credentials', () => {
    const snap = RegistrySnapshot.fromPartial({
      ...SNAPSHOT,
      credentials: [
        { consumer: 'BO-BTP-LGSP', kind: 'nats', keyId: 'k1' },
        { consumer: 'BO-BYT-LGSP', kind: 'token', keyId: 'k2', revokedAtMs: 5 },
        { consumer: 'TINH-01-LGSP', kind: 'token', keyId: 'k3', expiresAtMs: 1_000 },
      ],
    });
    const r = buildConnected(snap, period, [], [], 2_000);
    expect(r).toMatchObject({
      connectedBasis: 'credentials',
      connectedConsumers: ['BO-BTP-LGSP'],
      connectedSystems: [BUSINESS_REGISTRATION_PROVIDER],
    });
  });
});
