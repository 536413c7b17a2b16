// The ledger after a mesh round: metering must hold exactly one row per request the load client had
// answered ok (warm-up and tail included), and have met no duplicate. Read through LedgerStats.
import { MeteringDefinition } from '@ndxp/contracts';
import { askMesh } from './mesh-api';
import type { LoadTotals } from './worker-protocol';

/** Rows in the ledger and duplicates it ignored, at one moment. */
export interface LedgerCount {
  entries: number;
  duplicatesIgnored: number;
}

/** What one round added to the ledger against what the load client was answered. */
export interface LedgerCheck {
  /** Rows the round added. */
  added: number;
  /** Duplicates metering ignored during the round (a request metered twice would show here). */
  duplicates: number;
  /** Requests answered ok over the whole round. */
  ok: number;
  /** True: one row per ok answer and no duplicate; false: not; null: errors in the round, so not decidable. */
  meteredOnce: boolean | null;
}

/** Compares the ledger before and after a round with the load client's totals (pure). */
export function checkLedger(before: LedgerCount, after: LedgerCount, load: LoadTotals): LedgerCheck {
  const added = after.entries - before.entries;
  const duplicates = after.duplicatesIgnored - before.duplicatesIgnored;
  // A refusal may or may not be metered (routing's denial is, the gateway's 401 is not), and an
  // unanswered request may or may not have reached routing: only an error-free round is decidable.
  const decidable = load.refused === 0 && load.failed === 0;
  return { added, duplicates, ok: load.ok, meteredOnce: decidable ? added === load.ok && duplicates === 0 : null };
}

/** The ledger's counts, from metering's LedgerStats. */
export async function readLedger(natsUrl: string): Promise<LedgerCount> {
  const stats = await askMesh(natsUrl, 'metering', 'LedgerStats', MeteringDefinition.methods.ledgerStats, {});
  return { entries: Number(stats.entries), duplicatesIgnored: Number(stats.duplicatesIgnored) };
}
