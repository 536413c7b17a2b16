// The gateway's copy of the registry's bearer-token credentials and OAuth2 clients: SHA-256 digests
// only, never tokens or client secrets.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Credential } from '@ndxp/contracts';
import type { JWK } from 'jose';

/** Credential kind of a gateway bearer token. */
export const TOKEN_KIND = 'token';
/** Credential kind of an OAuth2 client of the HTTP/JSON edge (key id = client id, digest = the secret's). */
export const OAUTH_KIND = 'oauth';

interface TokenEntry {
  keyId: string;
  consumer: string;
  digest: Buffer;
  expiresAtMs: number;
}

/** An OAuth2 client: a secret's digest, or the public JWK of a private_key_jwt client. */
interface ClientEntry {
  keyId: string;
  consumer: string;
  digest: Buffer | undefined;
  publicJwk: JWK | undefined;
  expiresAtMs: number;
}

/** A private_key_jwt client: whose it is and the key its assertions must be signed with. */
export interface KeyClient {
  consumer: string;
  publicJwk: JWK;
}

/** Valid token credentials by digest; answers which consumer a presented token belongs to. */
export class CredentialBook {
  private byDigest = new Map<string, TokenEntry>();
  private byKeyId = new Map<string, TokenEntry>();
  private clients = new Map<string, ClientEntry>();

  /** Number of valid (not revoked) token credentials held, expired ones included. */
  get size(): number {
    return this.byKeyId.size;
  }

  /** Replaces the book with the credentials of a snapshot. */
  load(credentials: readonly Credential[]): void {
    this.byDigest = new Map();
    this.byKeyId = new Map();
    this.clients = new Map();
    for (const c of credentials) this.issued(c);
  }

  /** Adds an issued credential (ignored unless it is a valid token or OAuth2 client credential with a well-formed digest or key). */
  issued(c: Credential): void {
    if (c.kind === OAUTH_KIND) {
      if (c.revokedAtMs !== 0) return;
      const digest = /^[0-9a-f]{64}$/i.test(c.tokenSha256) ? Buffer.from(c.tokenSha256, 'hex') : undefined;
      const publicJwk = parseJwk(c.publicJwk);
      if (digest || publicJwk)
        this.clients.set(c.keyId, { keyId: c.keyId, consumer: c.consumer, digest, publicJwk, expiresAtMs: c.expiresAtMs });
      return;
    }
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
    this.clients.delete(c.keyId);
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

  /**
   * The consumer of an OAuth2 client whose secret is `secret`, or undefined (unknown client, wrong
   * secret, revoked or expired). The secret's digest is compared in constant time.
   */
  clientOf(clientId: string, secret: string, nowMs: number): string | undefined {
    const entry = this.activeClient(clientId, nowMs);
    if (!entry?.digest) return undefined;
    const digest = createHash('sha256').update(secret, 'utf8').digest();
    return timingSafeEqual(entry.digest, digest) ? entry.consumer : undefined;
  }

  /** A valid private_key_jwt client (registered with its public key), or undefined. */
  keyClient(clientId: string, nowMs: number): KeyClient | undefined {
    const entry = this.activeClient(clientId, nowMs);
    return entry?.publicJwk ? { consumer: entry.consumer, publicJwk: entry.publicJwk } : undefined;
  }

  /** The consumer of a client that is still valid (an access token it was given dies with it), or undefined. */
  clientConsumer(clientId: string, nowMs: number): string | undefined {
    return this.activeClient(clientId, nowMs)?.consumer;
  }

  private activeClient(clientId: string, nowMs: number): ClientEntry | undefined {
    const entry = this.clients.get(clientId);
    if (!entry || (entry.expiresAtMs !== 0 && entry.expiresAtMs <= nowMs)) return undefined;
    return entry;
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

/** The JSON object of a stored public JWK, or undefined when there is none (or it is not an object). */
function parseJwk(text: string): JWK | undefined {
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && typeof (v as { kty?: unknown }).kty === 'string' ? (v as JWK) : undefined;
  } catch {
    return undefined;
  }
}
