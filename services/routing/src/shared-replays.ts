// The replay memory every routing replica shares: a JetStream key-value bucket holding, per consumer
// and request id, either a claim (a replica is serving it) or the answer to replay. A replica takes
// a request id with one conditional write (expected last revision 0: at most one replica wins it),
// so a replay arriving at any replica while the first attempt is in flight waits for that answer,
// and one arriving later is answered from the bucket: the national system is called once, whichever
// replicas the attempts land on. The bucket's max age is the replay window.
//
// Failure policy: the bucket is an optimisation of correctness, never a gate. When it cannot be
// reached in time, the replica serves the request as new (fail open) and counts it; metering still
// keeps one ledger row per request id, so only a second national-system call can result.
import { createHash } from 'node:crypto';
import { jetstream, StorageType } from '@nats-io/jetstream';
import { Kvm, type KV, type KvEntry } from '@nats-io/kv';
import { headers as newHeaders, type MsgHdrs, type NatsConnection } from '@nats-io/nats-core';
import { REPLAY_BUCKET } from '@ndxp/contracts';
import { whilePlacing, type ReplyMux } from '@ndxp/runtime';
import { isWrongRevisionCode } from './kv-revision';
import type { StoredAnswer } from './replay-cache';

/** Settings of the shared replay memory. */
export interface SharedReplayOptions {
  /** How long an answer stays in the bucket (the replay window), ms. */
  windowMs: number;
  /** Longest one bucket operation may take before the replica fails open, ms. */
  timeoutMs: number;
  /** Copies of the bucket's stream in a JetStream cluster. */
  replicas: number;
  /** This routing instance (written into its claims, for operators). */
  instanceId: string;
  /** Whether the memory is in use now (auto mode: while another replica is alive); always when absent. */
  active?: () => boolean;
}

/** What a claim found. */
export type ClaimResult =
  /** This replica serves the request: it must call finish() or release(). */
  | { kind: 'owner'; claim: Claim }
  /** Already answered (by any replica): replay this. */
  | { kind: 'answered'; answer: StoredAnswer }
  /** Same request id, another service or payload. */
  | { kind: 'reused' }
  /** Still being served elsewhere when this attempt's own budget ran out. */
  | { kind: 'busy' };

/** A claim held by this replica. */
export interface Claim {
  readonly key: string;
  /** Revision of the claim in the bucket; 0 when the bucket could not be reached (failed open). */
  readonly revision: number;
}

/** Counters for the replica's health output. */
export interface SharedReplayStats {
  /** Request ids claimed in the bucket by this replica. */
  sharedClaims: number;
  /** Attempts answered from the bucket (another replica's answer, or this one's after its local memory forgot it). */
  sharedReplays: number;
  /** Attempts that waited for another replica's claim. */
  sharedWaits: number;
  /** Claims taken over from a replica that held one past its budget (it died or froze). */
  takeovers: number;
  /** Bucket operations that failed or timed out (served as new: fail open). */
  sharedErrors: number;
}

/** A record as stored: kind, fingerprint and answer metadata as JSON, then the answer payload. */
interface RecordMeta {
  /** c: claim, a: answer. */
  k: 'c' | 'a';
  /** Fingerprint: service, version and request hash. */
  f: string;
  /** Instance that wrote it. */
  i: string;
  /** Claim: the claimant's budget, ms (how long others wait before taking over). */
  b?: number;
  /** Answer: its code and headers. */
  c?: string;
  h?: Array<[string, string]>;
}

/** Waited on top of a claimant's budget before its claim is taken over. */
export const TAKEOVER_GRACE_MS = 1_000;
/** First and longest pause between looks at another replica's claim. */
const POLL_FIRST_MS = 10;
const POLL_MAX_MS = 200;
/** Other replicas' claims remembered for the takeover rule (oldest forgotten first). */
const SEEN_CLAIMS_MAX = 10_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The bucket key of a consumer's request id: the consumer token, then a hash (ids may hold any text). */
export function replayKey(consumer: string, requestId: string): string {
  return `${consumer}.${createHash('sha256').update(requestId).digest('base64url').slice(0, 32)}`;
}

/** Encodes a record: 4-byte metadata length, metadata JSON, payload. */
export function encodeRecord(meta: RecordMeta, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const m = encoder.encode(JSON.stringify(meta));
  const out = new Uint8Array(4 + m.length + data.length);
  new DataView(out.buffer).setUint32(0, m.length);
  out.set(m, 4);
  out.set(data, 4 + m.length);
  return out;
}

