// The registry methods for access tokens (issue 13): IssueAccessToken, RevokeAccessTokens and
// ListAccessTokens, and the snapshot's public keys. A token is a JWT the registry signs; only its
// record (identity, roles, id, times) is stored.
import { MeshError, type RegistryChange } from '@ndxp/contracts';
import { IDENTITY_NAME, parseRoles } from '@ndxp/runtime';
import type { RegistryStore } from '@ndxp/store';
import type { RegistryHandlers } from './handlers';
import { newKeyId, type TokenSigner } from './token-signer';
import { invalid } from './validation';

type TokenMethods = Pick<RegistryHandlers, 'issueAccessToken' | 'revokeAccessTokens' | 'listAccessTokens'>;

/** Token lifetimes, seconds. */
export interface TokenLifetimes {
  /** Given when a request asks for 0. */
  defaultS: number;
  /** The most a request may ask for. */
  maxS: number;
}

/** What the token handlers need; `serial` orders the changes with the other handlers'. */
export interface TokenDeps {
  store: RegistryStore;
  signer: TokenSigner;
  lifetimes: TokenLifetimes;
  publish: (change: RegistryChange) => void;
  now: () => number;
  serial: <T>(fn: () => Promise<T>) => Promise<T>;
}

function checkIdentity(identity: string, field = 'identity'): void {
  if (!IDENTITY_NAME.test(identity))
    invalid(field, `${field} must be 2 to 64 of a-z 0-9 . _ @ - (starting with a letter or digit), got ${JSON.stringify(identity)}`);
}

/** Builds the three token methods. */
export function createTokenHandlers({ store, signer, lifetimes, publish, now, serial }: TokenDeps): TokenMethods {
  return {
    issueAccessToken: async (req, context) => {
      checkIdentity(req.identity);
      const roles = parseRoles(req.roles);
      const lifetimeS = req.expiresInS === 0 ? lifetimes.defaultS : req.expiresInS;
      if (lifetimeS > lifetimes.maxS)
        invalid('expires_in_s', `expires_in_s must be at most ${lifetimes.maxS} (REGISTRY_TOKEN_MAX_TTL_S), got ${lifetimeS}`);
      const issuedAtMs = now();
      const record = {
        identity: req.identity,
        roles,
        keyId: newKeyId(),
        issuedAtMs,
        expiresAtMs: issuedAtMs + lifetimeS * 1000,
        revokedAtMs: 0,
        issuedBy: context?.caller?.identity ?? '',
      };
      const token = await signer.sign(record);
      await serial(async () => {
        const result = await store.addAccessToken(record);
        // Every revision has its event, or the registry's followers see a gap and re-sync.
        publish({ revision: result.revision, change: { $case: 'accessTokenIssued', value: record } });
      });
      return { accessToken: record, token };
    },

    revokeAccessTokens: async ({ identity, keyId }) => {
      checkIdentity(identity);
      return serial(async () => {
        const result = await store.revokeAccessTokens(identity, keyId, now());
        if (keyId && !result.changed && !(await store.getAccessToken(keyId))) {
          throw new MeshError('client.not_found', `${identity} has no access token ${keyId}`, { field: 'key_id' });
        }
        // One event per token, all at the revision the store reached: verifiers drop each at once.
        for (const t of result.revoked) publish({ revision: result.revision, change: { $case: 'accessTokenRevoked', value: t } });
        return { revoked: result.revoked, revision: result.revision };
      });
    },

    listAccessTokens: async ({ identity }) => {
      if (identity) checkIdentity(identity);
      return { accessTokens: await store.listAccessTokens(identity) };
    },
  };
}
