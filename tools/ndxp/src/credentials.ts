// `ndxp credentials issue|revoke|list`: an LGSP's NATS credentials (user nkey + JWT) and gateway
// tokens, issued and revoked through the registry.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fmtCreds } from '@nats-io/jwt';
import type { NatsConnection } from '@nats-io/nats-core';
import { createUser } from '@nats-io/nkeys';
import { RegistryDefinition, vietnamTime } from '@ndxp/contracts';
import { connectWith, natsSettings, parse, UsageError } from './args';
import { ask } from './queries';

/** Options of the admin commands' connection (credentials and limits). */
export const ADMIN_CONNECT_OPTIONS = { nats: { type: 'string' }, creds: { type: 'string' } } as const;
/** Help lines of ADMIN_CONNECT_OPTIONS. */
export const ADMIN_CONNECT_HELP = `  --nats <url>        NATS server (default $NATS_URL or nats://127.0.0.1:4222)
  --creds <file>      NATS credentials of an ops user (default $NATS_CREDS); needed on a broker with auth`;

/**
 * Connects as an ops user: --creds or NATS_CREDS when given, with the ops role's reply inbox prefix
 * (_INBOX.ops, the only inbox the broker lets ops read; see @ndxp/broker-auth inboxPrefixFor).
 */
export function connectAdmin(values: { nats?: string | undefined; creds?: string | undefined }): Promise<NatsConnection> {
  return connectWith(natsSettings(values));
}

const M = RegistryDefinition.methods;

export const CREDENTIALS_HELP = `Usage: ndxp credentials issue <consumer> [--kind nats|token|oauth] [--public-key <jwk file>] [--out <file>] [--expires-in <duration>]
       ndxp credentials revoke <consumer> [--key <key id>]
       ndxp credentials list [<consumer>]

issue   kind nats (default): makes a user key pair here, sends only its public key to the registry,
        and writes a .creds file (mode 0600, default ./<consumer>.creds) that lets the LGSP publish
        only on ndxp.req.<consumer>.> and read only its own reply inbox. The seed never leaves this
        machine and is never printed. kind token: prints a gateway bearer token once (the registry
        keeps only its SHA-256); --out writes it to a file (mode 0600) instead. kind oauth: an
        OAuth2 client of the gateway's HTTP/JSON edge: prints client_id and client_secret once (a
        WSO2-style client posts them to the edge's /token for short-lived access tokens); with
        --public-key <file> (the client's public JWK, EC P-256 or RSA) the client authenticates with
        signed assertions instead (private_key_jwt, RFC 7523) and no secret exists.
        --expires-in: 3600, 90s, 45m, 12h, 30d (default: no expiry).
revoke  revokes one credential (--key) or every valid one of the consumer; a revoked NATS user is
        disconnected by the broker within seconds and refused afterwards.
list    every credential (revoked ones included) of one consumer or of all.
${ADMIN_CONNECT_HELP}
Example: ndxp credentials issue TINH-01-LGSP --out /etc/ndxp/tinh-01.creds --expires-in 365d`;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Seconds of a duration such as 3600, 90s, 45m, 12h or 30d. */
export function parseDuration(text: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!m) throw new UsageError(`--expires-in must look like 3600, 90s, 45m, 12h or 30d, got ${JSON.stringify(text)}`);
  const seconds = Number(m[1]) * (UNITS[m[2] || 's'] ?? 1);
  if (seconds <= 0 || seconds > 0xffffffff) throw new UsageError(`--expires-in out of range: ${text}`);
  return seconds;
}

const when = (ms: number): string => (ms ? vietnamTime(ms) : '-');

