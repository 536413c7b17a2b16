import { MeterEvent, Outcome } from '@ndxp/contracts';
import { decodeMeterEvent } from './meter-event-decoder';

describe('decodeMeterEvent', () => {
  const event = MeterEvent.fromPartial({
    requestId: 'r1',
    consumer: 'TINH-01-LGSP',
    provider: 'BO-BKHDT-DKDN',
    service: 'GetEnterprise',
    outcome: Outcome.OUTCOME_OK,
    code: 'ok',
    receivedAtMs: 1_633_046_400_000,
  });

  it('decodes a well-formed event', () => {
    expect(decodeMeterEvent(MeterEvent.encode(event).finish())).toEqual({ ok: true, event });
  });

  it('calls bytes that are not a MeterEvent poison', () => {
    const r = decodeMeterEvent(new TextEncoder().encode('{"requestId":"r1"}'));
    expect(r.ok).toBe(false);
  });

  it('calls an event without a request id poison', () => {
    const r = decodeMeterEvent(MeterEvent.encode({ ...event, requestId: '' }).finish());
    expect(r).toEqual({ ok: false, reason: 'MeterEvent without requestId' });
  });

  it('calls an empty payload poison', () => {
    expect(decodeMeterEvent(new Uint8Array(0)).ok).toBe(false);
  });
});
