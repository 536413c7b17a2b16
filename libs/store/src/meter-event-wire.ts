// Meter events as the ledger takes them: the event's protobuf bytes (stored and hashed as they are)
// with the few fields the ledger indexes and counts, read straight off the wire.
//
// The fast path reads a MeterEvent whose fields come in field-number order, each at most once, with
// the wire type the schema gives it (what ts-proto and every proto3 encoder write), decoding only
// request id, consumer, provider, service, outcome, code, received time and duration. Anything else
// (unknown fields, another order, repeated fields, a negative or over-2^53 number, a string that is
// not valid UTF-8) takes the slow path: ts-proto decodes it and the hand encoder writes its canonical
// bytes, which are then what is stored. Either way the stored bytes decode (ts-proto) to exactly the
// fields the ledger counted.
import { MeterEvent, MeterEventBatch } from '@ndxp/contracts';
import { canonicalBytes } from './ledger-chain-encoding';
import { canonicalEvent, protoCanonicalBytes } from './sqlite-ledger-chain';

/** One meter event for the ledger: its bytes and the fields the ledger indexes and counts. */
export interface EncodedMeterEvent {
  /** The MeterEvent's protobuf bytes: stored and hashed as they are. */
  bytes: Uint8Array;
  requestId: string;
  consumer: string;
  provider: string;
  service: string;
  outcome: number;
  code: string;
  receivedAtMs: number;
  durationUs: number;
}

/** The events of one message, or why the message can never be ledgered. */
export type ScannedMeterEvents = { ok: true; events: EncodedMeterEvent[] } | { ok: false; reason: string };

/** Wire type per MeterEvent field number: 2 length-delimited (strings), 0 varint; undefined unknown. */
const WIRE_TYPE: (number | undefined)[] = [undefined, 2, 2, 2, 2, 2, 0, 2, 2, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 2];
const LAST_FIELD = 19;
/** Fields read as int32 (outcome, request and response bytes): larger varints take the slow path. */
const INT32_FIELD: boolean[] = [false, false, false, false, false, false, true, false, false, false, false, false, true, true];
const REPLACEMENT = '\ufffd';

/** Buffer's own UTF-8 slice (what toString('utf8', start, end) ends in, without its argument handling). */
type Utf8Slicing = Buffer & { utf8Slice?: (start: number, end: number) => string };
const utf8: (b: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as Utf8Slicing).utf8Slice === 'function'
    ? (b, start, end) => (b as Utf8Slicing).utf8Slice!(start, end)
    : (b, start, end) => b.toString('utf8', start, end);

/** Reads the event in b[start, end) on the fast path, or undefined when it needs ts-proto. */
function scanFast(b: Buffer, start: number, end: number): EncodedMeterEvent | undefined {
  let p = start;
  let last = 0;
  let requestId = '';
  let consumer = '';
  let provider = '';
  let service = '';
  let code = '';
  let outcome = 0;
  let receivedAtMs = 0;
  let durationUs = 0;
  while (p < end) {
    let tag = b[p++]!;
    if (tag & 0x80) {
      if (p >= end) return undefined;
      const high = b[p++]!;
      if (high & 0x80) return undefined;
      tag = (tag & 0x7f) | (high << 7);
    }
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field <= last || field > LAST_FIELD || WIRE_TYPE[field] !== wire) return undefined;
    last = field;
    if (wire === 2) {
      let len = 0;
      let shift = 0;
      let byte: number;
      do {
        if (p >= end || shift > 21) return undefined;
        byte = b[p++]!;
        len |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      const to = p + len;
      if (to > end) return undefined;
      if (field <= 4 || field === 7) {
        const s = utf8(b, p, to);
        if (s.includes(REPLACEMENT)) return undefined;
        if (field === 1) requestId = s;
        else if (field === 2) consumer = s;
        else if (field === 3) provider = s;
        else if (field === 4) service = s;
        else code = s;
      }
      p = to;
    } else {
      // A varint of at most 7 bytes (49 bits): anything longer (negatives, > 2^49) takes the slow path.
      let v = 0;
      let mul = 1;
      let byte: number;
      let n = 0;
      do {
        if (p >= end || n++ === 7) return undefined;
        byte = b[p++]!;
        v += (byte & 0x7f) * mul;
        mul *= 128;
      } while (byte & 0x80);
      if (v > 0x7fffffff && INT32_FIELD[field]) return undefined;
      if (field === 6) outcome = v;
      else if (field === 10) receivedAtMs = v;
      else if (field === 11) durationUs = v;
    }
  }
  return { bytes: b.subarray(start, end), requestId, consumer, provider, service, outcome, code, receivedAtMs, durationUs };
}

