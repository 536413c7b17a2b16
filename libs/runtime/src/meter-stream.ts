// The JetStream stream of metering events, declared once: routing and metering both ensure it.
import { JetStreamApiError, jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { EVENTS_STREAM, EVENTS_SUBJECTS, METER_STREAM, METER_SUBJECTS } from '@ndxp/contracts';

/** Duplicate window: a retry with the same request id inside it is not stored twice. */
export const METER_DUPLICATE_WINDOW_MS = 10 * 60_000;

/** How long the events stream keeps an event a consumer has not read (30 days). */
export const EVENTS_MAX_AGE_MS = 30 * 24 * 3600_000;

/**
 * JetStream's answers while a freshly formed cluster cannot place a stream yet: no suitable peers
 * (JSClusterNoPeersErr 10005), the cluster not available (10008). Services that start with the
 * cluster (a Kubernetes rollout, the three-node tests) wait them out instead of failing to start.
 */
const PLACEMENT_PENDING = new Set([10005, 10008]);
/** How long creating a stream waits for the cluster to place it, ms. */
export const PLACEMENT_WAIT_MS = 30_000;

/** Runs `create` (a stream or key-value bucket creation) again while the cluster cannot place it yet. */
export async function whilePlacing<T>(create: () => Promise<T>, waitMs = PLACEMENT_WAIT_MS): Promise<T> {
  const until = Date.now() + waitMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 2_000)) {
    try {
      return await create();
    } catch (err) {
      if (!(err instanceof JetStreamApiError && PLACEMENT_PENDING.has(err.code)) || Date.now() + pause > until) throw err;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

/** How a stream is created when missing. */
export interface StreamOptions {
  /** Copies of the stream in a JetStream cluster (NATS_STREAM_REPLICAS; 3 in production, 1 alone). */
  replicas?: number;
}

/** Creates the metering stream if missing; leaves an existing one as it is. */
export async function ensureMeterStream(nc: NatsConnection, options: StreamOptions = {}): Promise<JetStreamManager> {
  return ensureStream(nc, METER_STREAM, METER_SUBJECTS, METER_DUPLICATE_WINDOW_MS, 7 * 24 * 3600_000, options);
}

/**
 * Creates the stream of events national systems send to consumers (ndxp.evt.<consumer>.>) if
 * missing. Publishers set a message id per event, so a re-published event is stored once.
 */
export async function ensureEventsStream(nc: NatsConnection, options: StreamOptions = {}): Promise<JetStreamManager> {
  return ensureStream(nc, EVENTS_STREAM, EVENTS_SUBJECTS, METER_DUPLICATE_WINDOW_MS, EVENTS_MAX_AGE_MS, options);
}

async function ensureStream(
  nc: NatsConnection,
  name: string,
  subjects: string,
  duplicateWindowMs: number,
  maxAgeMs: number,
  options: StreamOptions,
): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(name);
  } catch {
    try {
      await whilePlacing(() =>
        jsm.streams.add({
          name,
          subjects: [subjects],
          storage: StorageType.File,
          retention: RetentionPolicy.Limits,
          duplicate_window: nanos(duplicateWindowMs),
          max_age: nanos(maxAgeMs),
          num_replicas: options.replicas ?? 1,
        }),
      );
    } catch (err) {
      // Another replica may have created it meanwhile.
      await jsm.streams.info(name).catch(() => {
        throw err;
      });
    }
  }
  return jsm;
}
