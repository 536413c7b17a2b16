// Admission step 5, the replay memory of this process: a request id the consumer sent before is
// answered from memory (the same answer, the in-flight one's, or client.request_id_reused).
import { Replayed, type Step } from './admission';
import { reusedAnswer, sha256Hex } from './replay-answers';
import type { ReplayCache, ReplayEntry } from './replay-cache';
import type { TimelyRequest } from './stall-check';

/** A request this process has not answered: it holds the request id's entry until it is answered. */
export interface FreshRequest extends TimelyRequest {
  /** Hex SHA-256 of the payload (Ndxp-Receipt). */
  readonly receipt: string;
  /** Provider, service, version and receipt: what makes a replay the same request. */
  readonly fingerprint: string;
  /** The entry replays wait on; must be finished with the answer. Undefined when replay detection is off. */
  readonly entry: ReplayEntry | undefined;
}

/** Answers a replay from this process's memory; otherwise takes the request id's entry. */
export function checkReplay(replays: Pick<ReplayCache, 'begin'>): Step<TimelyRequest, FreshRequest> {
  return (request) => {
    const { route, requestId } = request;
    const receipt = sha256Hex(request.data);
    const fingerprint = `${route.provider}\u0000${route.service}\u0000${request.version}\u0000${receipt}`;
    const seen = replays.begin(`${route.consumer}\u0000${requestId}`, fingerprint, request.receivedAt);
    switch (seen.kind) {
      case 'new':
        return { ...request, receipt, fingerprint, entry: seen.entry };
      case 'reused':
        return new Replayed('reused', reusedAnswer(requestId, receipt));
      default:
        return new Replayed(seen.kind, seen.answer);
    }
  };
}
