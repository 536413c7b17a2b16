// Admission step 3, the budget: the time the request has left is at least routing's floor, and is
// charged any stall of routing's own event loop (the request may have waited unread through it).
import type { LoopStall } from '@ndxp/runtime';
import { MeshError, SpanAttribute } from '@ndxp/contracts';
import type { Step } from './admission';
import type { AuthorizedRequest } from './registry-check';
import { MIN_BUDGET_MS } from './request-checks';

/** A request with its budget: its deadline less the stall routing read it after. */
export interface BudgetedRequest extends AuthorizedRequest {
  /** What routing's own stall took of the budget, ms (0 when the loop was turning). */
  readonly stalledMs: number;
  /** The budget left on arrival, after the stall: deadline less arrival, ms. */
  readonly budgetMs: number;
}

/**
 * Refuses a budget under MIN_BUDGET_MS, or a deadline already past (client.deadline_exceeded: the
 * consumer's), then charges the stall: the stall-check step refuses what it spent.
 */
export function checkBudget(stall: Pick<LoopStall, 'stalledMs'> | undefined): Step<AuthorizedRequest, BudgetedRequest> {
  return (request) => {
    const askedMs = request.deadline - request.receivedAt;
    if (askedMs < MIN_BUDGET_MS) {
      return new MeshError(
        'client.deadline_exceeded',
        askedMs <= 0
          ? 'the deadline passed before the request reached routing'
          : `a time budget of ${askedMs} ms is under routing's floor of ${MIN_BUDGET_MS} ms`,
      );
    }
    // Read right after routing was frozen or blocked, the request may have waited all that time
    // in the socket buffer: its consumer may have given up. The mesh lost that time, not the consumer.
    const stalledMs = stall?.stalledMs() ?? 0;
    if (stalledMs <= 0) return { ...request, stalledMs: 0, budgetMs: askedMs };
    request.span.setAttribute(SpanAttribute.StalledMs, stalledMs);
    const deadline = request.deadline - stalledMs;
    return { ...request, stalledMs, deadline, budgetMs: deadline - request.receivedAt };
  };
}
