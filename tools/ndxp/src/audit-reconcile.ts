// `ndxp audit reconcile`: asks metering to compare the meter stream (every event routing had
// acknowledged before it answered) with the ledger, and prints OK with the count, or GAP with each
// event the ledger lacks (exit status 1), and any ok event the ledger holds as not ok.
import type { NatsConnection } from '@nats-io/nats-core';
import { MeteringDefinition, type ReconcileLedgerRequest, type ReconcileLedgerResponse, vietnamTime } from '@ndxp/contracts';
import { UsageError } from './args';
import { ask } from './queries';

const RECONCILE = MeteringDefinition.methods.reconcileLedger;

/** How long the CLI waits for the walk (one hour, as audit verify). */
const RECONCILE_TIMEOUT_MS = 3_600_000;
/** How often the CLI says it is still waiting. */
const TICK_MS = 30_000;
const UNITS_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The request of --since (a duration back from now, such as 90m, 24h, 7d, or an ISO time) or --from-seq. */
export function reconcileRequest(since: string | undefined, fromSeq: string | undefined, now = Date.now()): ReconcileLedgerRequest {
  if (since !== undefined && fromSeq !== undefined) throw new UsageError('give --since or --from-seq, not both');
  if (fromSeq !== undefined) {
    const seq = Number(fromSeq);
    if (!/^\d+$/.test(fromSeq) || !Number.isSafeInteger(seq) || seq < 1) {
      throw new UsageError(`--from-seq must be a stream sequence number (1 or more), got ${fromSeq}`);
    }
    return { sinceMs: 0, fromSeq: seq };
  }
  const text = (since ?? '24h').trim();
  const m = /^(\d+)([smhd])$/.exec(text);
  const sinceMs = m ? now - Number(m[1]) * UNITS_MS[m[2]!]! : /^\d{4}-\d{2}-\d{2}(T|$)/.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(sinceMs) || sinceMs <= 0 || (m !== null && Number(m[1]) === 0)) {
    throw new UsageError(`--since must be a duration such as 90m, 24h or 7d, or an ISO time, got ${JSON.stringify(since)}`);
  }
  return { sinceMs, fromSeq: 0 };
}

const when = (ms: number): string => (ms ? vietnamTime(ms) : '-');

/** The lines a reconciliation prints (stdout) and its exit status: 0 when the ledger holds everything. */
export function formatReconcile(r: ReconcileLedgerResponse): { lines: string[]; notes: string[]; status: number } {
  const lines: string[] = [];
  const range = `stream seq ${r.firstSeq}..${r.lastSeq}, ack floor ${r.ackFloor}`;
  if (r.missing === 0 && r.outcomeMismatches === 0) {
    lines.push(`OK ${r.eventsScanned} events in the meter stream since ${when(r.startMs)} are all in the ledger (${range})`);
  }
  if (r.missing > 0) {
    lines.push(`GAP ${r.missing} of ${r.eventsScanned} events are missing from the ledger:`);
    for (const e of r.firstMissing) {
      lines.push(
        `  ${e.requestId}  code ${e.code}  stream seq ${e.streamSeq}  received ${when(e.receivedAtMs)}  routing ${e.routingInstance || '-'}  ${e.consumer} -> ${e.provider}.${e.service}`,
      );
    }
    if (r.missing > r.firstMissing.length) lines.push(`  ... and ${r.missing - r.firstMissing.length} more`);
  }
  if (r.outcomeMismatches > 0) {
    lines.push(`MISMATCH ${r.outcomeMismatches} events answered ok are not ok in the ledger:`);
    for (const e of r.firstMismatches) {
      lines.push(
        `  ${e.requestId}  ledger ${e.ledgerCode}  stream seq ${e.streamSeq}  received ${when(e.receivedAtMs)}  routing ${e.routingInstance || '-'}`,
      );
    }
    if (r.outcomeMismatches > r.firstMismatches.length) lines.push(`  ... and ${r.outcomeMismatches - r.firstMismatches.length} more`);
  }
  if (!lines[0]?.startsWith('OK')) lines.push(`(${r.eventsScanned} events checked since ${when(r.startMs)}, ${range})`);
  const notes: string[] = [];
  if (r.pending > 0) notes.push(`${r.pending} stream messages past the ack floor are not ledgered yet: not checked`);
  if (r.undecodable > 0) notes.push(`${r.undecodable} poison messages (terminated by metering, never ledgered): not checked`);
  if (r.beyondRetention > 0) notes.push(`${r.beyondRetention} events older than the ledger's retention: not checked`);
  return { lines, notes, status: r.ok ? 0 : 1 };
}

/** Runs the reconciliation through metering and prints it; returns the exit status. */
export async function runReconcile(nc: NatsConnection, request: ReconcileLedgerRequest, json: boolean): Promise<number> {
  const started = Date.now();
  const ticker = setInterval(
    () => process.stderr.write(`audit reconcile: still walking the meter stream, ${Math.round((Date.now() - started) / 1000)} s\n`),
    TICK_MS,
  );
  const r = await ask(nc, 'metering', RECONCILE.name, RECONCILE.requestType, request, RECONCILE.responseType, RECONCILE_TIMEOUT_MS).finally(
    () => clearInterval(ticker),
  );
  const out = formatReconcile(r);
  if (json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else {
    process.stdout.write(`${out.lines.join('\n')}\n`);
    for (const n of out.notes) process.stderr.write(`audit reconcile: ${n}\n`);
  }
  return out.status;
}
