// The JetStream stream of metering events, declared once: routing and metering both ensure it.
import { jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { METER_STREAM, METER_SUBJECTS } from '@ndxp/contracts';

/** Duplicate window: a retry with the same request id inside it is not stored twice. */
export const METER_DUPLICATE_WINDOW_MS = 10 * 60_000;

/** Creates the metering stream if missing; leaves an existing one as it is. */
export async function ensureMeterStream(nc: NatsConnection): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(METER_STREAM);
  } catch {
    try {
      await jsm.streams.add({
        name: METER_STREAM,
        subjects: [METER_SUBJECTS],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: nanos(METER_DUPLICATE_WINDOW_MS),
        max_age: nanos(7 * 24 * 3600_000),
      });
    } catch (err) {
      // Another replica may have created it meanwhile.
      await jsm.streams.info(METER_STREAM).catch(() => {
        throw err;
      });
    }
  }
  return jsm;
}
