// Which outcome a transaction keeps when its request id is metered more than once (a retry after a
// failure, or a late duplicate of an earlier attempt). The ledger records the final outcome: one
// transaction per request id, counted once, whose outcome and code follow this rule.
import { Outcome } from '@ndxp/contracts';

/** Outcome.OUTCOME_OK as the number stored events carry. */
const OUTCOME_OK: number = Outcome.OUTCOME_OK;

/** The fields of an attempt the rule looks at. */
export interface AttemptOutcome {
  outcome: number;
  code: string;
  /** When routing answered the attempt (epoch ms); 0 when unknown. */
  respondedAtMs: number;
}

/**
 * Whether a later event `next` for a transaction whose outcome is now `current` replaces it:
 * - the same outcome and code never does (a duplicate);
 * - an ok outcome replaces an error;
 * - an error never replaces an ok (a late duplicate of a failed attempt must not undo a success);
 * - between two errors the later one wins: by respondedAtMs when both have one, else the one that
 *   arrived later (next).
 */
export function supersedes(current: AttemptOutcome, next: AttemptOutcome): boolean {
  if (current.outcome === next.outcome && current.code === next.code) return false;
  if (current.outcome === OUTCOME_OK) return false;
  if (next.outcome === OUTCOME_OK) return true;
  if (current.respondedAtMs > 0 && next.respondedAtMs > 0) return next.respondedAtMs > current.respondedAtMs;
  return true;
}
