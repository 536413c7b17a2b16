// OAuth2 access tokens of the HTTP/JSON edge (RFC 6749 4.4 client credentials): ES256 JWTs the
// gateway signs and verifies itself with jose, short-lived, naming the client. A token is honoured
// only while its client is valid in the registry copy, so revoking the client (ndxp credentials
// revoke) stops its tokens as soon as the revocation event reaches the gateway.
import { createHash, randomUUID } from 'node:crypto';
import { MeshError } from '@ndxp/contracts';
import { openSigningKey, SIGNING_ALGORITHM } from '@ndxp/runtime';
import { jwtVerify, SignJWT, type KeyLike } from 'jose';
import type { CredentialBook } from './credential-book';

const ALGORITHM = SIGNING_ALGORITHM;
/** iss and aud of every access token: only a gateway takes them. */
export const ACCESS_TOKEN_ISSUER = 'ndxp-gateway';

/** An access token as /token answers it. */
export interface IssuedToken {
  accessToken: string;
  /** Seconds until it expires. */
  expiresInS: number;
}

/** Who a valid access token speaks for. */
export interface TokenHolder {
  consumer: string;
  clientId: string;
}

/** Most verified tokens remembered at once (a client asks one every few minutes; the gateway sees few clients). */
export const VERIFIED_TOKENS_MAX = 10_000;

/** What a token's signature, issuer, audience and type were checked to say, remembered until its expiry. */
interface VerifiedClaims {
  consumer: string | undefined;
  clientId: unknown;
  /** exp, seconds since the epoch. */
  exp: number;
}

/** Signs and verifies the edge's access tokens with one P-256 key. */
export class AccessTokens {
  /**
   * Tokens whose signature verified, by the SHA-256 of the token (the gateway keeps no bearer secret
   * in clear), until they expire: the ECDSA check was most of the edge's CPU per call, and a client
   * sends the same token for its whole life. Expiry and the client's validity are checked on every call.
   */
  private readonly verified = new Map<string, VerifiedClaims>();

  private constructor(
    private readonly privateKey: KeyLike | Uint8Array,
    private readonly publicKey: KeyLike | Uint8Array,
    private readonly kid: string,
    private readonly lifetimeS: number,
  ) {}

  /**
   * The key in `path` (GATEWAY_TOKEN_KEY: a P-256 private JWK, made there with mode 0600 when absent,
   * so every replica given the same file signs and verifies alike), or one in memory when no path is
   * given (tokens then hold on this process only, until it restarts).
   */
  static async open(path: string | undefined, lifetimeS: number): Promise<{ tokens: AccessTokens; created: boolean }> {
    const key = await openSigningKey('GATEWAY_TOKEN_KEY', path);
    return { tokens: new AccessTokens(key.privateKey, key.publicKey, key.kid, lifetimeS), created: key.created };
  }

  /** A new access token for the client `clientId` of `consumer`. */
  async issue(holder: TokenHolder, nowMs: number): Promise<IssuedToken> {
    const iat = Math.floor(nowMs / 1000);
    const accessToken = await new SignJWT({ client_id: holder.clientId })
      .setProtectedHeader({ alg: ALGORITHM, kid: this.kid, typ: 'at+jwt' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_ISSUER)
      .setSubject(holder.consumer)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.lifetimeS)
      .sign(this.privateKey);
    return { accessToken, expiresInS: this.lifetimeS };
  }

  /**
   * The holder of a bearer access token: signed by this key, not expired, and its client still valid
   * for the same consumer in `book`. Throws MeshError client.unauthenticated otherwise.
   */
  async verify(token: string, book: CredentialBook, nowMs: number): Promise<TokenHolder> {
    const key = createHash('sha256').update(token).digest('base64');
    let claims = this.verified.get(key);
    // jose's own rule: expired once exp <= now in whole seconds.
    if (claims && claims.exp <= Math.floor(nowMs / 1000)) {
      this.verified.delete(key);
      claims = undefined;
    }
    if (!claims) {
      claims = await this.verifySignature(token, nowMs);
      this.remember(key, claims, nowMs);
    }
    const { consumer, clientId } = claims;
    if (typeof clientId !== 'string' || !consumer || book.clientConsumer(clientId, nowMs) !== consumer)
      throw new MeshError('client.unauthenticated', 'the client of this access token is revoked or expired');
    return { consumer, clientId };
  }

  /** The claims of a token signed by this key, of the right issuer, audience and type, not expired. */
  private async verifySignature(token: string, nowMs: number): Promise<VerifiedClaims> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        algorithms: [ALGORITHM],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_ISSUER,
        typ: 'at+jwt',
        currentDate: new Date(nowMs),
        requiredClaims: ['exp'],
      });
      return { consumer: payload.sub, clientId: payload['client_id'], exp: payload.exp! };
    } catch {
      throw new MeshError('client.unauthenticated', 'the access token is invalid or expired: ask /token for a new one');
    }
  }

  private remember(key: string, claims: VerifiedClaims, nowMs: number): void {
    if (this.verified.size >= VERIFIED_TOKENS_MAX) {
      const now = Math.floor(nowMs / 1000);
      for (const [k, c] of this.verified) if (c.exp <= now) this.verified.delete(k);
      // Still full of live tokens: forget the oldest (Map order is insertion order); it verifies again when next seen.
      if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(key, claims);
  }
}
