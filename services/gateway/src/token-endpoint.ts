// POST /token: the OAuth2 client-credentials grant (RFC 6749 section 4.4). The client authenticates
// with HTTP Basic (client_id:client_secret, each form-encoded, section 2.3.1), with client_id and
// client_secret in the form body, or with a signed JWT assertion (private_key_jwt, RFC 7523 section
// 2.2, verified with jose against the public key the registry holds); errors are section 5.2's JSON.
import { JWT_BEARER_ASSERTION_TYPE } from '@ndxp/openapi';
import { decodeJwt, importJWK, jwtVerify } from 'jose';
import type { CredentialBook } from './credential-book';
import type { AccessTokens, IssuedToken } from './access-tokens';

/** Longest lifetime an assertion may claim (exp − now), seconds: a short-lived proof, not a credential. */
const MAX_ASSERTION_LIFETIME_S = 600;

/** What a token request is checked against, beside the form and the Authorization header. */
export interface TokenContext {
  book: CredentialBook;
  tokens: AccessTokens;
  nowMs: number;
  /** The audiences an assertion may name: the token endpoint's URL as the client reached it, and the gateway's issuer name. */
  audiences: string[];
  /** Assertion ids already used (each is accepted once while it is valid). */
  replays: AssertionReplays;
}

/** The jti of every accepted assertion until it expires, so an intercepted assertion cannot be replayed on this replica. */
export class AssertionReplays {
  private readonly seen = new Map<string, number>();

  /** Records `jti` valid until `expMs`; false when it was seen before. */
  first(jti: string, expMs: number, nowMs: number): boolean {
    for (const [id, until] of this.seen) if (until <= nowMs) this.seen.delete(id);
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, expMs);
    return true;
  }
}

/** RFC 6749 section 5.2 error codes the endpoint answers. */
export type TokenErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

/** A refused token request: the HTTP status and the section 5.2 body. */
export interface TokenError {
  status: 400 | 401;
  body: { error: TokenErrorCode; error_description: string };
  /** Set when the client tried HTTP Basic: the 401 carries WWW-Authenticate (section 5.2). */
  basic: boolean;
}

/** The outcome of a token request. */
export type TokenOutcome = { ok: true; token: IssuedToken; consumer: string; clientId: string } | { ok: false; error: TokenError };

const BASIC = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i;

const refuse = (status: 400 | 401, error: TokenErrorCode, description: string, basic = false): TokenOutcome => ({
  ok: false,
  error: { status, body: { error, error_description: description }, basic },
});

/** One value of a form field: undefined when absent, refused when repeated (section 3.2). */
function single(form: Record<string, unknown>, name: string): string | undefined | null {
  const v = form[name];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : null;
}

/** Answers one token request: its form body and its Authorization header. */
export async function grantToken(
  form: Record<string, unknown>,
  authorization: string | undefined,
  ctx: TokenContext,
): Promise<TokenOutcome> {
  const { book, tokens, nowMs } = ctx;
  const fields: Record<string, string | undefined> = {};
  for (const name of ['grant_type', 'client_id', 'client_secret', 'scope', 'client_assertion_type', 'client_assertion']) {
    const v = single(form, name);
    if (v === null) return refuse(400, 'invalid_request', `${name} is given more than once`);
    fields[name] = v;
  }
  if (!fields['grant_type']) return refuse(400, 'invalid_request', 'grant_type is required (client_credentials)');
  if (fields['grant_type'] !== 'client_credentials')
    return refuse(400, 'unsupported_grant_type', `grant_type must be client_credentials, got ${JSON.stringify(fields['grant_type'])}`);
  if (fields['scope']) return refuse(400, 'invalid_scope', 'this gateway grants no scopes: access is the registry grants of the client');
  if (fields['client_assertion'] || fields['client_assertion_type']) {
    if (authorization !== undefined || fields['client_secret'] !== undefined)
      return refuse(400, 'invalid_request', 'authenticate the client one way: an assertion, Basic or a secret, not two');
    return assertedClient(fields, ctx);
  }
  let clientId = fields['client_id'];
  let secret = fields['client_secret'];
  let basic = false;
  if (authorization !== undefined) {
    const m = BASIC.exec(authorization);
    if (!m) return refuse(401, 'invalid_client', 'Authorization must be Basic base64(client_id:client_secret)', true);
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return refuse(401, 'invalid_client', 'the Basic credentials must be client_id:client_secret', true);
    if (clientId !== undefined || secret !== undefined)
      return refuse(400, 'invalid_request', 'authenticate the client one way: Basic or the form, not both');
    [clientId, secret] = [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))];
    basic = true;
  }
  if (!clientId || !secret) return refuse(401, 'invalid_client', 'client_id and client_secret are required', basic);
  const consumer = book.clientOf(clientId, secret, nowMs);
  if (!consumer) return refuse(401, 'invalid_client', 'unknown client, wrong secret, or the client is revoked or expired', basic);
  return { ok: true, token: await tokens.issue({ consumer, clientId }, nowMs), consumer, clientId };
}

/** application/x-www-form-urlencoded decoding of one Basic credential half (RFC 6749 2.3.1). */
function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** private_key_jwt: the assertion is a JWT the client signed, iss = sub = client_id, aud = this endpoint, short-lived, used once. */
async function assertedClient(fields: Record<string, string | undefined>, ctx: TokenContext): Promise<TokenOutcome> {
  const assertion = fields['client_assertion'];
  if (fields['client_assertion_type'] !== JWT_BEARER_ASSERTION_TYPE || !assertion)
    return refuse(400, 'invalid_request', `client_assertion_type must be ${JWT_BEARER_ASSERTION_TYPE}, with client_assertion`);
  let clientId: string | undefined;
  try {
    clientId = decodeJwt(assertion).iss;
  } catch {
    return refuse(401, 'invalid_client', 'client_assertion is not a JWT');
  }
  if (!clientId || (fields['client_id'] !== undefined && fields['client_id'] !== clientId))
    return refuse(401, 'invalid_client', 'the assertion must be issued by the client (iss = client_id)');
  const client = ctx.book.keyClient(clientId, ctx.nowMs);
  if (!client) return refuse(401, 'invalid_client', 'unknown client, no registered key, or the client is revoked or expired');
  const ec = client.publicJwk['kty'] === 'EC';
  try {
    const { payload } = await jwtVerify(assertion, await importJWK(client.publicJwk, ec ? 'ES256' : 'RS256'), {
      algorithms: ec ? ['ES256'] : ['RS256', 'PS256'],
      issuer: clientId,
      subject: clientId,
      audience: ctx.audiences,
      currentDate: new Date(ctx.nowMs),
      clockTolerance: 30,
      requiredClaims: ['exp', 'jti'],
    });
    const expMs = (payload.exp ?? 0) * 1000;
    if (expMs - ctx.nowMs > MAX_ASSERTION_LIFETIME_S * 1000)
      return refuse(401, 'invalid_client', `the assertion may live at most ${MAX_ASSERTION_LIFETIME_S} s`);
    if (!ctx.replays.first(String(payload.jti), expMs, ctx.nowMs)) return refuse(401, 'invalid_client', 'this assertion was used before');
  } catch (err) {
    return refuse(401, 'invalid_client', `the assertion does not verify: ${(err as Error).message}`);
  }
  return {
    ok: true,
    token: await ctx.tokens.issue({ consumer: client.consumer, clientId }, ctx.nowMs),
    consumer: client.consumer,
    clientId,
  };
}
