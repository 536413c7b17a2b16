// POST /token: the OAuth2 client-credentials grant (RFC 6749 section 4.4). The client authenticates
// with HTTP Basic (client_id:client_secret, each form-encoded, section 2.3.1) or with client_id and
// client_secret in the form body; errors are section 5.2's JSON ({ error, error_description }).
import type { CredentialBook } from './credential-book';
import type { AccessTokens, IssuedToken } from './access-tokens';

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
  book: CredentialBook,
  tokens: AccessTokens,
  nowMs: number,
): Promise<TokenOutcome> {
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
  if (fields['client_assertion'] || fields['client_assertion_type'])
    return refuse(
      400,
      'invalid_client',
      'client assertions (private_key_jwt) are not accepted yet: authenticate with client_id and client_secret',
    );
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
