// Admission step 4, the stall: a request whose budget routing's own stall spent is the mesh's
// timeout, not the consumer's.
import { MeshError } from '@ndxp/contracts';
import type { Step } from './admission';
import type { BudgetedRequest } from './budget-check';
import { MIN_BUDGET_MS } from './request-checks';
import type { RouterStats } from './router-stats';

/** A request with enough budget left, after routing's stall, to be served. */
export interface TimelyRequest extends BudgetedRequest {
  readonly timely: true;
}

/** Refuses server.timeout when the stall left under MIN_BUDGET_MS (counted as staleAfterStall). */
export function checkStall(stats: Pick<RouterStats, 'staleAfterStall'>): Step<BudgetedRequest, TimelyRequest> {
  return (request) => {
    if (request.stalledMs > 0 && request.budgetMs < MIN_BUDGET_MS) {
      stats.staleAfterStall++;
      return new MeshError(
        'server.timeout',
        `routing did not run for ${request.stalledMs} ms (frozen or blocked): the request's budget was spent unread`,
      );
    }
    return { ...request, timely: true };
  };
}
