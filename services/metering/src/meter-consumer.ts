// The durable pull consumer that moves meter events from JetStream into the ledger: fetch a
// batch, append it in one transaction, and only after it commits acknowledge every message.
import { AckPolicy, DeliverPolicy, jetstream, type ConsumerConfig, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { METER_DURABLE, METER_STREAM } from '@ndxp/contracts';
import { ensureMeterStream, type Logger } from '@ndxp/runtime';
import { ChainHasher, appendInChunks, type EncodedMeterEvent, type LedgerStore } from '@ndxp/store';
import { decodeMeterMessage } from './meter-event-decoder';

/** Redelivery timeout of an unacknowledged meter event. */
export const METER_ACK_WAIT_MS = 5_000;
/**
 * Events one fetch aims at: seed-history's messages hold thousands of events each, so the messages
 * asked per fetch (at most METERING_BATCH) follow the events per message of the previous fetch, to
 * bound memory. (A byte-limited pull would do this, but did not deliver on nats-server 2.9.10.)
 */
export const METER_FETCH_TARGET_EVENTS = 40_000;

/** Unacknowledged messages JetStream lets the consumer hold at once. */
export const METER_MAX_ACK_PENDING = 20_000;

/** The durable consumer's settings (explicit ack, every event of the stream from the start). */
export const meterConsumerConfig: Partial<ConsumerConfig> = {
  durable_name: METER_DURABLE,
  ack_policy: AckPolicy.Explicit,
  deliver_policy: DeliverPolicy.All,
  ack_wait: nanos(METER_ACK_WAIT_MS),
  max_ack_pending: METER_MAX_ACK_PENDING,
  max_deliver: -1,
};

/** Creates the durable consumer if missing, or brings ack_wait and max_ack_pending in line. */
export async function ensureMeterConsumer(jsm: JetStreamManager): Promise<void> {
  let info;
  try {
    info = await jsm.consumers.info(METER_STREAM, METER_DURABLE);
  } catch {
    try {
      await jsm.consumers.add(METER_STREAM, meterConsumerConfig);
      return;
    } catch (err) {
      // Another replica may have created it meanwhile.
      info = await jsm.consumers.info(METER_STREAM, METER_DURABLE).catch(() => {
        throw err;
      });
    }
  }
  if (info.config.ack_wait !== meterConsumerConfig.ack_wait || info.config.max_ack_pending !== METER_MAX_ACK_PENDING) {
    await jsm.consumers.update(METER_STREAM, METER_DURABLE, {
      ack_wait: meterConsumerConfig.ack_wait!,
      max_ack_pending: METER_MAX_ACK_PENDING,
    });
  }
}

/** What the consumer loop has done since it started. */
export interface MeterConsumerCounters {
  batches: number;
  inserted: number;
  duplicates: number;
  /** Events that changed a ledgered transaction's outcome (a retry that succeeded). */
  outcomeUpdates: number;
  poison: number;
  failedBatches: number;
}

export interface MeterConsumerOptions {
  nc: NatsConnection;
  store: LedgerStore;
  logger: Logger;
  batchSize: number;
  /** How long one fetch waits for a full batch, ms (JetStream's minimum is 1000). */
  fetchExpiresMs?: number;
  /** Delay before JetStream redelivers a batch the store refused, and before fetching again, ms. */
  retryDelayMs?: number;
  /** Hash the chain of large batches ahead on a worker thread when the store uses it (default true). */
  hashAhead?: boolean;
}

/** A running consumer loop. */
export interface MeterConsumer {
  readonly counters: MeterConsumerCounters;
  /** Stops fetching, finishes and acknowledges the batch in flight, then returns. */
  stop(): Promise<void>;
}

/** Starts the fetch → append → ack loop on the durable consumer (which must exist). */
export async function startMeterConsumer(options: MeterConsumerOptions): Promise<MeterConsumer> {
  const { nc, store, logger, batchSize } = options;
  const hasher = store.acceptsChainHints && options.hashAhead !== false ? new ChainHasher() : undefined;
  const fetchExpiresMs = Math.max(1_000, options.fetchExpiresMs ?? 1_000);
  const retryDelayMs = options.retryDelayMs ?? 2_000;
  const counters: MeterConsumerCounters = { batches: 0, inserted: 0, duplicates: 0, outcomeUpdates: 0, poison: 0, failedBatches: 0 };
  const consumer = await jetstream(nc).consumers.get(METER_STREAM, METER_DURABLE);

  let stopping = false;
  let wake: () => void = () => undefined;
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

  /** Ledgers one fetched batch; false when the store refused it. */
  const ledger = async (msgs: JsMsg[]): Promise<boolean> => {
    const events: EncodedMeterEvent[] = [];
    const good: JsMsg[] = [];
    let perMessage = 1;
    for (const m of msgs) {
      const decoded = decodeMeterMessage(m.subject, m.data);
      if (decoded.ok) {
        for (const e of decoded.events) events.push(e);
        perMessage = Math.max(perMessage, decoded.events.length);
        good.push(m);
      } else {
        counters.poison++;
        logger.error({ subject: m.subject, streamSeq: m.seq, reason: decoded.reason }, 'poison meter event terminated');
        // No reason text: nats-server 2.9 does not understand "+TERM <reason>" and would ignore it.
        m.term();
      }
    }
    eventsPerMessage = perMessage;
    if (events.length === 0) return true;
    try {
      // Chunks commit one by one; a failure after some of them redelivers the batch, and the
      // request-id key makes the committed part duplicates.
      await appendInChunks(store, events, {
        hasher,
        afterChunk: async (chunk, result, more) => {
          counters.batches++;
          counters.inserted += result.inserted;
          counters.duplicates += result.duplicates;
          counters.outcomeUpdates += result.updated ?? 0;
          logger.debug({ events: chunk, ...result }, 'meter batch ledgered');
          if (more) {
            // A long batch: keep JetStream from redelivering it meanwhile, and let queries be answered.
            for (const m of good) m.working();
            await new Promise((resolve) => setImmediate(resolve));
          }
        },
      });
    } catch (err) {
      counters.failedBatches++;
      logger.error({ err, events: events.length }, 'ledger append failed; the batch will be redelivered');
      for (const m of good) m.nak(retryDelayMs);
      return false;
    }
    // Only now that the ledger has committed: a lost ack means a redelivery, which the key dedupes.
    for (const m of good) m.ack();
    return true;
  };

  const recreateConsumer = async (): Promise<void> => {
    try {
      await ensureMeterConsumer(await ensureMeterStream(nc));
    } catch (err) {
      logger.warn({ err }, 'meter stream or consumer not available yet');
    }
  };

  /** One fetch: ends at a full batch, METER_FETCH_MAX_BYTES or fetchExpiresMs, leaving no pull request behind. */
  // Events per message seen last (a first guess that keeps the first fetch of a seed backlog small).
  let eventsPerMessage = Math.max(1, METER_FETCH_TARGET_EVENTS / 16);
  type Fetched = { msgs: JsMsg[]; failed: boolean };
  const fetchBatch = async (): Promise<Fetched> => {
    const msgs: JsMsg[] = [];
    try {
      const max = Math.max(1, Math.min(batchSize, Math.floor(METER_FETCH_TARGET_EVENTS / eventsPerMessage)));
      const iter = await consumer.fetch({ max_messages: max, expires: fetchExpiresMs });
      for await (const m of iter) msgs.push(m);
      return { msgs, failed: false };
    } catch (err) {
      if (!stopping) logger.warn({ err, fetched: msgs.length }, 'fetching meter events failed');
      return { msgs, failed: true };
    }
  };

  // The next fetch is asked for before the current batch is ledgered, so that JetStream delivers
  // while SQLite writes (a national-scale backlog otherwise leaves metering waiting on every fetch).
  const loop = async (): Promise<void> => {
    let next: Promise<Fetched> | undefined = fetchBatch();
    while (!stopping && next) {
      const { msgs, failed }: Fetched = await next;
      next = failed || stopping ? undefined : fetchBatch();
      // One turn of the event loop, so that the pull request goes out now rather than after this
      // batch's synchronous work (the client sends it when the fetch is first iterated).
      if (next) await new Promise((resolve) => setImmediate(resolve));
      const ok = msgs.length === 0 || (await ledger(msgs));
      if (!ok && next) {
        // The store refused a batch: what was fetched meanwhile goes back too, in order.
        for (const m of (await next).msgs) m.nak(retryDelayMs);
        next = undefined;
      }
      if ((failed || !ok) && !stopping) {
        await pause(retryDelayMs);
        if (failed && !stopping) await recreateConsumer();
      }
      next ??= stopping ? undefined : fetchBatch();
    }
    // Stopping with a fetch outstanding: its messages are handed back for the next metering to take.
    if (next) for (const m of (await next).msgs) m.nak();
  };

  const done = loop().catch((err: unknown) => logger.error({ err }, 'meter consumer loop failed'));
  return {
    counters,
    async stop(): Promise<void> {
      stopping = true;
      wake();
      await done;
      await hasher?.close();
      if (!nc.isClosed()) await nc.flush().catch(() => undefined);
    },
  };
}
