// The load client's HTTP/JSON transport (peer-http, mesh-http): an undici keep-alive Pool with one
// connection per request in flight, a bearer token from POST /token asked once (mesh-http), then
// POST <path> with {"taxCode": ...}; an ok answer is 200 whose JSON names the tax code asked for.
import { randomUUID } from 'node:crypto';
import { getEnterpriseService, Header } from '@ndxp/contracts';
import { Pool } from 'undici';
import { errorKind, type Call, type Transport } from './load-transport';
import { freshTraceparent } from './request-shape';
import type { HttpTarget, LoadPlan } from './worker-protocol';

const REQUEST_ID = Header.RequestId.toLowerCase();
const VERSION = Header.Version.toLowerCase();
const TIMEOUT = Header.Timeout.toLowerCase();

/** Connects the pool to target.origin and, when target.client is set, asks /token for the bearer token. */
export async function httpTransport(target: HttpTarget, plan: LoadPlan): Promise<Transport> {
  const pool = new Pool(target.origin, {
    connections: plan.concurrency,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: plan.timeoutMs,
    bodyTimeout: plan.timeoutMs,
  });
  try {
    const authorization = target.client ? `Bearer ${await clientCredentialsToken(pool, target.client)}` : undefined;
    const bodies = plan.taxCodes.map((taxCode) => JSON.stringify({ taxCode }));
    const budget = String(plan.timeoutMs);
    const call: Call = async (i) => {
      const k = i % bodies.length;
      try {
        const res = await pool.request({
          method: 'POST',
          path: target.path,
          headers: {
            'content-type': 'application/json',
            ...(authorization ? { authorization } : {}),
            [REQUEST_ID]: randomUUID(),
            [VERSION]: getEnterpriseService.version,
            [TIMEOUT]: budget,
            traceparent: freshTraceparent(),
          },
          body: bodies[k],
        });
        const text = await res.body.text();
        if (res.statusCode !== 200) return refusalKind(res.statusCode, text);
        return (JSON.parse(text) as { taxCode?: unknown }).taxCode === plan.taxCodes[k] ? undefined : 'wrong-answer';
      } catch (e) {
        return `transport:${errorKind(e)}`;
      }
    };
    return { call, close: () => pool.close() };
  } catch (e) {
    await pool.destroy();
    throw e;
  }
}

/** OAuth2 client credentials (RFC 6749 4.4), the client id and secret in the form. */
async function clientCredentialsToken(pool: Pool, client: { id: string; secret: string }): Promise<string> {
  const res = await pool.request({
    method: 'POST',
    path: '/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret }).toString(),
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`POST /token answered ${res.statusCode}: ${text}`);
  return (JSON.parse(text) as { access_token: string }).access_token;
}

/** The error kind of a non-200 answer: the problem's mesh code (RFC 9457 body), else http:<status>. */
export function refusalKind(status: number, body: string): string {
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
  } catch {
    // not a problem document
  }
  return `http:${status}`;
}
