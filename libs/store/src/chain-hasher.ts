// The hash chain computed on a worker thread, ahead of the ledger transaction that stores it.
//
// A chain hash is sequential (each follows the one before) and Node's SHA-256 costs about 3 µs a
// call however short the input, most of it in the call itself: at national-scale ingest that is a
// fifth of metering's CPU per event. The hasher takes a batch of events' bytes with the seq and hash
// the batch is expected to follow, and returns the chain for it chunk by chunk, so the ledger can
// store one chunk while the worker hashes the next. The result is a hint: the ledger uses it only
// if its tail is the one the hint started from (see SqliteLedgerStore.appendEncoded), and hashes
// itself otherwise. The worker's code is self-contained (no module path to resolve, so it runs the
// same from dist and from the TypeScript sources under test); chain-hasher.test.ts checks that it
// computes chainHashOfBytes exactly.
import { Worker } from 'node:worker_threads';

/** Precomputed chain hashes for a run of events: hashes[32*i..] is the hash of event i at seq fromSeq+i. */
export interface ChainHint {
  fromSeq: number;
  prevHash: Uint8Array;
  hashes: Uint8Array;
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const sha256 = crypto.hash ? (d) => crypto.hash('sha256', d, 'buffer') : (d) => crypto.createHash('sha256').update(d).digest();
let buf = Buffer.allocUnsafe(4096);
parentPort.on('message', (m) => {
  // m: { id, fromSeq, prev (32 bytes), packed (u32 length + bytes per event), counts (events per chunk) }
  const packed = Buffer.from(m.packed);
  let prev = Buffer.from(m.prev);
  let seq = m.fromSeq;
  let at = 0;
  for (let c = 0; c < m.counts.length; c++) {
    const n = m.counts[c];
    const out = new Uint8Array(32 * n);
    for (let i = 0; i < n; i++) {
      const len = packed.readUInt32LE(at);
      at += 4;
      if (buf.length < 40 + len) buf = Buffer.allocUnsafe(2 * (40 + len));
      prev.copy(buf, 0);
      buf.writeUInt32BE(Math.floor(seq / 4294967296) >>> 0, 32);
      buf.writeUInt32BE(seq >>> 0, 36);
      packed.copy(buf, 40, at, at + len);
      at += len;
      prev = sha256(buf.subarray(0, 40 + len));
      out.set(prev, 32 * i);
      seq++;
    }
    parentPort.postMessage({ id: m.id, chunk: c, hashes: out }, [out.buffer]);
  }
});
`;

/** The promise, with its rejection marked handled (the caller may still await it and see it). */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

interface Pending {
  resolvers: ((hashes: Uint8Array) => void)[];
  rejecters: ((err: Error) => void)[];
  received: number;
}

/** A worker thread computing the hash chain of event batches; one batch after another, in order. */
export class ChainHasher {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    // Not a reason to keep the process alive: an idle hasher must not delay a shutdown.
    this.worker.unref();
    this.worker.on('message', (m: { id: number; chunk: number; hashes: Uint8Array }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      p.resolvers[m.chunk]!(m.hashes);
      if (++p.received === p.resolvers.length) this.pending.delete(m.id);
    });
    this.worker.on('error', (err: Error) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`chain hasher worker exited (code ${code})`)));
  }

  /**
   * Hashes the chain of events (their bytes) from fromSeq after prevHash, split in chunks of the
   * given sizes; one promise per chunk, resolved in order as the worker gets through them.
   */
  chain(fromSeq: number, prevHash: Uint8Array, events: Uint8Array[], chunkSizes: number[]): Promise<ChainHint>[] {
    let total = 0;
    for (const e of events) total += 4 + e.length;
    const packed = new Uint8Array(total);
    const view = new DataView(packed.buffer);
    let at = 0;
    for (const e of events) {
      view.setUint32(at, e.length, true);
      packed.set(e, at + 4);
      at += 4 + e.length;
    }
    const id = this.nextId++;
    const p: Pending = { resolvers: [], rejecters: [], received: 0 };
    const promises: Promise<Uint8Array>[] = chunkSizes.map(
      () =>
        new Promise<Uint8Array>((resolve, reject) => {
          p.resolvers.push(resolve);
          p.rejecters.push(reject);
        }),
    );
    if (this.failure) {
      for (const reject of p.rejecters) reject(this.failure);
    } else {
      this.pending.set(id, p);
      this.worker.postMessage({ id, fromSeq, prev: Uint8Array.from(prevHash), packed, counts: chunkSizes }, [packed.buffer]);
    }
    // Each chunk's hint starts where the previous chunk's hashes end. Every promise is marked
    // handled: a caller that stops after a failed chunk leaves the later ones unawaited.
    let seq = fromSeq;
    let prev: Promise<Uint8Array> = Promise.resolve(prevHash);
    return promises.map((hashes, c) => {
      const chunkFrom = seq;
      const chunkPrev = prev;
      seq += chunkSizes[c]!;
      prev = handled(hashes.then((h) => h.subarray(h.length - 32)));
      return handled(Promise.all([chunkPrev, handled(hashes)]).then(([prevHash, h]) => ({ fromSeq: chunkFrom, prevHash, hashes: h })));
    });
  }

  /** Stops the worker; chains not yet delivered fail. */
  async close(): Promise<void> {
    this.fail(new Error('chain hasher closed'));
    await this.worker.terminate();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) for (const reject of p.rejecters.slice(p.received)) reject(err);
    this.pending.clear();
  }
}
