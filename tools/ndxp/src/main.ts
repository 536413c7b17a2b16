#!/usr/bin/env node
// Entry of the ndxp command line.
import { MeshError } from '@ndxp/contracts';
import { UsageError } from './args';
import { CALL_HELP, runCall } from './call';
import { CREDENTIALS_HELP, runCredentials } from './credentials';
import { DEMO_HELP, runDemo } from './demo';
import { GRANT_HELP, runGrant } from './grants';
import { LIMITS_HELP, runLimits } from './limits';
import { USAGE_HELP, runUsage } from './usage';
import { REPORT_HELP, runReport } from './report';
import { AUDIT_HELP, runAudit } from './audit';
import { SEED_HISTORY_HELP, runSeedHistory } from './seed-history';
import { TOKENS_HELP, runTokens } from './tokens';

const HELP = `ndxp: the NDXP mesh command line

Usage: ndxp <command> [options]    (ndxp <command> --help for its options)

Commands:
  demo      run the whole mesh locally with demo traffic and a usage summary
  call      send one request to a national service as a given LGSP
  usage     print usage counts from the metering service
  report    usage reports: totals, monthly, consumers, systems, connected, compliance
  audit     verify the usage ledger or the access audit trail (audit verify), reconcile the ledger with
            the meter stream (audit reconcile), list the trail (audit trail)
  seed-history  write synthetic usage for a period through the metering ingest path
  grant     let a consumer call a service;  revoke  take that right away
  credentials  issue, revoke or list an LGSP's NATS credentials and gateway tokens
  limits    set or show a consumer's rate limit and daily quota
  tokens    issue, revoke or list access tokens (ops, oversight, data owner, LGSP) for the APIs off NATS

Environment: NATS_URL (default nats://127.0.0.1:4222), NATS_CREDS (credentials file, or --creds),
NATS_TLS_CA / NATS_TLS_CERT / NATS_TLS_KEY (TLS to the broker)`;

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; help: string }> = {
  demo: { run: runDemo, help: DEMO_HELP },
  call: { run: runCall, help: CALL_HELP },
  usage: { run: runUsage, help: USAGE_HELP },
  report: { run: runReport, help: REPORT_HELP },
  audit: { run: runAudit, help: AUDIT_HELP },
  'seed-history': { run: runSeedHistory, help: SEED_HISTORY_HELP },
  grant: { run: (a) => runGrant('grant', a), help: GRANT_HELP },
  revoke: { run: (a) => runGrant('revoke', a), help: GRANT_HELP },
  credentials: { run: runCredentials, help: CREDENTIALS_HELP },
  limits: { run: runLimits, help: LIMITS_HELP },
  tokens: { run: runTokens, help: TOKENS_HELP },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`ndxp: unknown command ${JSON.stringify(name)}\n\n${HELP}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`ndxp ${name}: ${err.message}\n\n${command.help}\n`);
      return 2;
    }
    if (err instanceof MeshError) {
      process.stderr.write(`ndxp ${name}: ${err.code}: ${err.message}\n`);
      return 4;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`ndxp: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
