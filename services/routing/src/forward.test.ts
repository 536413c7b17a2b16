import { headers as newHeaders, type Msg, type MsgHdrs } from '@nats-io/nats-core';
import { Header, MeshError, MeterEvent } from '@ndxp/contracts';
import { ReplyError } from '@ndxp/runtime';
import { timelyRequest } from './admission.fixture';
import { forward } from './forward';
import type { AdmittedRequest } from './limits-check';

const admitted = (deadlineIn = 5_000): AdmittedRequest => ({
  ...timelyRequest({ deadline: Date.now() + deadlineIn }),
  receipt: 'r',
  fingerprint: 'f',
  entry: undefined,
  claim: undefined,
  quotaTaken: false,
});
const answerWith = (values: Record<string, string>): Msg => {
  const h = newHeaders();
  for (const [k, v] of Object.entries(values)) h.set(k, v);
  return { data: new Uint8Array([42]), headers: h } as unknown as Msg;
};
async function codeOf(mux: { request: () => Promise<Msg> }, request = admitted()): Promise<string> {
  return forward(mux, request, MeterEvent.fromPartial({})).then(
    (a) => a.code,
    (e: unknown) => (e instanceof MeshError ? e.code : 'not a MeshError'),
  );
}

describe('forward', () => {
  it("sends the payload to the provider's service subject with the consumer, the budget left and the deadline, and relays the answer", async () => {
    const sent: Array<{ subject: string; h: MsgHdrs | undefined; timeoutMs: number }> = [];
    const mux = {
      request: (subject: string, _data: Uint8Array, h: MsgHdrs | undefined, timeoutMs: number) => {
        sent.push({ subject, h, timeoutMs });
        return Promise.resolve(answerWith({ [Header.Status]: 'ok', [Header.Instance]: 'adapter-1' }));
      },
    };
    const request = admitted();
    const event = MeterEvent.fromPartial({});
    const answer = await forward(mux, request, event);
    expect({ code: answer.code, data: [...answer.data] }).toEqual({ code: 'ok', data: [42] });
    expect(sent[0]?.subject).toBe(`ndxp.svc.${request.route.provider}.${request.route.service}`);
    expect(sent[0]?.h?.get(Header.Consumer)).toBe(request.route.consumer);
    expect(sent[0]?.h?.get(Header.Deadline)).toBe(String(request.deadline));
    expect(Number(sent[0]?.h?.get(Header.Timeout))).toBeLessThanOrEqual(5_000);
    expect(event.adapterInstance).toBe('adapter-1');
    expect(event.forwardedAtMs).toBeGreaterThan(0);
    expect(event.answeredAtMs).toBeGreaterThanOrEqual(event.forwardedAtMs);
  });
  it('answers server.no_adapter without responders and server.timeout without an answer by the deadline', async () => {
    expect(await codeOf({ request: () => Promise.reject(new ReplyError('no_responders')) })).toBe('server.no_adapter');
    expect(await codeOf({ request: () => Promise.reject(new ReplyError('timeout')) })).toBe('server.timeout');
    expect(await codeOf({ request: () => Promise.reject(new Error('closed')) })).toBe('server.internal');
  });
  it('answers server.timeout for an answer seen after the deadline, and server.internal for one without a status', async () => {
    const late = { request: () => new Promise<Msg>((resolve) => setTimeout(() => resolve(answerWith({ [Header.Status]: 'ok' })), 30)) };
    expect(await codeOf(late, admitted(10))).toBe('server.timeout');
    expect(await codeOf({ request: () => Promise.resolve(answerWith({})) })).toBe('server.internal');
  });
});
