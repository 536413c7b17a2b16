import { headers as newHeaders } from '@nats-io/nats-core';
import { MeshError } from '@ndxp/contracts';
import { Replayed, StepList, type Step } from './admission';
import { receivedRequest } from './admission.fixture';
import type { ReceivedRequest } from './received-request';

interface A extends ReceivedRequest {
  a: number;
}
interface B extends A {
  b: string;
}
const addA: Step<ReceivedRequest, A> = (r) => ({ ...r, a: 1 });
const addB: Step<A, B> = (r) => ({ ...r, b: `after ${r.a}` });

describe('StepList', () => {
  it('runs the steps in order, each on what the one before passed on, at once when none waits', async () => {
    const seen: string[] = [];
    const list = StepList.of((r) => (seen.push('a'), addA(r))).then((r) => (seen.push('b'), addB(r)));
    const run = list.run(receivedRequest());
    expect(seen).toEqual(['a', 'b']);
    const verdict = await run;
    expect(verdict.kind === 'admitted' && verdict.request.b).toBe('after 1');
  });
  it('stops at the first refusal with the request as the steps before it established it', async () => {
    const refusal = new MeshError('client.access_denied');
    let ran = false;
    const list = StepList.of(addA)
      .then(() => refusal)
      .then((r) => ((ran = true), addB(r)));
    const verdict = await list.run(receivedRequest());
    expect(verdict.kind).toBe('refused');
    expect(verdict.kind === 'refused' && verdict.refusal).toBe(refusal);
    expect(verdict.request).toMatchObject({ a: 1 });
    expect(ran).toBe(false);
  });
  it('stops at a replay', async () => {
    const replay = new Replayed('answered', { code: 'ok', headers: newHeaders(), data: new Uint8Array(0) });
    const verdict = await StepList.of(addA)
      .then(() => replay)
      .run(receivedRequest());
    expect(verdict.kind === 'replayed' && verdict.replay).toBe(replay);
  });
  it('waits for a step that must wait', async () => {
    const verdict = await StepList.of(addA)
      .then((r) => Promise.resolve(addB(r)))
      .run(receivedRequest());
    expect(verdict.kind === 'admitted' && verdict.request.b).toBe('after 1');
  });
  it('refuses server.internal, with the error as its cause, when a step throws or rejects', async () => {
    const boom = new Error('boom');
    for (const broken of [
      () => {
        throw boom;
      },
      () => Promise.reject(boom),
    ]) {
      const verdict = await StepList.of(addA).then(broken).run(receivedRequest());
      expect(verdict.kind === 'refused' && { code: verdict.refusal.code, cause: verdict.refusal.cause }).toEqual({
        code: 'server.internal',
        cause: boom,
      });
      expect(verdict.request).toMatchObject({ a: 1 });
    }
  });
});
