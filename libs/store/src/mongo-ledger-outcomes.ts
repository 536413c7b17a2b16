// A batch of request ids looked up in the MongoDB ledger: which are ledgered (in the aggregates and
// on the chain: counted), each with its final outcome (its latest outcome update, else its first
// document). Reconciliation against the meter stream asks this for every event it walks.
import type { Collection } from 'mongodb';
import type { LedgeredOutcome } from './ports';

/** The fields of a ledger document the lookup reads (a first event, or an outcome update). */
export interface OutcomeDoc {
  _id: string;
  outcome: number;
  code: string;
  counted: boolean;
  /** On an outcome update: the request id it updates. */
  updates?: string;
  seq?: number;
}

/** Ids per query. */
const LOOKUP_CHUNK = 1_000;

/**
 * The ledgered request ids among requestIds with their final outcome. A document not yet counted
 * (step 1 of an append done, step 2 not) is not ledgered: its batch was not acknowledged and comes
 * again.
 */
export async function mongoFinalOutcomes(
  ledger: Collection<OutcomeDoc>,
  requestIds: readonly string[],
): Promise<Map<string, LedgeredOutcome>> {
  const out = new Map<string, LedgeredOutcome>();
  const ids = [...new Set(requestIds)];
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const chunk = ids.slice(i, i + LOOKUP_CHUNK);
    const firsts = await ledger.find({ _id: { $in: chunk }, counted: true }, { projection: { outcome: 1, code: 1 } }).toArray();
    for (const d of firsts) out.set(d._id, { outcome: d.outcome, code: d.code });
    // $exists spelled out: the updates index is partial on it, and a partial index is used only for
    // a query that implies its filter (said here rather than left to the planner to infer from $in).
    const updates = await ledger
      .find({ updates: { $in: chunk, $exists: true }, counted: true }, { projection: { updates: 1, outcome: 1, code: 1, seq: 1 } })
      .sort({ seq: 1 })
      .toArray();
    for (const u of updates) if (u.updates !== undefined && out.has(u.updates)) out.set(u.updates, { outcome: u.outcome, code: u.code });
  }
  return out;
}
