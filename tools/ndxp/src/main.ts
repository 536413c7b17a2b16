#!/usr/bin/env node
// Entry of the ndxp command line.
import { connectionContext } from './connection-context';
import { classifyFailure, debugStack } from './failure';
import { globalFlags } from './args';
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

Global option: --debug (or NDXP_DEBUG=1) prints the stack of a failure.
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

async function main(argv: string[], debug: boolean): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`ndxp: cli.usage: unknown command ${JSON.stringify(name)} (ndxp --help lists the commands)\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    const failure = classifyFailure(err, connectionContext());
    const hint = failure.code === 'cli.usage' ? ` (ndxp ${name} --help shows the options)` : '';
    process.stderr.write(`ndxp ${name}: ${failure.code}: ${failure.message}${hint}\n`);
    if (debug) process.stderr.write(`${debugStack(err)}\n`);
    return failure.exitStatus;
  }
}

const { debug, rest } = globalFlags(process.argv.slice(2));
main(rest, debug).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`ndxp: unexpected: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
    if (debug) process.stderr.write(`${debugStack(err)}\n`);
    process.exit(1);
  },
);