/** An event decoded by ts-proto, as the ledger takes it: its canonical bytes and fields. */
export function encodeForLedger(event: MeterEvent): EncodedMeterEvent {
  const e = canonicalEvent(event);
  return {
    bytes: canonicalBytes(e, protoCanonicalBytes),
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

function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Why an event can never be ledgered (a missing key field), or undefined when it can. */
function missingField(e: EncodedMeterEvent): string | undefined {
  if (!e.requestId) return 'MeterEvent without requestId';
  if (!e.consumer) return 'MeterEvent without consumer';
  if (!e.provider) return 'MeterEvent without provider';
  if (!e.service) return 'MeterEvent without service';
  return undefined;
}

/** Reads one event in data[start, end): the fast path, else ts-proto (which may throw). */
function scanOne(b: Buffer, start: number, end: number): EncodedMeterEvent {
  return scanFast(b, start, end) ?? encodeForLedger(MeterEvent.decode(b.subarray(start, end)));
}

/** One MeterEvent message. */
export function scanMeterEvent(data: Uint8Array): ScannedMeterEvents {
  let event: EncodedMeterEvent;
  try {
    event = scanOne(asBuffer(data), 0, data.length);
  } catch (err) {
    return { ok: false, reason: `undecodable MeterEvent: ${err instanceof Error ? err.message : String(err)}` };
  }
  const missing = missingField(event);
  return missing ? { ok: false, reason: missing } : { ok: true, events: [event] };
}

/** One MeterEventBatch message; a batch with one bad event is bad as a whole. */
export function scanMeterEventBatch(data: Uint8Array): ScannedMeterEvents {
  const b = asBuffer(data);
  const events: EncodedMeterEvent[] = [];
  let p = 0;
  let fast = true;
  // The batch is `repeated MeterEvent events = 1`: tag 0x0a, a length, the event's bytes.
  while (p < b.length) {
    if (b[p] !== 0x0a) {
      fast = false;
      break;
    }
    p++;
    let len = 0;
    let shift = 0;
    let byte: number;
    do {
      if (p >= b.length || shift > 28) return { ok: false, reason: 'undecodable MeterEventBatch: truncated length' };
      byte = b[p++]!;
      len += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    if (p + len > b.length) return { ok: false, reason: 'undecodable MeterEventBatch: an event runs past the end' };
    let e: EncodedMeterEvent;
    try {
      e = scanOne(b, p, p + len);
    } catch (err) {
      return { ok: false, reason: `undecodable MeterEventBatch: ${err instanceof Error ? err.message : String(err)}` };
    }
    const missing = missingField(e);
    if (missing) return { ok: false, reason: `batch: ${missing}` };
    events.push(e);
    p += len;
  }
  if (fast) return { ok: true, events };
  // Something other than events in the batch (an unknown field): ts-proto reads the whole of it.
  let batch: MeterEventBatch;
  try {
    batch = MeterEventBatch.decode(b);
  } catch (err) {
    return { ok: false, reason: `undecodable MeterEventBatch: ${err instanceof Error ? err.message : String(err)}` };
  }
  const all = batch.events.map(encodeForLedger);
  for (const e of all) {
    const missing = missingField(e);
    if (missing) return { ok: false, reason: `batch: ${missing}` };
  }
  return { ok: true, events: all };
}