/** Decodes a record; undefined when it is not one (a bucket shared with something else, or damage). */
export function decodeRecord(value: Uint8Array): { meta: RecordMeta; data: Uint8Array } | undefined {
  if (value.length < 4) return undefined;
  const n = new DataView(value.buffer, value.byteOffset, value.byteLength).getUint32(0);
  if (4 + n > value.length) return undefined;
  try {
    const meta = JSON.parse(decoder.decode(value.subarray(4, 4 + n))) as RecordMeta;
    if ((meta.k !== 'c' && meta.k !== 'a') || typeof meta.f !== 'string') return undefined;
    return { meta, data: value.slice(4 + n) };
  } catch {
    return undefined;
  }
}

/** Rebuilds a stored answer from an answer record. */
function answerOf(meta: RecordMeta, data: Uint8Array): StoredAnswer {
  const h = newHeaders();
  for (const [k, v] of meta.h ?? []) h.append(k, v);
  return { code: meta.c ?? 'server.internal', headers: h, data };
}

/** JetStream's answer to a publish: the stored sequence, or an error. */
interface PubAck {
  stream?: string;
  seq?: number;
  error?: { err_code?: number; description?: string };
}

/** The write lost a race: the key moved past the revision it expected. */
class WrongRevision extends Error {}

/** JetStream's header for a conditional write, and the key-value bucket's for a delete. */
const EXPECTED_LAST_SUBJECT_SEQUENCE = 'Nats-Expected-Last-Subject-Sequence';
const KV_OPERATION = 'KV-Operation';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The shared replay memory of the routing replicas. */
export class SharedReplays {
  readonly stats: SharedReplayStats = { sharedClaims: 0, sharedReplays: 0, sharedWaits: 0, takeovers: 0, sharedErrors: 0 };
  /** Other replicas' claims this process has waited on: revision and first seen (performance.now()). */
  private readonly seenClaims = new Map<string, { revision: number; since: number }>();

  /**
   * Claims go through the connection's reply mux and answers and releases are plain publishes:
   * nats.js's JetStream publish costs routing about twice the CPU per write (measured with `pnpm
   * bench`, see the routing README); reads, which only replays need, use the key-value client.
   */
  private constructor(
    private readonly nc: NatsConnection,
    private readonly mux: ReplyMux,
    private readonly kv: KV,
    private readonly options: SharedReplayOptions,
    private readonly onError: (op: string, err: Error) => void,
  ) {}

  /** Opens the bucket, creating it when missing (max age = the replay window). */
  static async open(
    nc: NatsConnection,
    mux: ReplyMux,
    options: SharedReplayOptions,
    onError: (op: string, err: Error) => void,
  ): Promise<SharedReplays> {
    // Created with JetStream's default timeout (a stream of three replicas takes a while to place);
    // read through a context with the short one.
    await whilePlacing(() =>
      new Kvm(nc).create(REPLAY_BUCKET, { history: 1, ttl: options.windowMs, storage: StorageType.File, replicas: options.replicas }),
    );
    const kv = await new Kvm(jetstream(nc, { timeout: options.timeoutMs })).open(REPLAY_BUCKET);
    return new SharedReplays(nc, mux, kv, options, onError);
  }

  /** Whether attempts consult the shared memory now. */
  get active(): boolean {
    return this.options.active?.() ?? true;
  }

  /** The bucket's subject for a key. */
  private subjectOf(key: string): string {
    return `$KV.${REPLAY_BUCKET}.${key}`;
  }

  /** Writes a record only if the key is at revision `expected` (0: no entry); resolves with the new revision. */
  private async write(key: string, record: Uint8Array, expected: number, timeoutMs: number): Promise<number> {
    const h = newHeaders();
    h.set(EXPECTED_LAST_SUBJECT_SEQUENCE, String(expected));
    const ack = JSON.parse(decoder.decode((await this.mux.request(this.subjectOf(key), record, h, timeoutMs)).data)) as PubAck;
    if (ack.error) {
      if (isWrongRevisionCode(ack.error.err_code)) throw new WrongRevision(ack.error.description ?? 'wrong last sequence');
      throw new Error(`JetStream refused the write: ${ack.error.description ?? 'error'}`);
    }
    if (typeof ack.seq !== 'number') throw new Error('JetStream answered the write without a sequence');
    return ack.seq;
  }

  /** Publishes without waiting for JetStream's acknowledgement (nothing waits on it; a loss only costs a replay its wait). */
  private publish(key: string, record: Uint8Array, h?: MsgHdrs): void {
    try {
      this.nc.publish(this.subjectOf(key), record, h ? { headers: h } : undefined);
    } catch (err) {
      this.stats.sharedErrors++;
      this.onError('publish', err as Error);
    }
  }

