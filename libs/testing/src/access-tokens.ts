// Access tokens for tests: a signing key of a test's own (for services started with a registry
// snapshot fixture), or real tokens from a running mesh's registry (Mesh.accessToken).
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';

/** The public key in the registry snapshot's form (ndxp.registry.v1.TokenKey). */
export interface TestTokenKey {
  kid: string;
  publicJwk: string;
}

/** Mints ES256 tokens as the registry does, with a key of its own. */
export interface TestTokenIssuer {
  /** The key to put in a snapshot fixture's tokenKeys. */
  tokenKey: TestTokenKey;
  /** A token for identity with roles; expiresInS may be negative (already expired). */
  token(identity: string, roles: string[], options?: { expiresInS?: number; keyId?: string }): Promise<string>;
}

/** A new issuer with a fresh P-256 key (kid "test-<uuid>"). */
export async function testTokenIssuer(): Promise<TestTokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `test-${randomUUID()}`;
  const jwk = await exportJWK(publicKey);
  const key: KeyLike = privateKey;
  return {
    tokenKey: { kid, publicJwk: JSON.stringify({ ...jwk, kid, alg: 'ES256', use: 'sig' }) },
    token: (identity, roles, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ roles })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer('ndxp-registry')
        .setAudience('ndxp-mesh')
        .setSubject(identity)
        .setJti(options.keyId ?? `at_${randomUUID().replace(/-/g, '')}`)
        .setIssuedAt(now - 5)
        .setExpirationTime(now + (options.expiresInS ?? 600))
        .sign(key);
    },
  };
}
