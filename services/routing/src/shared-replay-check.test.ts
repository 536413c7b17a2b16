import { headers as newHeaders } from '@nats-io/nats-core';
import { Header } from '@ndxp/contracts';
import { Replayed } from './admission';
import { atOnce, passed, timelyRequest } from './admission.fixture';
import { ReplayCache, type StoredAnswer } from './replay-cache';
import { checkReplay, type FreshRequest } from './replay-check';
import { checkSharedReplay } from './shared-replay-check';
import { replayKey, type ClaimResult } from './shared-replays';

const answered: StoredAnswer = { code: 'ok', headers: newHeaders(), data: new Uint8Array([7]) };

/** The shared memory as a stand-in answering `result`, and the local memory with a fresh request in it. */
function setup(result: ClaimResult, active = true) {
  const replays = new ReplayCache({ windowMs: 600_000, maxEntries: 100, maxBytes: 1_000_000 });
  const claims: unknown[][] = [];
  const shared = {
    active,
    claim: (...args: unknown[]) => {
      claims.push(args);
      return Promise.resolve(result);
    },
  };
  const stats = { replayedShared: 0 };
  const fresh = passed(atOnce(checkReplay(replays)(timelyRequest({ budgetMs: 4_000 }))));
  return { replays, shared, stats, claims, fresh, step: checkSharedReplay(replays, shared, stats) };
}

async function replayOf(step: (r: FreshRequest) => unknown, fresh: FreshRequest): Promise<StoredAnswer> {
  const r = await step(fresh);
  if (!(r instanceof Replayed) || r.kind !== 'answered') throw new Error('not answered from the shared memory');
  return r.answer;
}

describe('checkSharedReplay', () => {
  it('passes at once without a claim when the memory is not shared or not in use', () => {
    const { replays, fresh, stats } = setup({ kind: 'busy' });
    expect(passed(atOnce(checkSharedReplay(replays, undefined, stats)(fresh))).claim).toBeUndefined();
    const inactive = setup({ kind: 'busy' }, false);
    expect(passed(atOnce(inactive.step(inactive.fresh))).claim).toBeUndefined();
    expect(inactive.claims).toHaveLength(0);
  });
  it('passes without a claim when this process does not detect replays (no entry)', () => {
    const { step, fresh, claims } = setup({ kind: 'busy' });
    expect(passed(atOnce(step({ ...fresh, entry: undefined }))).claim).toBeUndefined();
    expect(claims).toHaveLength(0);
  });
  it("claims the request id with the request's fingerprint, budget and deadline, and passes the claim", async () => {
    const claim = { key: 'k', revision: 3 };
    const { step, fresh, claims } = setup({ kind: 'owner', claim });
    const out = passed(await step(fresh));
    expect(out.claim).toBe(claim);
    expect(claims).toEqual([[replayKey(fresh.route.consumer, fresh.requestId), fresh.fingerprint, 4_000, fresh.deadline]]);
  });
  it("answers with another replica's answer and remembers it here, counted as replayedShared", async () => {
    const { step, fresh, stats, replays } = setup({ kind: 'answered', answer: answered });
    expect(await replayOf(step, fresh)).toBe(answered);
    expect(stats.replayedShared).toBe(1);
    expect(replays.begin(fresh.entry?.key ?? '', fresh.fingerprint, fresh.receivedAt)).toEqual({ kind: 'answered', answer: answered });
  });
  it('answers a reused id with client.request_id_reused and a first attempt still busy with server.timeout, remembering neither', async () => {
    for (const [result, code] of [
      [{ kind: 'reused' }, 'client.request_id_reused'],
      [{ kind: 'busy' }, 'server.timeout'],
    ] as const) {
      const { step, fresh, replays } = setup(result);
      const answer = await replayOf(step, fresh);
      expect(answer.code).toBe(code);
      expect(answer.headers.get(Header.Receipt)).toBe(fresh.receipt);
      expect(replays.begin(fresh.entry?.key ?? '', fresh.fingerprint, fresh.receivedAt).kind).toBe('new');
    }
  });
});
