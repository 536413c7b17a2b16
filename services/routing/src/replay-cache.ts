// Remembers each request id's answer for a window, so that a replay is answered the same way
// without calling the adapter or metering again. Bounded by entries and by bytes (LRU).
import type { MsgHdrs } from '@nats-io/nats-core';

/** An answer as routing sent it: status, headers and payload. */
export interface StoredAnswer {
  code: string;
  headers: MsgHdrs;
  data: Uint8Array;
}

/** A request id in flight or answered; held by the transaction that owns it until it finishes. */
export interface ReplayEntry {
  readonly key: string;
  readonly fingerprint: string;
  readonly at: number;
  answer: StoredAnswer | undefined;
  bytes: number;
  waiters: Array<(answer: StoredAnswer) => void> | undefined;
}

/** What a lookup found. */
export type ReplayLookup =
  /** First time (or forgotten): the caller serves it and must call finish(entry, ...). */
  | { kind: 'new'; entry: ReplayEntry | undefined }
  /** Same request, already answered. */
  | { kind: 'answered'; answer: StoredAnswer }
  /** Same request, still in flight: resolves with its answer. */
  | { kind: 'in_flight'; answer: Promise<StoredAnswer> }
  /** Same id, different request (another service or payload). */
  | { kind: 'reused' };

/** Sizing of the cache; windowMs or maxEntries 0 turns it off. */
export interface ReplayCacheOptions {
  windowMs: number;
  maxEntries: number;
  maxBytes: number;
}

/** Per-entry bookkeeping counted against maxBytes on top of the payload and header text. */
export const ENTRY_OVERHEAD_BYTES = 256;

/** The request ids seen by this routing instance, most recently used last. */
export class ReplayCache {
  private readonly entries = new Map<string, ReplayEntry>();
  /**
   * A live iterator at the oldest entry: starting a new one at each eviction would step over every
   * deleted slot at the head of the Map again (quadratic, ~100 µs per request at 100,000 entries).
   */
  private oldest: IterableIterator<ReplayEntry> | undefined;
  private bytes = 0;
  private readonly enabled: boolean;

  constructor(private readonly options: ReplayCacheOptions) {
    this.enabled = options.windowMs > 0 && options.maxEntries > 0;
  }

  /** Entries held (in flight and answered). */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes counted against maxBytes. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** Looks a request up by key (consumer and request id) and fingerprint (service and payload hash). */
  begin(key: string, fingerprint: string, now: number): ReplayLookup {
    if (!this.enabled) return { kind: 'new', entry: undefined };
    const held = this.entries.get(key);
    if (held && (held.answer === undefined || now - held.at <= this.options.windowMs)) {
      if (held.fingerprint !== fingerprint) return { kind: 'reused' };
      if (held.answer) {
        // Most recently used goes last.
        this.entries.delete(key);
        this.entries.set(key, held);
        return { kind: 'answered', answer: held.answer };
      }
      const waiters = (held.waiters ??= []);
      return { kind: 'in_flight', answer: new Promise((resolve) => waiters.push(resolve)) };
    }
    if (held) this.remove(held);
    const entry: ReplayEntry = { key, fingerprint, at: now, answer: undefined, bytes: 0, waiters: undefined };
    this.entries.set(key, entry);
    if (this.entries.size > this.options.maxEntries) this.evictOldest();
    return { kind: 'new', entry };
  }

  /**
   * Ends an entry: its waiters get the answer; it is remembered when `remember` is true and it
   * fits, else forgotten (the next request with that id is served afresh).
   */
  finish(entry: ReplayEntry, answer: StoredAnswer, remember: boolean): void {
    const waiters = entry.waiters;
    entry.waiters = undefined;
    if (waiters) for (const w of waiters) w(answer);
    if (this.entries.get(entry.key) !== entry) return;
    const bytes = remember ? answerBytes(answer) : 0;
    if (!remember || bytes > this.options.maxBytes) {
      this.remove(entry);
      return;
    }
    entry.answer = answer;
    entry.bytes = bytes;
    this.bytes += bytes;
    while (this.bytes > this.options.maxBytes) this.evictOldest();
  }

  private evictOldest(): void {
    this.oldest ??= this.entries.values();
    let next = this.oldest.next();
    if (next.done) {
      this.oldest = this.entries.values();
      next = this.oldest.next();
    }
    if (!next.done) this.remove(next.value);
  }

  private remove(entry: ReplayEntry): void {
    this.entries.delete(entry.key);
    this.bytes -= entry.bytes;
    entry.bytes = 0;
  }
}

/** What an answer costs to keep: payload, header text and a fixed overhead. */
function answerBytes(answer: StoredAnswer): number {
  let n = ENTRY_OVERHEAD_BYTES + answer.data.length;
  for (const k of answer.headers.keys()) for (const v of answer.headers.values(k)) n += k.length + v.length + 4;
  return n;
}
