// Admission step 7, the consumer's limits: its rate limit, then its daily quota (held across the
// replicas). The last step: what passes it is forwarded.
import { MeshError } from '@ndxp/contracts';
import type { Step, StepResult } from './admission';
import { QUOTA_TAKEN, type Admission, type ConsumerLimiter } from './consumer-limiter';
import type { RouterStats } from './router-stats';
import type { ClaimedRequest } from './shared-replay-check';

/** A request admitted: routing forwards it. */
export interface AdmittedRequest extends ClaimedRequest {
  /** It took one of the shared daily quota: its meter event says so (quota_taken), counted back if this replica dies holding the rest. */
  readonly quotaTaken: boolean;
}

/** Refuses client.rate_limited (or server.unavailable: the quota store unreachable, closed), counted as rateLimited. */
export function checkLimits(
  limiter: Pick<ConsumerLimiter, 'admit'>,
  stats: Pick<RouterStats, 'rateLimited'>,
): Step<ClaimedRequest, AdmittedRequest> {
  return (request) => {
    const verdict = (admission: Admission): StepResult<AdmittedRequest> => {
      if (admission instanceof MeshError) {
        stats.rateLimited++;
        return admission;
      }
      return { ...request, quotaTaken: admission === QUOTA_TAKEN };
    };
    // Awaited only when a quota block must be leased: the common answer is at once.
    const admitted = limiter.admit(request.route.consumer, request.receivedAt);
    return admitted instanceof Promise ? admitted.then(verdict) : verdict(admitted);
  };
}
