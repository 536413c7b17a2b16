// ApiAccess for a service that verifies the registry's tokens locally (metering): any valid,
// unrevoked token authenticates its identity with the roles it carries.
import { MeshError } from '@ndxp/contracts';
import type { ApiAccess, Refusal } from './check-access';
import type { AccessRules } from './access-rule';
import type { TokenVerifier } from './token-verifier';

/** Access checked with the verifier against the rules. */
export function tokenAccess(verifier: TokenVerifier, rules: AccessRules, onRefused?: (r: Refusal) => void | Promise<void>): ApiAccess {
  return {
    rules,
    authenticate: async (token, peer, via) => {
      if (token === undefined) throw new MeshError('client.unauthenticated', 'no access token: send "authorization: Bearer <token>"');
      const v = await verifier.verify(token);
      return { identity: v.identity, roles: v.roles, via, peer, keyId: v.keyId, expiresAtMs: v.expiresAtMs };
    },
    ...(onRefused ? { onRefused } : {}),
  };
}
