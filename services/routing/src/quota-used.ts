// How much of the daily quota a routing replica used, read back from the metering stream. Every
// request that took a token is metered with quota_taken set, before its consumer is answered (fail
// closed), so the events a gone replica published count exactly the tokens it spent on answers; a
// request it had taken a token for but never answered has no event, and its token is free again.
import type { JetStreamClient } from '@nats-io/jetstream';
import { METER_STREAM, MeterEventBatch, subjects, type MeterEvent } from '@ndxp/contracts';
import { vietnamDay, vietnamDayStartMs } from './consumer-limiter';

/** Stream timestamps are the broker's clock, events' receipt times routing's: read from a little before the day. */
const CLOCK_SLACK_MS = 5 * 60_000;
/** Messages asked per fetch. */
const FETCH_MAX = 256;
/** How long one fetch waits (the stream holds the messages already; only a short last fetch waits). */
const FETCH_EXPIRES_MS = 2_000;

/**
 * Counts, per consumer, the requests of `day` (Vietnam calendar) that routing run `run` metered as
 * having taken a quota token: its batches (ndxp.meter._batch.<run>) from the start of the day. An
 * event stored twice (a batch published again) counts once. (A run with ROUTING_METER_MAX_BATCH=1
 * publishes single events that do not name the run: nothing of it is found, so nothing is given back.)
 */
export async function quotaUsed(js: JetStreamClient, run: string, day: number, consumers: readonly string[]): Promise<Map<string, number>> {
  const wanted = new Set(consumers);
  const used = new Map<string, number>(consumers.map((c) => [c, 0]));
  const seen = new Set<string>();
  const tally = (e: MeterEvent): void => {
    if (!e.quotaTaken || !wanted.has(e.consumer) || vietnamDay(Number(e.receivedAtMs)) !== day) return;
    const key = `${e.requestId}\u0000${e.receivedAtMs}`;
    if (seen.has(key)) return;
    seen.add(key);
    used.set(e.consumer, (used.get(e.consumer) ?? 0) + 1);
  };
  const consumer = await js.consumers.get(METER_STREAM, {
    filter_subjects: subjects.meterBatch(run),
    opt_start_time: new Date(vietnamDayStartMs(day) - CLOCK_SLACK_MS).toISOString(),
  });
  try {
    let unread = (await consumer.info(true)).num_pending;
    while (unread > 0) {
      let got = 0;
      for await (const m of await consumer.fetch({ max_messages: Math.min(unread, FETCH_MAX), expires: FETCH_EXPIRES_MS })) {
        got++;
        let events: MeterEvent[] = [];
        try {
          events = MeterEventBatch.decode(m.data).events;
        } catch {
          // Not a batch (metering's reconciliation reports such messages); it spent no token here.
        }
        for (const e of events) tally(e);
      }
      if (got === 0) break;
      unread -= got;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
  return used;
}
