import { headers as newHeaders } from '@nats-io/nats-core';
import { Header } from '@ndxp/contracts';
import { Replayed } from './admission';
import { atOnce, NOW, passed, PAYLOAD, ROUTE, timelyRequest } from './admission.fixture';
import { sha256Hex } from './replay-answers';
import { ReplayCache, type StoredAnswer } from './replay-cache';
import { checkReplay } from './replay-check';

const cache = () => new ReplayCache({ windowMs: 600_000, maxEntries: 100, maxBytes: 1_000_000 });
const ok: StoredAnswer = { code: 'ok', headers: newHeaders(), data: new Uint8Array([1, 2, 3]) };
const replayed = (r: unknown): Replayed => {
  if (!(r instanceof Replayed)) throw new Error('not a replay');
  return r;
};

describe('checkReplay', () => {
  it('passes a request id seen for the first time with its receipt, fingerprint and entry', () => {
    const out = passed(atOnce(checkReplay(cache())(timelyRequest())));
    expect(out.receipt).toBe(sha256Hex(PAYLOAD));
    expect(out.fingerprint).toBe(`${ROUTE.provider}\u0000${ROUTE.service}\u0000v1\u0000${out.receipt}`);
    expect(out.entry?.key).toBe(`${ROUTE.consumer}\u0000req-1`);
  });
  it('answers the same request again with the first answer, waiting for it while it is in flight', async () => {
    const replays = cache();
    const step = checkReplay(replays);
    const first = passed(atOnce(step(timelyRequest())));
    const waiting = replayed(atOnce(step(timelyRequest())));
    expect(waiting.kind).toBe('in_flight');
    if (!first.entry) throw new Error('no entry');
    replays.finish(first.entry, ok, true);
    await expect(waiting.answer).resolves.toBe(ok);
    const later = replayed(atOnce(step(timelyRequest({ receivedAt: NOW + 1 }))));
    expect(later.kind).toBe('answered');
    expect(later.answer).toBe(ok);
  });
  it('answers the same id for another payload, service or version with client.request_id_reused', () => {
    const step = checkReplay(cache());
    passed(atOnce(step(timelyRequest())));
    for (const other of [{ data: new Uint8Array([9]) }, { version: 'v2' }, { route: { ...ROUTE, service: 'Other' } }]) {
      const r = replayed(atOnce(step(timelyRequest(other))));
      expect(r.kind).toBe('reused');
      const answer = r.answer as StoredAnswer;
      expect(answer.code).toBe('client.request_id_reused');
      expect(answer.headers.get(Header.ErrorField)).toBe(Header.RequestId);
      expect(answer.headers.get(Header.RequestId)).toBe('req-1');
    }
  });
  it("keeps consumers' request ids apart", () => {
    const step = checkReplay(cache());
    passed(atOnce(step(timelyRequest())));
    expect(passed(atOnce(step(timelyRequest({ route: { ...ROUTE, consumer: 'TINH-79-LGSP' } })))).entry).toBeDefined();
  });
  it('passes every request without an entry when replay detection is off', () => {
    const step = checkReplay(new ReplayCache({ windowMs: 0, maxEntries: 100, maxBytes: 1_000 }));
    expect(passed(atOnce(step(timelyRequest()))).entry).toBeUndefined();
    expect(passed(atOnce(step(timelyRequest()))).entry).toBeUndefined();
  });
});
