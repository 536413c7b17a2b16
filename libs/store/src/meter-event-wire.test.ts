// Reading meter events off the wire for the ledger: the fast path keeps the bytes as sent and reads
// the same fields ts-proto does; anything it does not take (another field order, repeated or
// unknown fields, negative or huge numbers, invalid UTF-8) goes through ts-proto and is stored as
// canonical bytes; in every case the stored bytes decode to the fields the ledger counted.
import { MeterEvent, MeterEventBatch } from '@ndxp/contracts';
import { canonicalBytes } from './ledger-chain-encoding';
import { encodeForLedger, scanMeterEvent, scanMeterEventBatch, type EncodedMeterEvent } from './meter-event-wire';
import { randomEvent, reseed } from './random-meter-events.fixture';
import { canonicalEvent, protoCanonicalBytes } from './sqlite-ledger-chain';

/** The fields the ledger counts, as ts-proto reads them from bytes. */
function countedFields(bytes: Uint8Array): Omit<EncodedMeterEvent, 'bytes'> {
  const e = canonicalEvent(MeterEvent.decode(bytes));
  return {
    requestId: e.requestId,
    consumer: e.consumer,
    provider: e.provider,
    service: e.service,
    outcome: e.outcome,
    code: e.code,
    receivedAtMs: e.receivedAtMs,
    durationUs: e.durationUs,
  };
}

/** An event the ledger accepts: the four key fields present. */
function keyed(e: MeterEvent): MeterEvent {
  return { ...e, requestId: e.requestId || 'r', consumer: e.consumer || 'c', provider: e.provider || 'p', service: e.service || 's' };
}

function field(tag: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), payload]);
}
const str = (tag: number, s: string): Buffer => {
  const b = Buffer.from(s, 'utf8');
  return field(tag, Buffer.concat([Buffer.from([b.length]), b]));
};
const varint = (tag: number, v: number): Buffer => {
  const out: number[] = [];
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return field(tag, Buffer.from(out));
};

