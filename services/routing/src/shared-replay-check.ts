// Admission step 6, the replay memory the replicas share: a request id another replica served (or
// is serving) is answered from the bucket; otherwise this replica claims it.
import { Replayed, type Step, type StepResult } from './admission';
import { busyAnswer, reusedAnswer } from './replay-answers';
import type { ReplayCache } from './replay-cache';
import type { FreshRequest } from './replay-check';
import type { RouterStats } from './router-stats';
import { replayKey, type Claim, type ClaimResult, type SharedReplays } from './shared-replays';

/** A request no replica has answered: this one holds its claim (when the memory is shared) until it is answered. */
export interface ClaimedRequest extends FreshRequest {
  /** Must be remembered or released after the answer; undefined when the memory is not shared now. */
  readonly claim: Claim | undefined;
}

/**
 * Looks a request this process does not hold up in the shared memory (when it is in use): an
 * answer, a reused id or a first attempt still busy is the answer (counted as replayedShared).
 */
export function checkSharedReplay(
  replays: Pick<ReplayCache, 'finish'>,
  shared: Pick<SharedReplays, 'active' | 'claim'> | undefined,
  stats: Pick<RouterStats, 'replayedShared'>,
): Step<FreshRequest, ClaimedRequest> {
  return (request) => {
    const { entry } = request;
    // Without an entry this process does not detect replays at all.
    if (!shared?.active || !entry) return { ...request, claim: undefined };
    const key = replayKey(request.route.consumer, request.requestId);
    return shared.claim(key, request.fingerprint, request.budgetMs, request.deadline).then((found): StepResult<ClaimedRequest> => {
      if (found.kind === 'owner') return { ...request, claim: found.claim };
      const answer = answerOf(found, request);
      replays.finish(entry, answer, found.kind === 'answered');
      stats.replayedShared++;
      return new Replayed('answered', answer);
    });
  };
}

function answerOf(found: Exclude<ClaimResult, { kind: 'owner' }>, request: FreshRequest) {
  if (found.kind === 'answered') return found.answer;
  return found.kind === 'reused' ? reusedAnswer(request.requestId, request.receipt) : busyAnswer(request.requestId, request.receipt);
}
