// `ndxp audit verify`: asks metering to walk the ledger's hash chain; prints OK with the count, or
// the first changed, inserted or deleted record (exit status 1).
import { LedgerStatsRequest, LedgerStatsResponse, MeteringDefinition } from '@ndxp/contracts';
import { CONNECT_HELP, CONNECT_OPTIONS, UsageError, connectWith, natsSettings, parse } from './args';
import { ask } from './queries';

const VERIFY = MeteringDefinition.methods.verifyLedger;

/** How long `audit verify` waits for the walk (one hour). */
const VERIFY_TIMEOUT_MS = 3_600_000;
/** Ledgers larger than this get a notice that the walk takes a while. */
const WALK_NOTICE_RECORDS = 1_000_000;
/** Rough walk rate for the notice (measured on the 2-core development machine). */
const WALK_RECORDS_PER_SECOND = 55_000;
/** How often the CLI says it is still waiting. */
const TICK_MS = 30_000;
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
    // A walk of tens of millions of records takes minutes: say so, and show that it is still going
    // (metering logs how far it has got).
    const entries = await ask(nc, 'metering', 'LedgerStats', LedgerStatsRequest, {}, LedgerStatsResponse)
      .then((s) => s.entries)
      .catch(() => undefined);
    if (entries !== undefined && entries > WALK_NOTICE_RECORDS) {
      process.stderr.write(
        `audit verify: walking the hash chain of up to ${entries.toLocaleString('en-US')} records ` +
          `(about ${Math.max(1, Math.round(entries / WALK_RECORDS_PER_SECOND / 60))} min at ~${WALK_RECORDS_PER_SECOND.toLocaleString('en-US')} records/s)\n`,
      );
    }
    const started = Date.now();
    const ticker = setInterval(
      () => process.stderr.write(`audit verify: still walking, ${Math.round((Date.now() - started) / 1000)} s\n`),
      TICK_MS,
    );
    const v = await ask(nc, 'metering', 'VerifyLedger', VERIFY.requestType, { fromSeq }, VERIFY.responseType, VERIFY_TIMEOUT_MS).finally(
      () => clearInterval(ticker),
    );
    if (values.json) process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
    else if (v.ok) process.stdout.write(`OK ${v.checked} records checked; tail seq ${v.tailSeq} hash ${v.tailHash}\n`);
    else process.stdout.write(`BAD ${v.problem} at seq ${v.badSeq}${v.badRequestId ? ` (${v.badRequestId})` : ''}: ${v.detail}\n`);
    return v.ok ? 0 : 1;
  } finally {
    await nc.close();
  }
}
