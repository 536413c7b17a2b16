// Verifying the registry's access tokens locally: ES256 JWTs (jose) whose signing keys and revoked
// ids come from the registry (its snapshot, then its change events), so a service checks a caller
// without a round trip and a revocation takes effect as soon as the event arrives.
import { MeshError, type AccessToken, type TokenKey } from '@ndxp/contracts';
import { decodeProtectedHeader, importJWK, jwtVerify, errors as joseErrors, type JWK, type JWTPayload, type KeyLike } from 'jose';
import { isAccessRole, type AccessRole } from './roles';

/** The "iss" of every access token. */
export const TOKEN_ISSUER = 'ndxp-registry';
/** The "aud" of every access token. */
export const TOKEN_AUDIENCE = 'ndxp-mesh';
/** The one signature algorithm accepted. */
export const TOKEN_ALGORITHM = 'ES256';

/** What a valid token says. */
export interface VerifiedToken {
  identity: string;
  roles: AccessRole[];
  keyId: string;
  expiresAtMs: number;
}

const unauthenticated = (message: string, cause?: unknown): MeshError =>
  new MeshError('client.unauthenticated', message, cause === undefined ? {} : { cause });

/** The registry's public keys and the ids of revoked tokens, and the check of a token against them. */
export class TokenVerifier {
  private keys = new Map<string, KeyLike | Uint8Array>();
  private revoked = new Map<string, number>();
  private loaded = false;

  /** True once keys have been set (before that every token is refused as server.unavailable). */
  get ready(): boolean {
    return this.loaded;
  }

  /** Replaces the keys tokens may be signed with. */
  async setKeys(keys: readonly TokenKey[]): Promise<void> {
    const next = new Map<string, KeyLike | Uint8Array>();
    for (const k of keys) next.set(k.kid, await importJWK(JSON.parse(k.publicJwk) as JWK, TOKEN_ALGORITHM));
    this.keys = next;
    this.loaded = true;
  }

  /** Replaces the deny list with these revoked tokens. */
  setRevoked(tokens: readonly AccessToken[]): void {
    this.revoked = new Map(tokens.filter((t) => t.revokedAtMs !== 0).map((t) => [t.keyId, t.expiresAtMs]));
  }

  /** Adds one revoked token to the deny list (expired entries are dropped as they pass). */
  revoke(token: Pick<AccessToken, 'keyId' | 'expiresAtMs'>, nowMs = Date.now()): void {
    this.revoked.set(token.keyId, token.expiresAtMs);
    for (const [id, exp] of this.revoked) if (exp !== 0 && exp < nowMs) this.revoked.delete(id);
  }

  /**
   * Checks signature, issuer, audience, expiry, the roles claim and the deny list; throws
   * client.unauthenticated naming what failed (never echoing the token), or server.unavailable
   * while no keys are known.
   */
  async verify(token: string, nowMs = Date.now()): Promise<VerifiedToken> {
    if (!this.loaded) throw new MeshError('server.unavailable', "the registry's token keys are not loaded yet");
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch (err) {
      throw unauthenticated('the bearer token is not a JWT', err);
    }
    const key = kid === undefined ? undefined : this.keys.get(kid);
    if (!key) throw unauthenticated('the token is not signed by a key of this registry');
    let payload: JWTPayload;
    try {
      payload = (
        await jwtVerify(token, key, {
          issuer: TOKEN_ISSUER,
          audience: TOKEN_AUDIENCE,
          algorithms: [TOKEN_ALGORITHM],
          currentDate: new Date(nowMs),
          requiredClaims: ['sub', 'jti', 'exp'],
        })
      ).payload;
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated('the token has expired', err);
      if (err instanceof joseErrors.JWSSignatureVerificationFailed) throw unauthenticated("the token's signature does not verify", err);
      throw unauthenticated(`the token is not valid: ${(err as Error).message}`, err);
    }
    const roles = Array.isArray(payload['roles']) ? (payload['roles'] as unknown[]).filter((r): r is string => typeof r === 'string') : [];
    if (roles.length === 0 || !roles.every(isAccessRole)) throw unauthenticated('the token carries no valid roles');
    const keyId = payload.jti!;
    if (this.revoked.has(keyId)) throw unauthenticated('the token has been revoked');
    return { identity: payload.sub!, roles, keyId, expiresAtMs: payload.exp! * 1000 };
  }
}

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)\s*$/i;

/** The token of an "authorization: Bearer <token>" value; undefined when absent, throws when malformed. */
export function bearerToken(values: readonly string[]): string | undefined {
  if (values.length === 0) return undefined;
  const m = values.length === 1 ? BEARER.exec(values[0]!) : null;
  if (!m) throw unauthenticated('authorization must be one "Bearer <token>"');
  return m[1];
}
