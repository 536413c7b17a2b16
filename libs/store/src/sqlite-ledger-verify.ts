// Walking a hash chain (the ledger's in every store, and the registry's audit trail): records in
// seq order are checked against their predecessor. The first problem is named: "changed" (its
// content no longer gives its hash), "inserted" (a second record at one seq, a record that does not
// follow its predecessor, or one past the recorded tail), "deleted" (a seq missing, the tail's included).
import type { MeterEvent } from '@ndxp/contracts';
import { chainHashOfBytes } from './ledger-chain-encoding';
import { scanMeterEvent } from './meter-event-wire';
import type { ChainVerification } from './ports';
import { canonicalEvent, chainHash } from './sqlite-ledger-chain';

/**
 * One stored record of a chain: its event's stored bytes (the hash covers them, and the request id
 * and received time kept beside them must agree with them), the event itself (the hash covers its
 * canonical bytes), or plain bytes hashed as stored (an audit entry; requestId is then its id).
 */
export type ChainRecord = {
  seq: number;
  prevHash: Buffer;
  hash: Buffer;
  requestId: string;
} & ({ bytes: Uint8Array; receivedAtMs: number } | { event: MeterEvent } | { bytes: Uint8Array; plain: true });

/** The record's hash recomputed after prev, or undefined when its columns disagree with its bytes. */
function recordHash(prev: Uint8Array, r: ChainRecord): Buffer | undefined {
  if ('plain' in r) return chainHashOfBytes(prev, r.seq, r.bytes);
  if ('event' in r) return chainHash(prev, r.seq, canonicalEvent(r.event));
  const scanned = scanMeterEvent(r.bytes);
  const e = scanned.ok ? scanned.events[0]! : undefined;
  if (!e || e.requestId !== r.requestId || e.receivedAtMs !== r.receivedAtMs) return undefined;
  return chainHashOfBytes(prev, r.seq, r.bytes);
}

/** Where a walk starts (the checkpoint, or the record before fromSeq) and the recorded tail. */
export interface ChainBounds {
  /** The first seq expected. */
  fromSeq: number;
  /** The hash the first record must follow. */
  prevHash: Buffer;
  tailSeq: number;
  tailHash: Buffer;
}

type Problem = Pick<ChainVerification, 'problem' | 'badSeq' | 'badRequestId' | 'detail'>;

/** A chain walk fed records in (seq, request id) order; push returns false once a problem is found. */
export class ChainWalker {
  private expected: number;
  private prev: Buffer;
  private prevPrev: Buffer | undefined;
  private lastAccepted: ChainRecord | undefined;
  private group: ChainRecord[] = [];
  private problem: Problem | undefined;
  private checked = 0;

  constructor(private readonly bounds: ChainBounds) {
    this.expected = bounds.fromSeq;
    this.prev = bounds.prevHash;
  }

  /** Adds the next record; false when the walk has found its problem (stop feeding). */
  push(r: ChainRecord): boolean {
    if (this.problem) return false;
    const head = this.group[0];
    if (head && head.seq !== r.seq) this.settle(r.prevHash);
    if (!this.problem) this.group.push(r);
    return !this.problem;
  }

  /** Ends the walk: checks the last group against the tail and reports. */
  finish(): ChainVerification {
    if (!this.problem && this.group.length) this.settle(this.bounds.tailHash);
    if (!this.problem && this.expected <= this.bounds.tailSeq) {
      this.problem = {
        problem: 'deleted',
        badSeq: this.expected,
        detail: `records from seq ${this.expected} to the tail ${this.bounds.tailSeq} are missing`,
      };
    }
    const result: ChainVerification = {
      ok: !this.problem,
      checked: this.checked,
      tailSeq: this.bounds.tailSeq,
      tailHash: this.bounds.tailHash.toString('hex'),
    };
    return this.problem ? { ...result, ...this.problem } : result;
  }

  private verifies(r: ChainRecord): boolean {
    return r.prevHash.equals(this.prev) && (recordHash(this.prev, r)?.equals(r.hash) ?? false);
  }

  /** Checks the records sharing one seq, knowing the prev_hash of the record after them. */
  private settle(nextPrev: Buffer): void {
    const group = this.group;
    this.group = [];
    const seq = group[0]!.seq;
    if (seq > this.bounds.tailSeq) {
      const r = group[0]!;
      this.fail('inserted', r, `seq ${seq} is past the recorded tail ${this.bounds.tailSeq}`);
      return;
    }
    if (seq > this.expected) {
      this.problem = { problem: 'deleted', badSeq: this.expected, detail: `seq ${this.expected} is missing (next record is seq ${seq})` };
      return;
    }
    if (group.length > 1) {
      const genuine = group.find((r) => r.hash.equals(nextPrev) && this.verifies(r)) ?? group.find((r) => this.verifies(r));
      const extra = group.find((r) => r !== genuine)!;
      this.fail('inserted', extra, `a second record at seq ${seq}`);
      return;
    }
    const r = group[0]!;
    if (!r.prevHash.equals(this.prev)) {
      // A record that follows the one before its predecessor: that predecessor was slipped in.
      if (this.lastAccepted && this.prevPrev && r.prevHash.equals(this.prevPrev)) {
        this.checked--;
        this.fail('inserted', this.lastAccepted, `seq ${seq} follows seq ${seq - 2}, not this record`);
      } else {
        this.fail('inserted', r, `its prev_hash does not match the hash of seq ${seq - 1}`);
      }
      return;
    }
    const hash = recordHash(this.prev, r);
    if (!hash) {
      this.fail('changed', r, `its request id or received time no longer matches its stored event`);
      return;
    }
    if (!hash.equals(r.hash)) {
      this.fail('changed', r, `its content no longer matches its hash`);
      return;
    }
    this.prevPrev = this.prev;
    this.prev = r.hash;
    this.lastAccepted = r;
    this.expected = seq + 1;
    this.checked++;
  }

  private fail(problem: 'changed' | 'inserted', r: ChainRecord, detail: string): void {
    this.problem = {
      problem,
      badSeq: r.seq,
      badRequestId: r.requestId,
      detail: `record seq ${r.seq} (${r.requestId}): ${detail}`,
    };
  }
}
