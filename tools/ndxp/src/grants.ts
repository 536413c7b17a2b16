// `ndxp grant` and `ndxp revoke`: change access grants in the registry.
import { GrantRequest, GrantResponse, RevokeRequest, RevokeResponse } from '@ndxp/contracts';
import { CONNECT_HELP, CONNECT_OPTIONS, connectWith, natsSettings, parse, UsageError } from './args';
import { ask } from './queries';

export const GRANT_HELP = `Usage: ndxp grant|revoke <consumer> <provider> <service> [--nats <url>] [--creds <file>]

Adds or removes the grant that lets <consumer> call <service> of <provider>; routing applies it
within a second. Example: ndxp revoke TINH-01-LGSP BO-BKHDT-DKDN GetEnterprise
${CONNECT_HELP}`;

/** Runs grant or revoke. */
export async function runGrant(kind: 'grant' | 'revoke', argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, CONNECT_OPTIONS);
  if (values.help) {
    process.stdout.write(`${GRANT_HELP}\n`);
    return 0;
  }
  const [consumer, provider, service] = positionals;
  if (!consumer || !provider || !service) throw new UsageError('give <consumer> <provider> <service>');
  const nc = await connectWith(natsSettings(values));
  try {
    const body = { consumer, provider, service };
    const r =
      kind === 'grant'
        ? await ask(nc, 'registry', 'Grant', GrantRequest, body, GrantResponse)
        : await ask(nc, 'registry', 'Revoke', RevokeRequest, body, RevokeResponse);
    process.stdout.write(
      `${kind} ${consumer} → ${provider}/${service}: ${r.changed ? 'changed' : 'unchanged'} (registry revision ${r.revision})\n`,
    );
    return 0;
  } finally {
    await nc.close();
  }
}
