// The demo's HTTP/JSON step: an LGSP that speaks only HTTPS, JSON and OAuth2 (as WSO2 API Manager
// does) is issued an OAuth2 client by the registry, trades it at the gateway's /token for an access
// token, and calls the national platform's own enterprise-detail path; the ledger shows the call.
import type { NatsConnection } from '@nats-io/nats-core';
import { issueDemoCredential, meteredLine } from './gateway-walkthrough';

/** The alias of GetEnterprise an LGSP configured for the national platform calls today. */
const DETAIL_PATH = '/apiCSDLDKDN/1.0/chiTietDoanhNghiep';

/** Issues an OAuth2 client to `consumer`, gets a token, makes one call over HTTP/JSON and shows its ledger entry. */
export async function runHttpWalkthrough(
  nc: NatsConnection,
  httpBase: string,
  consumer: string,
  taxCode: string,
  say: (line: string) => void,
): Promise<void> {
  const issued = await issueDemoCredential(nc, consumer, 'oauth');
  const clientId = issued.credential?.keyId ?? '';
  say(`  registry issued an OAuth2 client to ${consumer}: client_id ${clientId} (the secret is shown once; only its SHA-256 is stored)\n`);
  const basic = Buffer.from(`${clientId}:${issued.secret}`).toString('base64');
  let token: { access_token?: string; expires_in?: number; error?: string } = {};
  // The registry's event reaches the gateway a moment after the registry answers.
  for (const until = Date.now() + 5_000; !token.access_token && Date.now() < until;) {
    const res = await fetch(`${httpBase}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    token = (await res.json()) as typeof token;
    if (!token.access_token) await new Promise((r) => setTimeout(r, 100));
  }
  if (!token.access_token) throw new Error(`the gateway refused the token request: ${token.error ?? 'no answer'}`);
  say(`  POST ${httpBase}/token (client credentials, HTTP Basic) → a Bearer access token for ${token.expires_in ?? '?'} s\n`);
  const requestId = `demo-http-${Date.now()}`;
  const res = await fetch(`${httpBase}${DETAIL_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json', 'ndxp-request-id': requestId },
    // The national platform's own body and answer: an LGSP configured for it changes only the base URL.
    body: JSON.stringify({ msdn: taxCode }),
  });
  const answer = (await res.json()) as { Data?: { MainInformation?: { NAME?: string } }; code?: string };
  const name = answer.Data?.MainInformation?.NAME;
  say(`  POST ${DETAIL_PATH} {"msdn":"${taxCode}"} → ${res.status} ${name ?? answer.code ?? ''}\n`);
  say(await meteredLine(nc, requestId, 'the HTTP call'));
}
