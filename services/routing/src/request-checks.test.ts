import { isHeaderText, isRequestId, isVersionToken, routeOf } from './request-checks';

const route = { consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise' };

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

describe('value checks', () => {
  it('takes a request id of 1-128 printable ASCII characters without spaces', () => {
    expect(['x', 'req-1', 'a'.repeat(128)].map(isRequestId)).toEqual([true, true, true]);
    expect(['', 'a'.repeat(129), 'req 1', 'réq-1'].map(isRequestId)).toEqual([false, false, false, false]);
  });
  it('takes header text of at most 256 characters without control characters', () => {
    expect(['', 'Cán bộ Nguyễn', 'p'.repeat(256)].map(isHeaderText)).toEqual([true, true, true]);
    expect(['a\tb', 'p'.repeat(257), 'x\u007f'].map(isHeaderText)).toEqual([false, false, false]);
  });
  it('takes a short version token', () => {
    expect(['v1', 'v2.1-beta_3'].map(isVersionToken)).toEqual([true, true]);
    expect(['', 'v 1', 'x'.repeat(33)].map(isVersionToken)).toEqual([false, false, false]);
  });
});
