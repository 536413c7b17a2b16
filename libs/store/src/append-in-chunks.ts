// Appending a large batch of encoded meter events (a seed-history backlog fetched at once) in
// chunks, one ledger transaction each, with the chain hashed ahead on the hasher's thread: the
// worker hashes chunk n+1 while chunk n is stored. Metering's consumer and the ingest benchmark use it.
import type { ChainHasher, ChainHint } from './chain-hasher';
import type { EncodedMeterEvent } from './meter-event-wire';
import type { AppendResult, LedgerStore } from './ports';

/** Most events per ledger transaction. */
export const APPEND_MAX_EVENTS = 10_000;
/** Events of a batch below which the chain is hashed in the ledger transaction itself. */
export const HASH_AHEAD_MIN_EVENTS = 2_000;
/** The first chunk of a batch hashed ahead: small, so storing starts soon. */
const FIRST_CHUNK_EVENTS = 250;
/** Later chunks of a batch hashed ahead (fewer, larger transactions cost less per event). */
const CHUNK_EVENTS = APPEND_MAX_EVENTS;

/** How a batch of n events is split into ledger transactions. */
export function chunkSizes(n: number, hashingAhead: boolean): number[] {
  if (n === 0) return [];
  if (!hashingAhead || n < HASH_AHEAD_MIN_EVENTS) {
    const sizes: number[] = [];
    for (let left = n; left > 0; left -= APPEND_MAX_EVENTS) sizes.push(Math.min(left, APPEND_MAX_EVENTS));
    return sizes;
  }
  const sizes = [FIRST_CHUNK_EVENTS];
  for (let left = n - FIRST_CHUNK_EVENTS; left > 0; left -= CHUNK_EVENTS) sizes.push(Math.min(left, CHUNK_EVENTS));
  return sizes;
}

export interface AppendInChunksOptions {
  /** Hashes the chain ahead when the store uses hints and the batch is large enough. */
  hasher?: ChainHasher;
  /** After each committed chunk: its size, its result, whether more chunks follow. */
  afterChunk?: (events: number, result: AppendResult, more: boolean) => Promise<void> | void;
}

/** Appends events chunk by chunk (each chunk its own transaction); the first failure is thrown. */
export async function appendInChunks(
  store: LedgerStore,
  events: EncodedMeterEvent[],
  options: AppendInChunksOptions = {},
): Promise<AppendResult> {
  const hasher = store.acceptsChainHints ? options.hasher : undefined;
  const sizes = chunkSizes(events.length, hasher !== undefined);
  let hints: Promise<ChainHint>[] | undefined;
  if (hasher && sizes.length > 1) {
    const tail = await store.chainTail();
    hints = hasher.chain(
      tail.seq + 1,
      tail.hash,
      events.map((e) => e.bytes),
      sizes,
    );
  }
  const total: AppendResult = { inserted: 0, duplicates: 0 };
  for (let c = 0, i = 0; c < sizes.length; i += sizes[c]!, c++) {
    const chunk = sizes.length === 1 ? events : events.slice(i, i + sizes[c]!);
    // A hasher that failed leaves the hashing to the transaction.
    const hint = hints ? await hints[c]!.catch(() => undefined) : undefined;
    const result = await store.appendEncoded(chunk, hint);
    total.inserted += result.inserted;
    total.duplicates += result.duplicates;
    if (result.updated) total.updated = (total.updated ?? 0) + result.updated;
    await options.afterChunk?.(chunk.length, result, c + 1 < sizes.length);
  }
  return total;
}
