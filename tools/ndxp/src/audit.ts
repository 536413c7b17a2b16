// `ndxp audit verify`: asks metering to walk the ledger's hash chain (or, with --trail access, the
// registry to walk the audit trail of access changes); prints OK with the count, or the first
// changed, inserted or deleted record (exit status 1). `ndxp audit trail` lists the access trail.
// `ndxp audit reconcile` compares the meter stream with the ledger (audit-reconcile.ts).
import type { NatsConnection } from '@nats-io/nats-core';
import { LedgerStatsRequest, LedgerStatsResponse, MeteringDefinition, RegistryDefinition, vietnamTime } from '@ndxp/contracts';
import { CONNECT_HELP, CONNECT_OPTIONS, UsageError, connectWith, natsSettings, parse } from './args';
import { reconcileRequest, runReconcile } from './audit-reconcile';
import { checkAgainstHead, lastExportedHead } from './ledger-head';
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
const R = RegistryDefinition.methods;
export const AUDIT_HELP = `Usage: ndxp audit verify [--trail ledger|access] [--from-seq N] [--json]
       ndxp audit reconcile [--since 24h|--from-seq N] [--json]
       ndxp audit trail [--from-seq N] [--limit N] [--json]

verify  walks a hash chain and prints OK with the number of records checked, or the first record
        that was changed, inserted or deleted; exit status 0 when the chain is whole, 1 when not.
        --trail ledger (default): the usage ledger (from the start, the retention checkpoint, or seq N).
        --trail access: the registry's audit trail of access changes and refused admin calls.
reconcile  compares the meter stream (every event routing had acknowledged before it answered)
        with the ledger, up to metering's ack floor (later events are pending, not missing): OK with
        the number of events, or GAP and each event the ledger lacks (request id, code, stream seq,
        received time, routing instance; the first 100), and MISMATCH for an ok event the ledger
        holds as not ok; exit status 0 when the ledger holds every event, 1 when not.
        --since: how far back, 90m, 24h (default), 7d or an ISO time (the stream keeps 7 days);
        --from-seq: from that stream sequence number instead.
trail   lists the audit trail: seq, time (Hà Nội, +07:00), actor, via, peer, action, target, outcome, code
        (--limit: at most 1000 a call, default 100).
${CONNECT_HELP}`;

/** Runs the audit command. */
export async function runAudit(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    'from-seq': { type: 'string' },
    since: { type: 'string' },
    trail: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    ...CONNECT_OPTIONS,
  });
  if (values.help) {
    process.stdout.write(`${AUDIT_HELP}\n`);
    return 0;
  }
  const action = positionals[0];
  if (action !== 'verify' && action !== 'trail' && action !== 'reconcile') {
    throw new UsageError(`unknown audit command ${JSON.stringify(action ?? '')}`);
  }
  if (action === 'reconcile') {
    for (const flag of ['trail', 'limit'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} is not an option of audit reconcile`);
    }
    const request = reconcileRequest(values.since, values['from-seq']);
    const nc = await connectWith(natsSettings(values));
    try {
      return await runReconcile(nc, request, values.json === true);
    } finally {
      await nc.close();
    }
  }
  if (values.since !== undefined) throw new UsageError('--since is an option of audit reconcile only');
  const trail = values.trail ?? 'ledger';
  if (trail !== 'ledger' && trail !== 'access') throw new UsageError(`--trail must be ledger or access, got ${JSON.stringify(trail)}`);
  const fromSeq = values['from-seq'] === undefined ? 0 : Number(values['from-seq']);
  if (!Number.isSafeInteger(fromSeq) || fromSeq < 0) throw new UsageError(`--from-seq must be a whole number, got ${values['from-seq']}`);
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit must be 1 to 1000, got ${values.limit}`);
  const nc = await connectWith(natsSettings(values));
  try {
    if (action === 'trail') return await listTrail(nc, fromSeq, limit, values.json === true);
    if (trail === 'access') return await verifyTrail(nc, values.json === true);
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
    // A tail lost whole (chain and tail pointer alike) walks clean: the exported head tells.
    const head = checkAgainstHead(v, await lastExportedHead(nc).catch(() => undefined));
    if (values.json) process.stdout.write(`${JSON.stringify({ ...v, head }, null, 2)}\n`);
    else if (v.ok) process.stdout.write(`OK ${v.checked} records checked; tail seq ${v.tailSeq} hash ${v.tailHash}\n${head.line}\n`);
    else process.stdout.write(`BAD ${v.problem} at seq ${v.badSeq}${v.badRequestId ? ` (${v.badRequestId})` : ''}: ${v.detail}\n`);
    return v.ok && head.ok ? 0 : 1;
  } finally {
    await nc.close();
  }
}

const when = (ms: number): string => vietnamTime(ms);

async function listTrail(nc: NatsConnection, fromSeq: number, limit: number, json: boolean): Promise<number> {
  const res = await ask(nc, 'registry', R.listAudit.name, R.listAudit.requestType, { fromSeq, limit }, R.listAudit.responseType);
  if (json) {
    process.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    return 0;
  }
  process.stdout.write('seq\ttime\tactor\tvia\tpeer\taction\ttarget\toutcome\tcode\n');
  for (const r of res.records) {
    const e = r.entry!;
    process.stdout.write(
      `${r.seq}\t${when(e.atMs)}\t${e.actor}\t${e.via}\t${e.peer || '-'}\t${e.action}\t${e.target || '-'}\t${e.outcome}\t${e.code || '-'}\n`,
    );
  }
  const last = res.records.at(-1)?.seq ?? fromSeq;
  if (last < res.tailSeq) process.stderr.write(`audit trail: ${res.tailSeq - last} more; next: --from-seq ${last + 1}\n`);
  return 0;
}

async function verifyTrail(nc: NatsConnection, json: boolean): Promise<number> {
  const v = await ask(nc, 'registry', R.verifyAudit.name, R.verifyAudit.requestType, {}, R.verifyAudit.responseType, 600_000);
  if (json) process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
  else if (v.ok) process.stdout.write(`OK ${v.checked} audit records checked; tail seq ${v.tailSeq} hash ${v.tailHash}\n`);
  else process.stdout.write(`BAD ${v.problem} at seq ${v.badSeq}${v.badId ? ` (${v.badId})` : ''}: ${v.detail}\n`);
  return v.ok ? 0 : 1;
}
