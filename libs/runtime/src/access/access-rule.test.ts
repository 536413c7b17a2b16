// authorize: unscoped roles pass outright; owner:/lgsp: pass only for a request limited to their
// own system or consumer; anything else is client.permission_denied naming what was needed.
import { authorize, missingRules, type AccessRule } from './access-rule';
import type { Caller } from './roles';
import { parseRoles } from './roles';

const caller = (...roles: string[]): Caller => ({
  identity: 'someone',
  roles: parseRoles(roles),
  via: 'grpc',
  peer: '',
  keyId: '',
  expiresAtMs: 0,
});
const usage: AccessRule<{ consumer: string; provider: string }> = {
  roles: ['oversight'],
  owner: (r) => r.provider,
  lgsp: (r) => r.consumer,
};
const rule = usage as AccessRule<never>;

describe('authorize', () => {
  it('lets an unscoped role through whatever the request', () => {
    expect(() => authorize(caller('oversight'), rule, { consumer: '', provider: '' }, 'GetUsage')).not.toThrow();
  });

  it('lets a data owner or an LGSP through only for a request limited to its own system or consumer', () => {
    expect(() => authorize(caller('owner:BO-BKHDT-DKDN'), rule, { consumer: '', provider: 'BO-BKHDT-DKDN' }, 'GetUsage')).not.toThrow();
    expect(() => authorize(caller('lgsp:TINH-01-LGSP'), rule, { consumer: 'TINH-01-LGSP', provider: '' }, 'GetUsage')).not.toThrow();
    for (const [c, req] of [
      [caller('owner:BO-BKHDT-DKDN'), { consumer: '', provider: '' }],
      [caller('owner:BO-BKHDT-DKDN'), { consumer: '', provider: 'BO-BTP-HOTICH' }],
      [caller('lgsp:TINH-01-LGSP'), { consumer: 'TINH-02-LGSP', provider: '' }],
      [caller('lgsp:TINH-01-LGSP'), { consumer: '', provider: '' }],
      [caller('ops'), { consumer: '', provider: '' }],
    ] as const) {
      expect(() => authorize(c, rule, req, 'GetUsage')).toThrow(expect.objectContaining({ code: 'client.permission_denied' }));
    }
  });

  it('names the roles needed and held in the refusal', () => {
    expect(() => authorize(caller('lgsp:TINH-01-LGSP'), { roles: ['ops'] }, {}, 'Grant')).toThrow(
      'Grant needs the role ops; someone holds lgsp:TINH-01-LGSP',
    );
  });

  it('finds the methods that have no rule', () => {
    expect(missingRules(['grant', 'revoke', 'snapshot'], { grant: { roles: ['ops'] }, snapshot: { public: true, why: 'x' } })).toEqual([
      'revoke',
    ]);
  });

  it('refuses unknown or repeated roles when parsing', () => {
    expect(() => parseRoles(['admin'])).toThrow(expect.objectContaining({ code: 'client.invalid_argument', field: 'roles' }));
    expect(() => parseRoles(['ops', 'ops'])).toThrow(expect.objectContaining({ code: 'client.invalid_argument' }));
    expect(() => parseRoles(['lgsp:tinh-01'])).toThrow(expect.objectContaining({ code: 'client.invalid_argument' }));
    expect(() => parseRoles([])).toThrow(expect.objectContaining({ code: 'client.invalid_argument' }));
  });
});
