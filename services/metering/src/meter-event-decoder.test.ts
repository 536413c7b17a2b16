import { MeterEvent, MeterEventBatch, Outcome, subjects } from '@ndxp/contracts';
import { decodeMeterMessage } from './meter-event-decoder';

const SINGLE = 'ndxp.meter.TINH-01-LGSP.BO-BKHDT-DKDN.GetEnterprise';
const decodeMeterEvent = (data: Uint8Array) => decodeMeterMessage(SINGLE, data);

describe('decodeMeterMessage on a single-event subject', () => {
  const event = MeterEvent.fromPartial({
    requestId: 'r1',
    consumer: 'TINH-01-LGSP',
    provider: 'BO-BKHDT-DKDN',
    service: 'GetEnterprise',
    outcome: Outcome.OUTCOME_OK,
    code: 'ok',
    receivedAtMs: 1_633_046_400_000,
  });

  it('reads a well-formed event: its bytes as sent and the fields the ledger counts', () => {
    const bytes = MeterEvent.encode(event).finish();
    const r = decodeMeterEvent(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Buffer.from(r.events[0]!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(r.events[0]).toMatchObject({
      requestId: 'r1',
      consumer: 'TINH-01-LGSP',
      provider: 'BO-BKHDT-DKDN',
      service: 'GetEnterprise',
      outcome: Outcome.OUTCOME_OK,
      code: 'ok',
      receivedAtMs: 1_633_046_400_000,
      durationUs: 0,
    });
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

describe('decodeMeterMessage', () => {
  const event = (requestId: string) =>
    MeterEvent.fromPartial({ requestId, consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise' });

  it("reads a batch from routing's batch subject, every event in order", () => {
    const data = MeterEventBatch.encode({ events: [event('a'), event('b'), event('c')] }).finish();
    const decoded = decodeMeterMessage('ndxp.meter._batch.routing-1', data);
    expect(decoded.ok && decoded.events.map((e) => e.requestId)).toEqual(['a', 'b', 'c']);
  });

  it("reads a batch from seed-history's seed subject (ndxp.meter._seed.<run>) the same way", () => {
    const data = MeterEventBatch.encode({ events: [event('s1'), event('s2')] }).finish();
    const decoded = decodeMeterMessage(subjects.meterSeed('run-1'), data);
    expect(decoded.ok && decoded.events.map((e) => e.requestId)).toEqual(['s1', 's2']);
    const bad = MeterEventBatch.encode({ events: [event('s3'), MeterEvent.fromPartial({ requestId: 's4' })] }).finish();
    expect(decodeMeterMessage(subjects.meterSeed('run-1'), bad)).toEqual({ ok: false, reason: 'batch: MeterEvent without consumer' });
  });

  it('reads a single event on any other meter subject', () => {
    const decoded = decodeMeterMessage('ndxp.meter.TINH-01-LGSP.BO-BKHDT-DKDN.GetEnterprise', MeterEvent.encode(event('x')).finish());
    expect(decoded.ok && decoded.events.map((e) => e.requestId)).toEqual(['x']);
  });

  it('calls a batch with one incomplete event, or undecodable bytes, poison as a whole', () => {
    const bad = MeterEventBatch.encode({ events: [event('a'), MeterEvent.fromPartial({ requestId: 'b' })] }).finish();
    expect(decodeMeterMessage('ndxp.meter._batch.r', bad)).toEqual({ ok: false, reason: 'batch: MeterEvent without consumer' });
    expect(decodeMeterMessage('ndxp.meter._batch.r', new Uint8Array([0xff, 0xff])).ok).toBe(false);
  });
});
