// Giving back what a routing replica that died held of daily quotas (QuotaLeases). Its held records
// (held.<run>.<consumer>.<day> in ndxp_limits) say what it was granted; its meter batches say what
// it spent: every request that took a token is metered with quota_taken set before its consumer is
// answered (fail closed), so they count exactly the tokens it spent on answers, and a request it had
// taken a token for but never answered has no event: its token is free again.
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { LIMITS_BUCKET, METER_STREAM, MeterEventBatch, subjects, type MeterEvent } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';
import { vietnamDayNumber, vietnamDayStartMs } from '@ndxp/contracts';
import { isWrongRevision } from './kv-revision';

/** Conditional writes lost to other replicas before a write on a count gives up. */
export const MAX_RACES = 20;
const HELD_PREFIX = 'held.';

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
    if (!e.quotaTaken || !wanted.has(e.consumer) || vietnamDayNumber(Number(e.receivedAtMs)) !== day) return;
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

/** The held record of run `run` for a count key (`<consumer>.<day>`). */
export function heldKeyOf(run: string, countKey: string): string {
  return `${HELD_PREFIX}${run}.${countKey}`;
}

/** held.<run>.<consumer>.<day> into its parts (undefined when it is not one). */
export function parseHeldKey(key: string): { run: string; consumer: string; day: number } | undefined {
  const [prefix, run, ...rest] = key.split('.');
  if (prefix !== 'held' || run === undefined || rest.length < 2) return undefined;
  const day = Number(rest.at(-1));
  if (!Number.isInteger(day)) return undefined;
  return { run, consumer: rest.slice(0, -1).join('.'), day };
}

/** Takes `tokens` off a day's count with a conditional write (never below 0). */
export async function subtractFromCount(kv: KV, countKey: string, tokens: number): Promise<void> {
  for (let race = 0; race < MAX_RACES; race++) {
    const entry = await kv.get(countKey);
    if (entry?.operation !== 'PUT') return;
    const granted = Number(entry.string()) || 0;
    try {
      await kv.put(countKey, String(Math.max(0, granted - tokens)), { previousSeq: entry.revision });
      return;
    } catch (err) {
      if (!isWrongRevision(err)) throw err;
    }
  }
  throw new Error(`quota count ${countKey} contended past ${MAX_RACES} writes`);
}

/**
 * Gives back what gone runs held: for each held record of a run neither `self` nor `alive` (all
 * of them, or `only`'s), the tokens it was granted less those its meter batches say it spent.
 * Whoever deletes a record (conditionally on the revision it read) gives its tokens back: not this
 * caller if another reclaimer, or the run itself (not gone after all), wrote it since.
 */
export async function reclaimGone(options: {
  kv: KV;
  jsm: JetStreamManager;
  js: JetStreamClient;
  self: string;
  alive: ReadonlySet<string>;
  only?: string;
  logger?: Logger;
}): Promise<{ given: number; records: number }> {
  const { kv, jsm, js, self, alive, only, logger } = options;
  // The records' subjects from the stream's info: no consumer on the bucket needed (or permitted).
  const prefix = `$KV.${LIMITS_BUCKET}.`;
  const info = await jsm.streams.info(`KV_${LIMITS_BUCKET}`, { subjects_filter: `${prefix}${HELD_PREFIX}${only ? `${only}.` : ''}>` });
  // Only records that still hold something: a deleted one (a run that stopped, or one reclaimed
  // already) keeps its subject until the bucket's max age, and reading its run's batches again for
  // nothing cost the bench a fifth of its throughput.
  const gone = new Map<string, { run: string; day: number; records: Map<string, { key: string; held: number; revision: number }> }>();
  for (const subject of Object.keys(info.state.subjects ?? {})) {
    const heldKey = subject.slice(prefix.length);
    const parsed = parseHeldKey(heldKey);
    if (!parsed || parsed.run === self || alive.has(parsed.run)) continue;
    const entry = await kv.get(heldKey);
    if (entry?.operation !== 'PUT') continue;
    const group = `${parsed.run}.${parsed.day}`;
    let g = gone.get(group);
    if (!g) gone.set(group, (g = { run: parsed.run, day: parsed.day, records: new Map() }));
    g.records.set(parsed.consumer, { key: heldKey, held: Number(entry.string()) || 0, revision: entry.revision });
  }
  let given = 0;
  let records = 0;
  for (const { run, day, records: held } of gone.values()) {
    const used = await quotaUsed(js, run, day, [...held.keys()]);
    for (const [consumer, record] of held) {
      const unused = record.held - (used.get(consumer) ?? 0);
      try {
        await kv.delete(record.key, { previousSeq: record.revision });
      } catch (err) {
        if (isWrongRevision(err)) continue;
        throw err;
      }
      records++;
      if (unused > 0) {
        await subtractFromCount(kv, `${consumer}.${day}`, unused);
        given += unused;
      }
      logger?.info({ peer: run, consumer, day, given: Math.max(0, unused) }, 'quota held by a gone routing replica given back');
    }
  }
  return { given, records };
}
