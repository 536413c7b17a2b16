// A transaction's place in the replay memories, from admission to its answer: this process's entry
// (replays here wait on it) and the shared claim (replays on other replicas wait on it).
import type { ReplayCache, ReplayEntry, StoredAnswer } from './replay-cache';
import { internalAnswer } from './replay-answers';
import type { Claim, SharedReplays } from './shared-replays';

/** Holds an entry and a claim until the answer settles each, exactly once. */
export class ReplayHold {
  constructor(
    private readonly replays: Pick<ReplayCache, 'finish'>,
    private readonly shared: Pick<SharedReplays, 'remember' | 'release'> | undefined,
    private readonly fingerprint: string,
    private entry: ReplayEntry | undefined,
    private claim: Claim | undefined,
  ) {}

  /** Before the answer goes out: replays waiting here get it; it is remembered unless `remember` is false. */
  answered(answer: StoredAnswer, remember: boolean): void {
    const entry = this.entry;
    this.entry = undefined;
    if (entry) this.replays.finish(entry, answer, remember);
  }

  /**
   * After the answer went out, unacknowledged: the consumer does not wait for it. A replay on
   * another replica meanwhile finds the claim and waits the few milliseconds until the answer is there.
   */
  shareAnswer(answer: StoredAnswer, remember: boolean): void {
    const claim = this.claim;
    this.claim = undefined;
    if (!claim) return;
    if (remember) this.shared?.remember(claim, this.fingerprint, answer);
    else this.shared?.release(claim);
  }

  /** Whatever is still held when the transaction ended by a throw: replays waiting on it must not hang. */
  abandon(requestId: string): void {
    if (this.entry) this.answered(internalAnswer(requestId), false);
    const claim = this.claim;
    this.claim = undefined;
    if (claim) this.shared?.release(claim);
  }
}
