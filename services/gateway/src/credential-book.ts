// The gateway's copy of the registry's bearer-token credentials: SHA-256 digests only, never tokens.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Credential } from '@ndxp/contracts';

/** Credential kind of a gateway bearer token. */
export const TOKEN_KIND = 'token';

interface TokenEntry {
  keyId: string;
  consumer: string;
  digest: Buffer;
  expiresAtMs: number;
}

/** Valid token credentials by digest; answers which consumer a presented token belongs to. */
export class CredentialBook {
  private byDigest = new Map<string, TokenEntry>();
  private byKeyId = new Map<string, TokenEntry>();

  /** Number of valid (not revoked) token credentials held, expired ones included. */
  get size(): number {
    return this.byKeyId.size;
  }

  /** Replaces the book with the credentials of a snapshot. */
  load(credentials: readonly Credential[]): void {
    this.byDigest = new Map();
    this.byKeyId = new Map();
    for (const c of credentials) this.issued(c);
  }

  /** Adds an issued credential (ignored unless it is a valid token credential with a well-formed digest). */
  issued(c: Credential): void {
    if (c.kind !== TOKEN_KIND || c.revokedAtMs !== 0 || !/^[0-9a-f]{64}$/i.test(c.tokenSha256)) return;
    this.remove(c.keyId);
    const entry: TokenEntry = {
      keyId: c.keyId,
      consumer: c.consumer,
      digest: Buffer.from(c.tokenSha256, 'hex'),
      expiresAtMs: c.expiresAtMs,
    };
    this.byKeyId.set(entry.keyId, entry);
    this.byDigest.set(entry.digest.toString('hex'), entry);
  }

  /** Drops a revoked credential. */
  revoked(c: Credential): void {
    this.remove(c.keyId);
    // A revocation event may name only the digest; drop by it too.
    if (/^[0-9a-f]{64}$/i.test(c.tokenSha256)) {
      const e = this.byDigest.get(c.tokenSha256.toLowerCase());
      if (e) this.remove(e.keyId);
    }
  }

  /**
   * The consumer a bearer token authenticates, or undefined (unknown, revoked or expired). The map
   * is keyed by the token's digest, which tells a caller timing nothing about any valid token; the
   * digest is then compared in constant time.
   */
  consumerOf(token: string, nowMs: number): string | undefined {
    if (token.length === 0) return undefined;
    const digest = createHash('sha256').update(token, 'utf8').digest();
    const entry = this.byDigest.get(digest.toString('hex'));
    if (!entry || !timingSafeEqual(entry.digest, digest)) return undefined;
    if (entry.expiresAtMs !== 0 && entry.expiresAtMs <= nowMs) return undefined;
    return entry.consumer;
  }

  private remove(keyId: string): void {
    const e = this.byKeyId.get(keyId);
    if (!e) return;
    this.byKeyId.delete(keyId);
    this.byDigest.delete(e.digest.toString('hex'));
  }
}

/** Hex SHA-256 of a token, as the registry stores it in Credential.token_sha256. */
export function tokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
