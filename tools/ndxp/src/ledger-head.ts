// The ledger compared with the last chain head metering exported to the registry's audit trail: a
// ledger whose tail is behind that head, or whose record at that seq has another hash, lost or
// changed records that its own chain walk cannot see (a power loss, a restored backup).
import type { NatsConnection } from '@nats-io/nats-core';
import { RegistryDefinition, vietnamTime } from '@ndxp/contracts';
import { ask } from './queries';

const R = RegistryDefinition.methods;

/** A head as the audit trail keeps it. */
export interface ExportedHead {
  seq: number;
  hash: string;
  atMs: number;
  instance: string;
}

/** How the ledger stands against the head: a verdict and one line to print. */
export interface HeadCheck {
  ok: boolean;
  line: string;
}

/** Reads a RecordLedgerHead entry's target ("<instance> seq=N hash=H"). */
export function parseHeadTarget(target: string, atMs: number): ExportedHead | undefined {
  const m = /^(\S+) seq=(\d+) hash=([0-9a-f]{64})$/.exec(target);
  return m ? { instance: m[1]!, seq: Number(m[2]), hash: m[3]!, atMs } : undefined;
}

/**
 * The highest head in the trail's newest 1000 entries, or undefined when none was exported. The
 * highest, not the last: a metering put back on an older ledger exports that older head as well.
 */
export async function lastExportedHead(nc: NatsConnection): Promise<ExportedHead | undefined> {
  const { tailSeq } = await ask(
    nc,
    'registry',
    R.listAudit.name,
    R.listAudit.requestType,
    { fromSeq: 0, limit: 1 },
    R.listAudit.responseType,
  );
  const { records } = await ask(
    nc,
    'registry',
    R.listAudit.name,
    R.listAudit.requestType,
    { fromSeq: Math.max(1, tailSeq - 999), limit: 1000 },
    R.listAudit.responseType,
  );
  let highest: ExportedHead | undefined;
  for (const r of records) {
    const e = r.entry;
    if (e?.action !== R.recordLedgerHead.name || e.outcome !== 'ok') continue;
    const head = parseHeadTarget(e.target, e.atMs);
    if (head && (!highest || head.seq >= highest.seq)) highest = head;
  }
  return highest;
}

/**
 * Compares the ledger's tail (and, when the head is the tail, its hash) with the exported head.
 * A tail ahead of the head is normal: the head is exported now and then.
 */
export function checkAgainstHead(tail: { tailSeq: number; tailHash: string }, head: ExportedHead | undefined): HeadCheck {
  if (!head) return { ok: true, line: 'no chain head exported to the audit trail yet: a lost tail cannot be checked' };
  const when = vietnamTime(head.atMs);
  if (tail.tailSeq < head.seq) {
    return {
      ok: false,
      line: `BAD deleted: the ledger ends at seq ${tail.tailSeq}, but ${head.instance} exported seq ${head.seq} at ${when}: records ${tail.tailSeq + 1} to ${head.seq} are lost`,
    };
  }
  if (tail.tailSeq === head.seq && tail.tailHash !== head.hash) {
    return { ok: false, line: `BAD changed: the ledger's record at seq ${head.seq} is not the one exported at ${when}` };
  }
  return { ok: true, line: `the ledger reaches the head exported at ${when} (seq ${head.seq})` };
}
