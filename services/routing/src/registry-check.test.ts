import { atOnce, envelopedRequest, passed, refusalOf, ROUTE } from './admission.fixture';
import { checkRegistry } from './registry-check';

const enveloped = (serviceKnown = true) => envelopedRequest({}, { serviceKnown });
const view = (ready: boolean, grants: string[] = [`${ROUTE.consumer}>${ROUTE.provider}/${ROUTE.service}`]) => ({
  ready,
  hasGrant: (c: string, p: string, s: string) => grants.includes(`${c}>${p}/${s}`),
});

describe('checkRegistry', () => {
  it('passes a registered service called by a consumer with a grant', () => {
    expect(passed(atOnce(checkRegistry(view(true))(enveloped()))).authorized).toBe(true);
  });
  it('refuses server.unavailable before the registry copy is loaded, whatever else', () => {
    expect(refusalOf(atOnce(checkRegistry(view(false, []))(enveloped(false))))).toEqual({ code: 'server.unavailable', field: undefined });
  });
  it('refuses a service or version the registry does not hold with client.unknown_service, before the grant', () => {
    const e = atOnce(checkRegistry(view(true, []))(enveloped(false)));
    expect(refusalOf(e)).toEqual({ code: 'client.unknown_service', field: undefined });
    expect((e as Error).message).toBe(`no service ${ROUTE.provider}/${ROUTE.service} v1`);
  });
  it('refuses a consumer without a grant with client.access_denied naming it', () => {
    const e = atOnce(checkRegistry(view(true, []))(enveloped()));
    expect(refusalOf(e)).toEqual({ code: 'client.access_denied', field: undefined });
    expect((e as Error).message).toBe(`${ROUTE.consumer} may not call ${ROUTE.provider}/${ROUTE.service}`);
  });
});
