// The JWTs of the trust chain: operator, system account, the NDXP account (with its revocations)
// and user JWTs carrying per-role permissions.
import { encodeAccount, encodeOperator, encodeUser, fmtCreds, type Permissions } from '@nats-io/jwt';
import { createUser, type KeyPair } from '@nats-io/nkeys';
import { keyPair, type Trust } from './trust';

const UNLIMITED = { subs: -1, data: -1, payload: -1, conn: -1, imports: -1, exports: -1, wildcards: true, leaf: -1 };
const JETSTREAM_UNLIMITED = { mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 };

/** Name of the account every service and LGSP connects into. */
export const ACCOUNT_NAME = 'NDXP';

/** The operator JWT (self-signed), naming the system account and the operator signing key. */
export async function operatorJwt(trust: Trust): Promise<string> {
  return encodeOperator('NDXP', keyPair(trust.operatorSeed), {
    system_account: keyPair(trust.systemAccountSeed).getPublicKey(),
    signing_keys: [keyPair(trust.operatorSigningSeed).getPublicKey()],
  });
}

/** The system account JWT (used only to push account updates to the servers). */
export async function systemAccountJwt(trust: Trust): Promise<string> {
  return encodeAccount('SYS', keyPair(trust.systemAccountSeed), { limits: UNLIMITED }, { signer: keyPair(trust.operatorSigningSeed) });
}

/**
 * The NDXP account JWT with JetStream enabled and the given revocations (user public key → unix
 * seconds: every JWT of that user issued at or before that time is refused and its connections dropped).
 */
export async function accountJwt(trust: Trust, revocations: Record<string, number> = {}): Promise<string> {
  return encodeAccount(
    ACCOUNT_NAME,
    keyPair(trust.accountSeed),
    {
      limits: { ...UNLIMITED, ...JETSTREAM_UNLIMITED },
      signing_keys: [keyPair(trust.accountSigningSeed).getPublicKey()],
      ...(Object.keys(revocations).length > 0 ? { revocations } : {}),
    },
    { signer: keyPair(trust.operatorSigningSeed) },
  );
}

/** A user JWT for `publicKey` (a user nkey), signed by the account signing key. */
export async function userJwt(
  trust: Trust,
  name: string,
  publicKey: string,
  permissions: Permissions,
  options: { expiresAtSec?: number } = {},
): Promise<string> {
  return encodeUser(name, publicKey, keyPair(trust.accountSeed).getPublicKey(), permissions, {
    signer: keyPair(trust.accountSigningSeed),
    ...(options.expiresAtSec ? { exp: options.expiresAtSec } : {}),
  });
}

/** Makes a user key pair, signs its JWT and returns the text of a .creds file plus the public key. */
export async function issueCreds(
  trust: Trust,
  name: string,
  permissions: Permissions,
  options: { expiresAtSec?: number } = {},
): Promise<{ creds: string; publicKey: string }> {
  const user = createUser();
  const jwt = await userJwt(trust, name, user.getPublicKey(), permissions, options);
  return { creds: credsText(jwt, user), publicKey: user.getPublicKey() };
}

/** A user in the system account, allowed only to push account JWT updates. */
export async function systemUserCreds(trust: Trust): Promise<string> {
  const user = createUser();
  const jwt = await encodeUser('ndxp-claims-pusher', user, keyPair(trust.systemAccountSeed), {
    pub: { allow: ['$SYS.REQ.CLAIMS.UPDATE', '$SYS.REQ.ACCOUNT.*.CLAIMS.UPDATE'] },
    sub: { allow: ['_INBOX.>'] },
  });
  return credsText(jwt, user);
}

/** The text of a NATS .creds file (JWT plus seed). */
export function credsText(jwt: string, user: KeyPair): string {
  return new TextDecoder().decode(fmtCreds(jwt, user));
}

/** The user public key a .creds file (its text) authenticates as: the `sub` of its JWT. */
export function credsPublicKey(creds: string): string {
  const jwt = /-----BEGIN NATS USER JWT-----\s*([\w-]+\.[\w-]+\.[\w-]+)/.exec(creds)?.[1];
  const payload = jwt?.split('.')[1];
  const sub = payload ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub : undefined;
  if (typeof sub !== 'string') throw new Error('not a NATS .creds text (no user JWT with a subject)');
  return sub;
}
