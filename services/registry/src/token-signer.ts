// The key the registry signs access tokens with: an ES256 (P-256) private key kept as a JSON Web
// Key in a file (REGISTRY_TOKEN_KEY; made with mode 0600 on first start when absent, so every
// replica given the same file signs alike). Its public half goes out in the snapshot.
import { randomUUID } from 'node:crypto';
import type { TokenKey } from '@ndxp/contracts';
import { openSigningKey, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessRole, type SigningKey } from '@ndxp/runtime';
import { SignJWT, type KeyLike } from 'jose';

/** What a token states. */
export interface TokenClaims {
  identity: string;
  roles: readonly AccessRole[];
  keyId: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

/** Signs access tokens with one private key. */
export class TokenSigner {
  private constructor(
    private readonly key: KeyLike | Uint8Array,
    readonly publicKey: TokenKey,
  ) {}

  /** A signer with a new key held in memory only (tests, and tools that sign nothing lasting). */
  static async ephemeral(): Promise<TokenSigner> {
    return TokenSigner.of(await openSigningKey('REGISTRY_TOKEN_KEY', undefined));
  }

  /** Loads the key from file, or makes it there when the file does not exist. */
  static async open(path: string): Promise<{ signer: TokenSigner; created: boolean }> {
    const key = await openSigningKey('REGISTRY_TOKEN_KEY', path);
    return { signer: TokenSigner.of(key), created: key.created };
  }

  private static of(key: SigningKey): TokenSigner {
    const publicJwk = JSON.stringify({ ...key.publicJwk, kid: key.kid, alg: TOKEN_ALGORITHM, use: 'sig' });
    return new TokenSigner(key.privateKey, { kid: key.kid, publicJwk });
  }

  /** The signed JWT for these claims. */
  sign(claims: TokenClaims): Promise<string> {
    return new SignJWT({ roles: [...claims.roles] })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: this.publicKey.kid, typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(claims.identity)
      .setJti(claims.keyId)
      .setIssuedAt(Math.floor(claims.issuedAtMs / 1000))
      .setExpirationTime(Math.floor(claims.expiresAtMs / 1000))
      .sign(this.key);
  }
}

/** A new token id. */
export function newKeyId(): string {
  return `at_${randomUUID().replace(/-/g, '')}`;
}
