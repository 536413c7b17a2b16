import { Header, type HeaderReader } from '@ndxp/contracts';
import { budgetOf, checkEnvelope, MAX_DEADLINE_AHEAD_MS, routeOf } from './request-checks';

const NOW = 1_700_000_000_000;
const route = { consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise' };
const headersOf = (values: Record<string, string>): HeaderReader => ({ get: (k) => values[k] ?? '' });
const good = { [Header.RequestId]: 'req-1', [Header.Deadline]: String(NOW + 5_000), [Header.Version]: 'v1' };
const refusal = (values: Record<string, string>, size = 10) => {
  const e = checkEnvelope(size, 1_000, route, headersOf(values), NOW);
  return e && { code: e.code, field: e.field };
};

describe('routeOf', () => {
  it('reads the three tokens of a well-formed request subject', () => {
    expect(routeOf('ndxp.req.TINH-01-LGSP.BO-BKHDT-DKDN.GetEnterprise')).toEqual(route);
  });
  it.each([
    'ndxp.req.TINH-01-LGSP.BO-BKHDT-DKDN',
    'ndxp.req.TINH-01-LGSP.BO-BKHDT-DKDN.GetEnterprise.extra',
    'ndxp.req.tinh-01-lgsp.BO-BKHDT-DKDN.GetEnterprise',
    'ndxp.req.TINH-01.BO-BKHDT-DKDN.GetEnterprise',
    'ndxp.req.TINH-01-LGSP.BO-BKHDT.GetEnterprise',
    'ndxp.req.TINH-01-LGSP.BO-BKHDT-DKDN.Get-Enterprise',
    'ndxp.req.TINH-01-LGSP.BO-BKHDT-DKDN.9Get',
    'ndxp.other.TINH-01-LGSP.BO-BKHDT-DKDN.GetEnterprise',
  ])('refuses %s', (subject) => {
    expect(routeOf(subject)).toBeUndefined();
  });
});

describe('checkEnvelope', () => {
  it('passes a well-formed request', () => {
    expect(refusal(good)).toBeUndefined();
    expect(refusal({ [Header.RequestId]: 'x' })).toBeUndefined();
  });
  it('refuses a request above the size limit with client.too_large before anything else', () => {
    expect(refusal({}, 1_001)).toEqual({ code: 'client.too_large', field: 'payload' });
    expect(refusal(good, 1_000)).toBeUndefined();
  });
  it('refuses a malformed subject with client.malformed naming the subject', () => {
    const e = checkEnvelope(10, 1_000, undefined, headersOf(good), NOW);
    expect({ code: e?.code, field: e?.field }).toEqual({ code: 'client.malformed', field: 'subject' });
  });
  it.each([
    ['missing', ''],
    ['too long', 'a'.repeat(129)],
    ['with a space', 'req 1'],
    ['with a control character', 'req\u00011'],
    ['with a non-ASCII character', 'réq-1'],
  ])('refuses a request id %s with client.malformed on Ndxp-Request-Id', (_what, id) => {
    expect(refusal({ ...good, [Header.RequestId]: id })).toEqual({ code: 'client.malformed', field: Header.RequestId });
  });
  it('refuses a request without headers on Ndxp-Request-Id', () => {
    const e = checkEnvelope(10, 1_000, route, undefined, NOW);
    expect(e?.field).toBe(Header.RequestId);
  });
  it.each([
    ['not a number', 'soon'],
    ['negative', '-5'],
    ['fractional', '1700000000000.5'],
    ['absurdly far', String(NOW + MAX_DEADLINE_AHEAD_MS + 1)],
    ['too many digits', '9'.repeat(16)],
  ])('refuses a deadline %s with client.malformed on Ndxp-Deadline', (_what, d) => {
    expect(refusal({ ...good, [Header.Deadline]: d })).toEqual({ code: 'client.malformed', field: Header.Deadline });
  });
  it('lets a past deadline through (the registry check answers client.deadline_exceeded)', () => {
    expect(refusal({ ...good, [Header.Deadline]: String(NOW - 1) })).toBeUndefined();
  });
  it.each(['soon', '-5', '4.5', String(MAX_DEADLINE_AHEAD_MS + 1), '9'.repeat(10)])(
    'refuses the budget %j with client.malformed on Ndxp-Timeout',
    (t) => {
      expect(refusal({ ...good, [Header.Timeout]: t })).toEqual({ code: 'client.malformed', field: Header.Timeout });
    },
  );
  it('reads the budget from Ndxp-Timeout and ignores the absolute deadline of a skewed sender beside it', () => {
    const skewed = { ...good, [Header.Timeout]: '5000', [Header.Deadline]: String(NOW + MAX_DEADLINE_AHEAD_MS * 2) };
    expect(refusal(skewed)).toBeUndefined();
    const h = { get: (k: string) => (skewed as Record<string, string>)[k] ?? '' };
    expect(budgetOf(h, NOW, 10_000, 60_000)).toBe(5_000);
    expect(budgetOf({ get: (k: string) => (k === Header.Deadline ? String(NOW + 3_000) : '') }, NOW, 10_000, 60_000)).toBe(3_000);
    expect(budgetOf({ get: () => '' }, NOW, 10_000, 60_000)).toBe(10_000);
    expect(budgetOf({ get: (k: string) => (k === Header.Timeout ? '600000' : '') }, NOW, 10_000, 60_000)).toBe(60_000);
  });
  it.each(['v 1', 'v1\u0000', 'x'.repeat(33)])('refuses the malformed version %j on Ndxp-Version', (v) => {
    expect(refusal({ ...good, [Header.Version]: v })).toEqual({ code: 'client.malformed', field: Header.Version });
  });
  it('refuses an officer or purpose with control characters or over 256 characters', () => {
    expect(refusal({ ...good, [Header.Officer]: 'a\tb' })).toEqual({ code: 'client.malformed', field: Header.Officer });
    expect(refusal({ ...good, [Header.Purpose]: 'p'.repeat(257) })).toEqual({ code: 'client.malformed', field: Header.Purpose });
    expect(refusal({ ...good, [Header.Officer]: 'Cán bộ Nguyễn', [Header.Purpose]: 'HS-2021' })).toBeUndefined();
  });
});
