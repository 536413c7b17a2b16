// Polls the national system's change feed and publishes each change to the events stream of the
// consumer that created the order. At least once into JetStream, stored once thanks to the msgID
// `<itemNumber>:<sequence>`; the cursor moves only after JetStream acknowledged the publishes.
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { ownContext, sleepUnlessAborted, type RequestContext } from '@ndxp/adapter-sdk';
import { isSubsystemToken, OrderStatusChanged, ORDER_STATUS_CHANGED, subjects, VNPOST_PROVIDER } from '@ndxp/contracts';
import { ensureEventsStream, type Logger } from '@ndxp/runtime';
import type { FeedCursor } from './feed-cursor';
import { mapChange } from './mapper';
import type { PostalApi } from './postal-api';

/** What the relay needs. */
export interface EventRelayOptions {
  nc: NatsConnection;
  api: PostalApi;
  cursor: FeedCursor;
  logger: Logger;
  pollMs: number;
  batch: number;
  /** Upper bound of one feed call. */
  timeoutMs: number;
  /** Replicas of the events stream when the relay creates it (NATS_STREAM_REPLICAS). */
  streamReplicas?: number;
}

/** A running relay. */
export interface EventRelay {
  /** Changes published since start (including ones JetStream recognised as duplicates). */
  readonly published: number;
  /** Stops polling and waits for the poll in progress to end. */
  stop(): Promise<void>;
}

interface FeedPage {
  epoch: string;
  entries: unknown[];
  last: number;
  more: boolean;
}

function readPage(answer: unknown, after: number): FeedPage {
  const o = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<string, unknown>;
  const entries = Array.isArray(o['thayDoi']) ? (o['thayDoi'] as unknown[]) : [];
  const last = typeof o['cuoi'] === 'number' && Number.isSafeInteger(o['cuoi']) ? o['cuoi'] : after;
  const epoch = typeof o['phien'] === 'string' ? o['phien'] : '';
  return { epoch, entries, last: Math.max(last, after), more: o['conNua'] === true };
}

/** Starts polling at once, then every pollMs (at once again while the feed says there is more). */
export async function startEventRelay(options: EventRelayOptions): Promise<EventRelay> {
  const { nc, api, cursor, logger } = options;
  await ensureEventsStream(nc, { replicas: options.streamReplicas ?? 1 });
  const js: JetStreamClient = jetstream(nc);
  const ac = new AbortController();
  let published = 0;
  let polls = 0;
  let failing = false;

  /** One poll: returns true when the feed has more right away. */
  async function pollOnce(): Promise<boolean> {
    const stored = await cursor.read();
    const ctx = (): RequestContext =>
      ownContext({ requestId: `vnpost-feed-${++polls}`, timeoutMs: options.timeoutMs, signal: ac.signal, logger });
    let after = stored.position;
    let page = readPage(await api.changes(ctx(), after, options.batch), after);
    if (page.epoch !== stored.epoch && after > 0) {
      // The national system's feed restarted (a new run numbers its changes from 1): read it again
      // from its start; changes already published are dropped by the msgID dedupe.
      logger.warn({ from: stored, epoch: page.epoch }, 'change feed restarted; reading it from the start');
      after = 0;
      page = readPage(await api.changes(ctx(), after, options.batch), after);
    }
    for (const entry of page.entries) {
      const change = mapChange(entry);
      if (change.position <= after) continue;
      if (!isSubsystemToken(change.consumer)) {
        // An order made outside the mesh: nobody to tell.
        logger.debug({ itemNumber: change.event.itemNumber }, 'change of an order without a mesh consumer skipped');
        continue;
      }
      // One at a time, in feed order: a failed publish must not let a later change of the same
      // order be stored before it.
      await js.publish(
        subjects.event(change.consumer, VNPOST_PROVIDER, ORDER_STATUS_CHANGED),
        OrderStatusChanged.encode(change.event).finish(),
        {
          msgID: change.msgId,
        },
      );
      published++;
    }
    await cursor.advance({ epoch: page.epoch, position: page.last });
    return page.more;
  }

  const loop = (async () => {
    while (!ac.signal.aborted) {
      let more = false;
      try {
        more = await pollOnce();
        if (failing) logger.info('change feed relay recovered');
        failing = false;
      } catch (err) {
        if (ac.signal.aborted) break;
        // Logged once per outage, not once per poll.
        if (!failing) logger.warn({ err }, 'change feed relay failed; retrying every poll');
        failing = true;
      }
      if (!more) await sleepUnlessAborted(options.pollMs, ac.signal);
    }
  })();

  return {
    get published() {
      return published;
    },
    async stop() {
      ac.abort();
      await loop;
    },
  };
}
