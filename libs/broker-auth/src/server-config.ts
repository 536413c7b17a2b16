// The nats-server configuration block that turns on decentralized JWT authorization: the operator,
// the system account and a full account resolver (account updates pushed at run time, no restart).
import type { NatsConnection } from '@nats-io/nats-core';
import { accountJwt, operatorJwt, systemAccountJwt } from './jwts';
import { trustPublicKeys, type Trust } from './trust';

/** Config lines for nats-server (2.9+): paste into or `include` from the server configuration. */
export async function serverAuthConfig(
  trust: Trust,
  options: { resolverDir: string; revocations?: Record<string, number> },
): Promise<string> {
  const keys = trustPublicKeys(trust);
  return [
    `operator: ${await operatorJwt(trust)}`,
    `system_account: ${keys.systemAccount}`,
    `resolver: { type: full, dir: ${JSON.stringify(options.resolverDir)}, allow_delete: false, interval: "2m" }`,
    'resolver_preload: {',
    `  ${keys.systemAccount}: ${await systemAccountJwt(trust)}`,
    `  ${keys.account}: ${await accountJwt(trust, options.revocations ?? {})}`,
    '}',
    '',
  ].join('\n');
}

/** Subject on which servers of the system account take account JWT updates. */
const CLAIMS_UPDATE = '$SYS.REQ.CLAIMS.UPDATE';

/**
 * Pushes an account JWT to the servers over a system-account connection; connected users it revokes
 * are disconnected at once. Throws when the server does not accept it.
 */
export async function pushAccountJwt(systemConnection: NatsConnection, jwt: string, timeoutMs = 5000): Promise<void> {
  const reply = await systemConnection.request(CLAIMS_UPDATE, jwt, { timeout: timeoutMs });
  const body = JSON.parse(new TextDecoder().decode(reply.data)) as {
    data?: { code?: number; message?: string };
    error?: { code?: number; description?: string };
  };
  if (body.error || body.data?.code !== 200) {
    throw new Error(`account update refused: ${body.error?.description ?? body.data?.message ?? 'no answer code'}`);
  }
}
