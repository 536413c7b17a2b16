// `ndxp tokens issue|revoke|list`: access tokens for the APIs off NATS (registry and metering gRPC,
// metering's HTTP reports and dashboard), signed by the registry for an identity and its roles.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RegistryDefinition } from '@ndxp/contracts';
import { parse, UsageError } from './args';
import { ADMIN_CONNECT_HELP, ADMIN_CONNECT_OPTIONS, connectAdmin, parseDuration } from './credentials';
import { ask } from './queries';

const M = RegistryDefinition.methods;

export const TOKENS_HELP = `Usage: ndxp tokens issue <identity> --role <role> [--role <role> ...] [--expires-in <duration>] [--out <file>]
       ndxp tokens revoke <identity> [--key <key id>]
       ndxp tokens list [<identity>]

issue   asks the registry for an access token (a JWT it signs) for the identity, with its roles:
          ops         grants, revocations, credentials, limits, tokens, the audit trail
          oversight   every report, ledger and audit verification, the dashboard
          owner:<provider>  usage of its own national system (e.g. owner:BO-BKHDT-DKDN)
          lgsp:<consumer>   its own usage and its own credentials' metadata (e.g. lgsp:TINH-01-LGSP)
        The token is printed once (or written with --out, mode 0600); send it as
        "authorization: Bearer <token>", or paste it on the dashboard's sign-in page.
        --expires-in: 3600, 90s, 45m, 12h (default: the registry's, 1 hour; at most its maximum, 24 hours).
revoke  revokes one token (--key) or every valid token of the identity; services refuse it within seconds.
list    every token record (no token itself) of one identity or of all.
${ADMIN_CONNECT_HELP}
Example: ndxp tokens issue giam-sat-01 --role oversight --expires-in 8h --out giam-sat-01.token`;

const when = (ms: number): string => (ms ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');

/** Runs one tokens subcommand; returns the exit status. */
export async function runTokens(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...ADMIN_CONNECT_OPTIONS,
    role: { type: 'string', multiple: true },
    'expires-in': { type: 'string' },
    out: { type: 'string' },
    key: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${TOKENS_HELP}\n`);
    return 0;
  }
  const [action, identity, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  if (action !== 'issue' && action !== 'revoke' && action !== 'list')
    throw new UsageError(`unknown tokens command ${JSON.stringify(action ?? '')}`);
  if (action !== 'list' && !identity) throw new UsageError(`give the <identity> to ${action} a token for, e.g. giam-sat-01`);
  const roles = values.role ?? [];
  if (action === 'issue' && roles.length === 0)
    throw new UsageError('give at least one --role: ops, oversight, owner:<provider> or lgsp:<consumer>');
  const expiresInS = values['expires-in'] ? parseDuration(values['expires-in']) : 0;
  const nc = await connectAdmin(values);
  try {
    if (action === 'issue') {
      const res = await ask(
        nc,
        'registry',
        M.issueAccessToken.name,
        M.issueAccessToken.requestType,
        { identity: identity!, roles, expiresInS },
        M.issueAccessToken.responseType,
      );
      const t = res.accessToken!;
      const what = `access token of ${t.identity} (${t.roles.join(', ')}), expires ${when(t.expiresAtMs)}, key id ${t.keyId}`;
      if (values.out) {
        const out = resolve(values.out);
        writeFileSync(out, `${res.token}\n`, { mode: 0o600, flag: 'wx' });
        process.stdout.write(`wrote ${out}: ${what}\n`);
      } else {
        process.stdout.write(`${what} (shown once):\n${res.token}\n`);
      }
      return 0;
    }
    if (action === 'revoke') {
      const res = await ask(
        nc,
        'registry',
        M.revokeAccessTokens.name,
        M.revokeAccessTokens.requestType,
        { identity: identity!, keyId: values.key ?? '' },
        M.revokeAccessTokens.responseType,
      );
      if (res.revoked.length === 0)
        process.stdout.write(`nothing to revoke: ${identity} has no valid token${values.key ? ` ${values.key}` : ''}\n`);
      for (const t of res.revoked) process.stdout.write(`revoked ${t.keyId} of ${t.identity} at ${when(t.revokedAtMs)}\n`);
      return 0;
    }
    const res = await ask(
      nc,
      'registry',
      M.listAccessTokens.name,
      M.listAccessTokens.requestType,
      { identity: identity ?? '' },
      M.listAccessTokens.responseType,
    );
    if (values.json) {
      process.stdout.write(`${JSON.stringify(res.accessTokens, null, 2)}\n`);
      return 0;
    }
    process.stdout.write('identity\troles\tkey id\tissued\texpires\trevoked\tissued by\n');
    for (const t of res.accessTokens) {
      process.stdout.write(
        `${t.identity}\t${t.roles.join(',')}\t${t.keyId}\t${when(t.issuedAtMs)}\t${when(t.expiresAtMs)}\t${when(t.revokedAtMs)}\t${t.issuedBy}\n`,
      );
    }
    return 0;
  } finally {
    await nc.close();
  }
}
