// The counters a router keeps for its own health output ($SRV.STATS).

/** Counters a router keeps for its own health output. */
export interface RouterStats {
  received: number;
  answered: number;
  refused: number;
  meteringFailures: number;
  /** Refused with client.rate_limited (rate or daily quota). */
  rateLimited: number;
  /** Answered from the replay memory (same answer, or client.request_id_reused); never metered again. */
  replayed: number;
  /** Of those, answered from the shared memory (another replica's answer or claim). */
  replayedShared: number;
  /** Dropped unanswered: the reply subject was not the consumer's inbox (see replyAllowed). */
  foreignReply: number;
  /** Refused server.timeout because routing read them after a stall that spent their budget. */
  staleAfterStall: number;
}

/** Every counter at zero. */
export function newRouterStats(): RouterStats {
  return {
    received: 0,
    answered: 0,
    refused: 0,
    meteringFailures: 0,
    rateLimited: 0,
    replayed: 0,
    replayedShared: 0,
    foreignReply: 0,
    staleAfterStall: 0,
  };
}
