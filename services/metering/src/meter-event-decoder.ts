// Turning a JetStream message body into a MeterEvent, or a reason why it is poison.
import { MeterEvent } from '@ndxp/contracts';

/** A decoded event, or why the message can never be ledgered (it is then terminated, not retried). */
export type DecodedMeterEvent = { ok: true; event: MeterEvent } | { ok: false; reason: string };

/** Decodes and checks one event: it must carry a request id, consumer, provider and service. */
export function decodeMeterEvent(data: Uint8Array): DecodedMeterEvent {
  let event: MeterEvent;
  try {
    event = MeterEvent.decode(data);
  } catch (err) {
    return { ok: false, reason: `undecodable MeterEvent: ${err instanceof Error ? err.message : String(err)}` };
  }
  for (const field of ['requestId', 'consumer', 'provider', 'service'] as const) {
    if (!event[field]) return { ok: false, reason: `MeterEvent without ${field}` };
  }
  return { ok: true, event };
}
