// Where the relay remembers how far it has read the national change feed: a JetStream KV entry,
// shared by every replica and kept across restarts, that only ever moves forward within one run
// (epoch) of the feed. A feed that restarted (new epoch) is read again from its start.
import type { NatsConnection } from '@nats-io/nats-core';
import { Kvm, type KV } from '@nats-io/kv';

/** A position in one run of the feed. */
export interface FeedPosition {
  /** The feed's run id ('' when the national system gives none). */
  epoch: string;
  /** The position after the last change published and acknowledged by JetStream (0 at first). */
  position: number;
}

/** The feed position every replica shares. */
export interface FeedCursor {
  read(): Promise<FeedPosition>;
  /** Moves the cursor forward; a no-op when another replica is already there or further in that epoch. */
  advance(to: FeedPosition): Promise<void>;
}

const KEY = 'cursor';
const decoder = new TextDecoder();

function parse(text: string): FeedPosition {
  try {
    const v = JSON.parse(text) as Partial<FeedPosition>;
    const position = typeof v.position === 'number' && Number.isSafeInteger(v.position) && v.position >= 0 ? v.position : 0;
    return { epoch: typeof v.epoch === 'string' ? v.epoch : '', position };
  } catch {
    return { epoch: '', position: 0 };
  }
}

/** Opens (creating when missing) the bucket holding the cursor. */
export async function openFeedCursor(nc: NatsConnection, bucket: string): Promise<FeedCursor> {
  const kv: KV = await new Kvm(nc).create(bucket, { history: 1 });
  const current = async (): Promise<(FeedPosition & { revision: number }) | undefined> => {
    const entry = await kv.get(KEY);
    if (!entry || entry.operation !== 'PUT') return undefined;
    return { ...parse(decoder.decode(entry.value)), revision: entry.revision };
  };
  return {
    read: async () => {
      const now = await current();
      return now ? { epoch: now.epoch, position: now.position } : { epoch: '', position: 0 };
    },
    async advance(to) {
      const value = JSON.stringify({ epoch: to.epoch, position: to.position });
      // Compare-and-set: replicas advance concurrently; within an epoch the cursor never goes back.
      for (let attempt = 0; attempt < 10; attempt++) {
        const now = await current();
        if (now && now.epoch === to.epoch && now.position >= to.position) return;
        try {
          if (now) await kv.update(KEY, value, now.revision);
          else await kv.create(KEY, value);
          return;
        } catch {
          // Another replica wrote first: read again.
        }
      }
      throw new Error(`could not advance the feed cursor to ${value}`);
    },
  };
}