  /**
   * Takes the request id for this replica, or finds what another attempt left: its answer, a
   * different request under the same id, or a claim still being served (waited on, at most until
   * `deadline` on this process's clock).
   */
  async claim(key: string, fingerprint: string, budgetMs: number, deadline: number): Promise<ClaimResult> {
    const claim = encodeRecord({ k: 'c', f: fingerprint, i: this.options.instanceId, b: budgetMs });
    // The revision the write expects to follow: 0 for no entry, else a deleted entry's or a stale claim's.
    let expected = 0;
    let pause = POLL_FIRST_MS;
    let waited = false;
    for (;;) {
      try {
        // Bounded by half the budget left, so that failing open still leaves time to serve.
        const timeoutMs = Math.max(10, Math.min(this.options.timeoutMs, (deadline - Date.now()) / 2));
        const revision = await this.write(key, claim, expected, timeoutMs);
        this.stats.sharedClaims++;
        return { kind: 'owner', claim: { key, revision } };
      } catch (err) {
        if (!(err instanceof WrongRevision)) return this.failOpen('claim', err, key);
      }
      // Someone wrote it first: read what is there until it can be replayed or taken.
      for (;;) {
        let entry: KvEntry | null;
        try {
          entry = await this.kv.get(key);
        } catch (err) {
          return this.failOpen('look up', err, key);
        }
        if (entry === null || entry.operation !== 'PUT') {
          // Released (a forgotten answer) or aged out meanwhile: take it from that revision.
          expected = entry?.revision ?? 0;
          break;
        }
        const record = decodeRecord(entry.value);
        if (!record) return this.failOpen('decode', new Error('not a replay record'), key);
        if (record.meta.f !== fingerprint) return { kind: 'reused' };
        if (record.meta.k === 'a') {
          this.stats.sharedReplays++;
          return { kind: 'answered', answer: answerOf(record.meta, record.data) };
        }
        // A claim: another attempt is being served. Wait for its answer, or take over once its budget is spent.
        if (!waited) {
          waited = true;
          this.stats.sharedWaits++;
        }
        if (this.claimIsStale(key, entry.revision, record.meta.b ?? 0)) {
          this.stats.takeovers++;
          expected = entry.revision;
          break;
        }
        const left = deadline - Date.now();
        if (left <= 0) return { kind: 'busy' };
        await sleep(Math.min(pause, left));
        pause = Math.min(pause * 2, POLL_MAX_MS);
      }
      if (Date.now() >= deadline) return { kind: 'busy' };
    }
  }

  /**
   * Whether another replica's claim has outlived its budget plus TAKEOVER_GRACE_MS, counted from
   * when this process first saw that revision (its monotonic clock, across attempts: a claimant that
   * died is taken over by a later attempt, while no other machine's clock enters).
   */
  private claimIsStale(key: string, revision: number, budgetMs: number): boolean {
    const now = performance.now();
    const seen = this.seenClaims.get(key);
    if (seen?.revision === revision) return now - seen.since > budgetMs + TAKEOVER_GRACE_MS;
    this.seenClaims.delete(key);
    this.seenClaims.set(key, { revision, since: now });
    const oldest = this.seenClaims.size > SEEN_CLAIMS_MAX ? this.seenClaims.keys().next() : undefined;
    if (oldest && !oldest.done) this.seenClaims.delete(oldest.value);
    return false;
  }

  /** Stores the answer of a claim for replays from any replica. */
  remember(claim: Claim, fingerprint: string, answer: StoredAnswer): void {
    const h: Array<[string, string]> = [];
    for (const k of answer.headers.keys()) for (const v of answer.headers.values(k)) h.push([k, v]);
    // Conditional on the claim: if another replica took it over meanwhile, its answer stays.
    const expect = newHeaders();
    if (claim.revision > 0) expect.set(EXPECTED_LAST_SUBJECT_SEQUENCE, String(claim.revision));
    this.publish(claim.key, encodeRecord({ k: 'a', f: fingerprint, i: this.options.instanceId, c: answer.code, h }, answer.data), expect);
  }

  /**
   * Gives a claim up (the answer is not remembered): the next attempt with this id is served
   * afresh. Conditional on the claim's revision, so that a claim another replica took over stays.
   */
  release(claim: Claim): void {
    const h = newHeaders();
    h.set(KV_OPERATION, 'DEL');
    if (claim.revision > 0) h.set(EXPECTED_LAST_SUBJECT_SEQUENCE, String(claim.revision));
    this.publish(claim.key, new Uint8Array(0), h);
  }

  private failOpen(op: string, err: unknown, key: string): ClaimResult {
    this.stats.sharedErrors++;
    this.onError(op, err as Error);
    return { kind: 'owner', claim: { key, revision: 0 } };
  }
}
