// Turning a JetStream message body into a MeterEvent, or a reason why it is poison.
import { METER_BATCH_PREFIX, MeterEvent, MeterEventBatch, subjects } from '@ndxp/contracts';

/** Prefix of seed-history's batches (ndxp.meter._seed.<run>): decoded and ledgered as routing's. */
const METER_SEED_PREFIX = subjects.meterSeed('');

/** Whether a meter subject carries a MeterEventBatch (routing's _batch or seed-history's _seed). */
export function isBatchSubject(subject: string): boolean {
  return subject.startsWith(METER_BATCH_PREFIX) || subject.startsWith(METER_SEED_PREFIX);
}

/** A decoded event, or why the message can never be ledgered (it is then terminated, not retried). */
export type DecodedMeterEvent = { ok: true; event: MeterEvent } | { ok: false; reason: string };

/** Decoded events of one message, or why the message can never be ledgered. */
export type DecodedMeterMessage = { ok: true; events: MeterEvent[] } | { ok: false; reason: string };

/** Decodes and checks one event: it must carry a request id, consumer, provider and service. */
export function decodeMeterEvent(data: Uint8Array): DecodedMeterEvent {
  let event: MeterEvent;
  try {
    event = MeterEvent.decode(data);
  } catch (err) {
    return { ok: false, reason: `undecodable MeterEvent: ${err instanceof Error ? err.message : String(err)}` };
  }
  return checked(event);
}

/**
 * Decodes one stream message: a MeterEventBatch on ndxp.meter._batch.<instance> (routing's form) or
 * ndxp.meter._seed.<run> (seed-history's), a single MeterEvent on any other meter subject. A batch with one bad event is poison as a whole.
 */
export function decodeMeterMessage(subject: string, data: Uint8Array): DecodedMeterMessage {
  if (!isBatchSubject(subject)) {
    const one = decodeMeterEvent(data);
    return one.ok ? { ok: true, events: [one.event] } : one;
  }
  let batch: MeterEventBatch;
  try {
    batch = MeterEventBatch.decode(data);
  } catch (err) {
    return { ok: false, reason: `undecodable MeterEventBatch: ${err instanceof Error ? err.message : String(err)}` };
  }
  for (const event of batch.events) {
    const c = checked(event);
    if (!c.ok) return { ok: false, reason: `batch: ${c.reason}` };
  }
  return { ok: true, events: batch.events };
}

function checked(event: MeterEvent): DecodedMeterEvent {
  for (const field of ['requestId', 'consumer', 'provider', 'service'] as const) {
    if (!event[field]) return { ok: false, reason: `MeterEvent without ${field}` };
  }
  return { ok: true, event };
}
