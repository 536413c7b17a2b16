// The key the registry signs access tokens with: an ES256 (P-256) private key kept as a JSON Web
// Key in a file (REGISTRY_TOKEN_KEY; made with mode 0600 on first start when absent, so every
// replica given the same file signs alike). Its public half goes out in the snapshot.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TokenKey } from '@ndxp/contracts';
import { ConfigError, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessRole } from '@ndxp/runtime';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';

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
    const pair = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
    return TokenSigner.fromJwk(await exportJWK(pair.privateKey));
  }

  /** Loads the key from file, or makes it there when the file does not exist. */
  static async open(path: string): Promise<{ signer: TokenSigner; created: boolean }> {
    let jwk: JWK;
    let created = false;
    if (existsSync(path)) {
      try {
        jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
      } catch (err) {
        throw new ConfigError(`REGISTRY_TOKEN_KEY=${path} is not a JSON Web Key: ${(err as Error).message}`);
      }
      if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d)
        throw new ConfigError(`REGISTRY_TOKEN_KEY=${path} must be a P-256 (ES256) private JWK`);
    } else {
      const pair = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
      jwk = await exportJWK(pair.privateKey);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(jwk)}\n`, { mode: 0o600 });
      created = true;
    }
    return { signer: await TokenSigner.fromJwk(jwk), created };
  }

  private static async fromJwk(jwk: JWK): Promise<TokenSigner> {
    const { d: _d, ...publicJwk } = jwk;
    const kid = jwk.kid ?? (await calculateJwkThumbprint(publicJwk));
    const key = await importJWK(jwk, TOKEN_ALGORITHM);
    return new TokenSigner(key, { kid, publicJwk: JSON.stringify({ ...publicJwk, kid, alg: TOKEN_ALGORITHM, use: 'sig' }) });
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
