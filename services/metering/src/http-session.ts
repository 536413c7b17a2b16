// The dashboard's session: after a person signs in with an access token, the token itself is kept
// in an HttpOnly, SameSite=Strict cookie (Secure over TLS) that expires with the token, so a
// revocation or expiry of the token ends the session too. Cookies through the `cookie` library.
import type { IncomingMessage } from 'node:http';
import { parse, serialize } from 'cookie';

/** The session cookie's name. */
export const SESSION_COOKIE = 'ndxp_session';

/** The session token a request carries, if any. */
export function sessionToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const value = parse(header)[SESSION_COOKIE];
  return value ? value : undefined;
}

/** Set-Cookie for a session holding token until expiresAtMs. */
export function sessionCookie(token: string, expiresAtMs: number, secure: boolean, nowMs = Date.now()): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: Math.max(0, Math.floor((expiresAtMs - nowMs) / 1000)),
  });
}

/** Set-Cookie that ends the session. */
export function endSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 0 });
}

/** Reads a urlencoded form body of at most maxBytes; rejects when larger. */
export function readForm(req: IncomingMessage, maxBytes = 16_384): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(new Error('form too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}
