// `ndxp audit verify`: asks metering to walk the ledger's hash chain; prints OK with the count, or
// the first changed, inserted or deleted record (exit status 1).
import { MeteringDefinition } from '@ndxp/contracts';
import { CONNECT_HELP, CONNECT_OPTIONS, UsageError, connectWith, natsSettings, parse } from './args';
import { ask } from './queries';

const VERIFY = MeteringDefinition.methods.verifyLedger;

/** How long `audit verify` waits for the walk (one hour). */
const VERIFY_TIMEOUT_MS = 3_600_000;
export const AUDIT_HELP = `Usage: ndxp audit verify [--from-seq N] [--json]

Walks the usage ledger's hash chain (from the start, the retention checkpoint, or seq N) and prints
OK with the number of records checked, or the first record that was changed, inserted or deleted.
Exit status 0 when the chain is whole, 1 when it is not.
${CONNECT_HELP}`;

/** Runs the audit command. */
export async function runAudit(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { 'from-seq': { type: 'string' }, json: { type: 'boolean' }, ...CONNECT_OPTIONS });
  if (values.help) {
    process.stdout.write(`${AUDIT_HELP}\n`);
    return 0;
  }
  if (positionals[0] !== 'verify') throw new UsageError(`unknown audit command ${JSON.stringify(positionals[0] ?? '')}`);
  const fromSeq = values['from-seq'] === undefined ? 0 : Number(values['from-seq']);
  if (!Number.isSafeInteger(fromSeq) || fromSeq < 0) throw new UsageError(`--from-seq must be a whole number, got ${values['from-seq']}`);
  const nc = await connectWith(natsSettings(values));
  try {
    // A walk of tens of millions of records takes minutes (about 60,000 records/s here).
    const v = await ask(nc, 'metering', 'VerifyLedger', VERIFY.requestType, { fromSeq }, VERIFY.responseType, VERIFY_TIMEOUT_MS);
    if (values.json) process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
    else if (v.ok) process.stdout.write(`OK ${v.checked} records checked; tail seq ${v.tailSeq} hash ${v.tailHash}\n`);
    else process.stdout.write(`BAD ${v.problem} at seq ${v.badSeq}${v.badRequestId ? ` (${v.badRequestId})` : ''}: ${v.detail}\n`);
    return v.ok ? 0 : 1;
  } finally {
    await nc.close();
  }
}
