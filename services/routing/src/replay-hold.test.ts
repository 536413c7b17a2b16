import { headers as newHeaders } from '@nats-io/nats-core';
import { ReplayCache, type StoredAnswer } from './replay-cache';
import { ReplayHold } from './replay-hold';
import type { Claim } from './shared-replays';

const answer: StoredAnswer = { code: 'ok', headers: newHeaders(), data: new Uint8Array([1]) };
const claim: Claim = { key: 'k', revision: 1 };

function setup() {
  const replays = new ReplayCache({ windowMs: 600_000, maxEntries: 10, maxBytes: 1_000_000 });
  const begun = replays.begin('c\u0000id', 'fp', 0);
  if (begun.kind !== 'new' || !begun.entry) throw new Error('not new');
  const calls: string[] = [];
  const shared = {
    remember: (c: Claim, fp: string, a: StoredAnswer) => void calls.push(`remember ${c.key} ${fp} ${a.code}`),
    release: (c: Claim) => void calls.push(`release ${c.key}`),
  };
  return { replays, calls, hold: new ReplayHold(replays, shared, 'fp', begun.entry, claim) };
}

describe('ReplayHold', () => {
  it('gives the answer to this process first and to the shared memory after, each once', async () => {
    const { replays, calls, hold } = setup();
    const waiting = replays.begin('c\u0000id', 'fp', 1);
    hold.answered(answer, true);
    hold.shareAnswer(answer, true);
    hold.abandon('id');
    if (waiting.kind !== 'in_flight') throw new Error(waiting.kind);
    await expect(waiting.answer).resolves.toBe(answer);
    expect(replays.begin('c\u0000id', 'fp', 2)).toEqual({ kind: 'answered', answer });
    expect(calls).toEqual(['remember k fp ok']);
  });
  it('releases the claim of an answer that is forgotten', () => {
    const { calls, hold } = setup();
    hold.answered(answer, false);
    hold.shareAnswer(answer, false);
    expect(calls).toEqual(['release k']);
  });
  it('answers replays waiting on an abandoned transaction server.internal and releases its claim', async () => {
    const { replays, calls, hold } = setup();
    const waiting = replays.begin('c\u0000id', 'fp', 1);
    hold.abandon('id');
    expect(waiting.kind).toBe('in_flight');
    if (waiting.kind === 'in_flight') expect((await waiting.answer).code).toBe('server.internal');
    expect(replays.begin('c\u0000id', 'fp', 2).kind).toBe('new');
    expect(calls).toEqual(['release k']);
  });
});