/** Runs one credentials subcommand; returns the exit status. */
export async function runCredentials(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...ADMIN_CONNECT_OPTIONS,
    kind: { type: 'string' },
    out: { type: 'string' },
    'expires-in': { type: 'string' },
    key: { type: 'string' },
    'public-key': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(`${CREDENTIALS_HELP}\n`);
    return 0;
  }
  const [action, consumer, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  if (action === 'issue') {
    if (!consumer) throw new UsageError('give the <consumer> to issue a credential for, e.g. TINH-01-LGSP');
    const kind = values.kind ?? 'nats';
    if (kind !== 'nats' && kind !== 'token' && kind !== 'oauth')
      throw new UsageError(`--kind must be nats, token or oauth, got ${JSON.stringify(kind)}`);
    const expiresInS = values['expires-in'] ? parseDuration(values['expires-in']) : 0;
    if (values['public-key'] !== undefined && kind !== 'oauth') throw new UsageError('--public-key goes with --kind oauth');
    const clientJwk = values['public-key'] !== undefined ? readJwkFile(values['public-key']) : undefined;
    const out = values.out ? resolve(values.out) : kind === 'nats' ? resolve(`${consumer}.creds`) : undefined;
    const nc = await connectAdmin(values);
    try {
      const user = kind === 'nats' ? createUser() : undefined;
      const res = await ask(
        nc,
        'registry',
        M.issueCredential.name,
        M.issueCredential.requestType,
        {
          consumer,
          kind,
          publicKey: user?.getPublicKey() ?? clientJwk ?? '',
          expiresInS,
        },
        M.issueCredential.responseType,
      );
      const expires = res.credential?.expiresAtMs ? `, expires ${when(res.credential.expiresAtMs)}` : '';
      if (user && out) {
        writeFileSync(out, fmtCreds(res.secret, user), { mode: 0o600, flag: 'wx' });
        process.stdout.write(`wrote ${out} (NATS credentials of ${consumer}${expires})\nkey id: ${res.credential?.keyId ?? ''}\n`);
      } else if (kind === 'oauth' && clientJwk) {
        process.stdout.write(
          `OAuth2 client of ${consumer}${expires} with its public key (private_key_jwt: sign assertions with iss = sub = the client id):\nclient_id=${res.credential?.keyId ?? ''}\n`,
        );
      } else if (kind === 'oauth') {
        const client = `client_id=${res.credential?.keyId ?? ''}\nclient_secret=${res.secret}\n`;
        if (out) writeFileSync(out, client, { mode: 0o600, flag: 'wx' });
        process.stdout.write(
          out
            ? `wrote ${out} (OAuth2 client of ${consumer}${expires})\nclient_id=${res.credential?.keyId ?? ''}\n`
            : `OAuth2 client of ${consumer}${expires} (the secret is shown once; the registry keeps only its hash):\n${client}`,
        );
      } else if (out) {
        writeFileSync(out, `${res.secret}\n`, { mode: 0o600, flag: 'wx' });
        process.stdout.write(`wrote ${out} (gateway token of ${consumer}${expires})\nkey id: ${res.credential?.keyId ?? ''}\n`);
      } else {
        process.stdout.write(
          `gateway token of ${consumer}${expires} (shown once; the registry keeps only its hash):\n${res.secret}\nkey id: ${res.credential?.keyId ?? ''}\n`,
        );
      }
      return 0;
    } finally {
      await nc.close();
    }
  }
  if (action === 'revoke') {
    if (!consumer) throw new UsageError('give the <consumer> whose credentials to revoke');
    const nc = await connectAdmin(values);
    try {
      const res = await ask(
        nc,
        'registry',
        M.revokeCredentials.name,
        M.revokeCredentials.requestType,
        {
          consumer,
          keyId: values.key ?? '',
        },
        M.revokeCredentials.responseType,
      );
      if (res.revoked.length === 0)
        process.stdout.write(`nothing to revoke: ${consumer} has no valid credential${values.key ? ` ${values.key}` : ''}\n`);
      for (const c of res.revoked) process.stdout.write(`revoked ${c.kind} ${c.keyId} of ${c.consumer}\n`);
      process.stdout.write(`registry revision ${res.revision}\n`);
      return 0;
    } finally {
      await nc.close();
    }
  }
  if (action === 'list') {
    const nc = await connectAdmin(values);
    try {
      const res = await ask(
        nc,
        'registry',
        M.listCredentials.name,
        M.listCredentials.requestType,
        { consumer: consumer ?? '' },
        M.listCredentials.responseType,
      );
      const now = Date.now();
      const rows = res.credentials.map((c) => [
        c.consumer,
        c.kind,
        c.keyId,
        when(c.issuedAtMs),
        when(c.expiresAtMs),
        c.revokedAtMs ? `revoked ${when(c.revokedAtMs)}` : c.expiresAtMs && c.expiresAtMs < now ? 'expired' : 'valid',
      ]);
      printTable(['CONSUMER', 'KIND', 'KEY ID', 'ISSUED', 'EXPIRES', 'STATUS'], rows);
      return 0;
    } finally {
      await nc.close();
    }
  }
  throw new UsageError(
    action ? `unknown action ${JSON.stringify(action)}: use issue, revoke or list` : 'give an action: issue, revoke or list',
  );
}

/** Prints rows as left-aligned columns. */
export function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const r of [head, ...rows])
    process.stdout.write(
      `${r
        .map((v, i) => v.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
}

/** The text of a public JWK file (the registry checks the key itself); a missing or non-JSON file is a usage error. */
function readJwkFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (err) {
    throw new UsageError(`--public-key ${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  try {
    JSON.parse(text);
  } catch {
    throw new UsageError(`--public-key ${path} is not a JSON Web Key (JSON)`);
  }
  return text.trim();
}
