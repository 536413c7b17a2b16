// What the meter stream holds, read back for a test: every meter event, batches opened.
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { METER_BATCH_PREFIX, METER_STREAM, MeterEvent, MeterEventBatch } from '@ndxp/contracts';

/** Every metering event in the stream, batches opened, in stream order. */
export async function meteredEvents(nc: NatsConnection): Promise<MeterEvent[]> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(METER_STREAM);
  const events: MeterEvent[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(METER_STREAM, { seq }).catch(() => null);
    if (!m) continue;
    if (m.subject.startsWith(METER_BATCH_PREFIX)) events.push(...MeterEventBatch.decode(m.data).events);
    else events.push(MeterEvent.decode(m.data));
  }
  return events;
}