describe('meter events off the wire', () => {
  beforeAll(() => reseed(11));

  it('on 5,000 random events, the stored bytes decode to exactly the fields the ledger counted', () => {
    let fast = 0;
    for (let i = 0; i < 5_000; i++) {
      const event = keyed(canonicalEvent(randomEvent()));
      const sent = MeterEvent.encode(event).finish();
      const r = scanMeterEvent(sent);
      if (!r.ok) throw new Error(`event ${i} refused: ${r.reason}`);
      const got = r.events[0]!;
      const { bytes, ...counted } = got;
      const stored = JSON.stringify(countedFields(bytes));
      if (JSON.stringify(counted) !== stored || stored !== JSON.stringify(countedFields(sent))) {
        throw new Error(`event ${i}: counted ${JSON.stringify(counted)}, stored ${stored}, sent ${JSON.stringify(countedFields(sent))}`);
      }
      if (Buffer.from(bytes).equals(Buffer.from(sent))) fast++;
      else if (!Buffer.from(bytes).equals(Buffer.from(canonicalBytes(event, protoCanonicalBytes)))) {
        throw new Error(`event ${i}: re-encoded bytes are not the canonical bytes`);
      }
    }
    // Most random events are plain enough for the fast path; the rest were re-encoded canonically.
    expect(fast).toBeGreaterThan(1_000);
  });

  it('keeps the bytes of an ordinary event as sent (no copy of its fields is re-encoded)', () => {
    const sent = MeterEvent.encode(
      MeterEvent.fromPartial({
        requestId: 'r1',
        consumer: 'TINH-01-LGSP',
        provider: 'BO-BKHDT-DKDN',
        service: 'GetEnterprise',
        officer: 'cán bộ',
      }),
    ).finish();
    const r = scanMeterEvent(sent);
    expect(r.ok && Buffer.from(r.events[0]!.bytes).equals(Buffer.from(sent))).toBe(true);
  });

  it('reads fields out of order, repeated or unknown through ts-proto, and stores canonical bytes', () => {
    const cases: [string, Buffer][] = [
      ['out of order', Buffer.concat([str(0x12, 'C'), str(0x0a, 'R'), str(0x1a, 'P'), str(0x22, 'S')])],
      ['repeated (last wins)', Buffer.concat([str(0x0a, 'R1'), str(0x0a, 'R2'), str(0x12, 'C'), str(0x1a, 'P'), str(0x22, 'S')])],
      [
        'unknown field',
        Buffer.concat([str(0x0a, 'R'), str(0x12, 'C'), str(0x1a, 'P'), str(0x22, 'S'), Buffer.from([0xa2, 0x01, 0x01, 0x78])]),
      ],
      ['huge duration', Buffer.concat([str(0x0a, 'R'), str(0x12, 'C'), str(0x1a, 'P'), str(0x22, 'S'), varint(0x58, 2 ** 50)])],
      [
        'invalid UTF-8 consumer',
        Buffer.concat([str(0x0a, 'R'), field(0x12, Buffer.from([2, 0xc3, 0x28])), str(0x1a, 'P'), str(0x22, 'S')]),
      ],
    ];
    for (const [name, sent] of cases) {
      const r = scanMeterEvent(sent);
      if (!r.ok) throw new Error(`${name}: refused: ${r.reason}`);
      const { bytes, ...counted } = r.events[0]!;
      expect({ name, counted }).toEqual({ name, counted: countedFields(sent) });
      expect(Buffer.from(bytes).equals(Buffer.from(protoCanonicalBytes(MeterEvent.decode(sent))))).toBe(true);
    }
  });

  it('refuses bytes that are not a MeterEvent, and events without a key field, with a reason', () => {
    expect(scanMeterEvent(Buffer.from('not proto at all'))).toMatchObject({ ok: false });
    expect(scanMeterEvent(Buffer.concat([str(0x0a, 'R'), str(0x12, 'C'), str(0x1a, 'P')]))).toEqual({
      ok: false,
      reason: 'MeterEvent without service',
    });
    expect(scanMeterEvent(new Uint8Array(0))).toEqual({ ok: false, reason: 'MeterEvent without requestId' });
  });

  it('reads a batch event by event, each keeping its own bytes; one bad event makes the batch bad', () => {
    const events = Array.from({ length: 50 }, () => keyed(canonicalEvent(randomEvent())));
    const r = scanMeterEventBatch(MeterEventBatch.encode({ events }).finish());
    if (!r.ok) throw new Error(r.reason);
    expect(r.events.map((e) => countedFields(e.bytes))).toEqual(events.map((e) => countedFields(MeterEvent.encode(e).finish())));
    const bad = MeterEventBatch.encode({ events: [...events.slice(0, 3), { ...events[3]!, consumer: '' }] }).finish();
    expect(scanMeterEventBatch(bad)).toEqual({ ok: false, reason: 'batch: MeterEvent without consumer' });
    const truncated = MeterEventBatch.encode({ events }).finish().subarray(0, 100);
    expect(scanMeterEventBatch(truncated)).toMatchObject({ ok: false });
  });

  it('reads a batch with a field other than events through ts-proto', () => {
    const events = [keyed(canonicalEvent(randomEvent())), keyed(canonicalEvent(randomEvent()))];
    const data = Buffer.concat([Buffer.from(MeterEventBatch.encode({ events }).finish()), str(0x12, 'extra')]);
    const r = scanMeterEventBatch(data);
    if (!r.ok) throw new Error(r.reason);
    const decoded = MeterEventBatch.decode(data).events;
    expect(r.events.map((e) => e.requestId)).toEqual(decoded.map((e) => e.requestId));
    expect(r.events.map((e) => Buffer.from(e.bytes).toString('hex'))).toEqual(
      decoded.map((e) => Buffer.from(encodeForLedger(e).bytes).toString('hex')),
    );
  });
});
