// The hash chain's input written without ts-proto: prev_hash ‖ seq (8 bytes, big-endian) ‖ the
// canonical MeterEvent bytes, encoded by hand into one reused buffer and hashed with a single
// update. The bytes are exactly MeterEvent.encode(canonicalEvent(e)).finish() (fields in
// field-number order, defaults omitted, int64/int32 as varints, negatives sign-extended to 10
// bytes), which ledger-chain-encoding.test.ts checks against ts-proto on random events. Values the
// hand encoder does not cover (an int64 beyond 2^53, a non-int32 outcome) take the ts-proto path.
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type { MeterEvent } from '@ndxp/contracts';

/** One-shot crypto.hash (Node >= 20.12: no Hash object per event), else createHash. */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer }).hash;
const sha256: (data: Uint8Array) => Buffer = oneShot
  ? (data) => oneShot('sha256', data, 'buffer')
  : (data) => createHash('sha256').update(data).digest();

const PREFIX = 40; // prev_hash (32) + seq (8)
let buf = Buffer.allocUnsafe(4096);
let pos = 0;

function ensure(extra: number): void {
  if (pos + extra <= buf.length) return;
  const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, pos + extra));
  buf.copy(bigger, 0, 0, pos);
  buf = bigger;
}

function varint32(v: number): void {
  while (v > 0x7f) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[pos++] = v;
}

/** A non-zero safe integer as a protobuf int64 varint (two's complement for negatives). */
function varint64(v: number): void {
  if (v > 0 && v <= 0xffffffff) {
    varint32(v >>> 0);
    return;
  }
  let lo = v >>> 0;
  let hi = Math.floor(v / 4294967296) >>> 0; // two's complement high word for negatives too
  if (v < 0) {
    const big = BigInt.asUintN(64, BigInt(v));
    lo = Number(big & 0xffffffffn);
    hi = Number(big >> 32n);
  }
  while (hi > 0 || lo > 0x7f) {
    buf[pos++] = (lo & 0x7f) | 0x80;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  buf[pos++] = lo;
}

function int32Field(tag: number, v: number): void {
  if (v === 0) return;
  buf[pos++] = tag;
  if (v > 0) varint32(v);
  else varint64(v);
}

function int64Field(tag: number, v: number): void {
  if (v === 0) return;
  if (tag > 0x7f) {
    buf[pos++] = (tag & 0x7f) | 0x80;
    buf[pos++] = tag >>> 7;
  } else {
    buf[pos++] = tag;
  }
  varint64(v);
}

function stringField(tag: number, value: string): void {
  if (value === '') return;
  // As ts-proto's writer: a non-string (an event built by hand) is written as its String().
  const s = typeof value === 'string' ? value : String(value);
  const tagBytes = tag > 0x7f ? 2 : 1;
  const n = s.length;
  // A UTF-16 unit is at most 3 UTF-8 bytes: a short string's length fits in one varint byte.
  if (n * 3 < 128) {
    ensure(tagBytes + 1 + n * 3);
    if (tagBytes === 2) {
      buf[pos++] = (tag & 0x7f) | 0x80;
      buf[pos++] = tag >>> 7;
    } else {
      buf[pos++] = tag;
    }
    const len = buf.write(s, pos + 1, 'utf8');
    buf[pos] = len;
    pos += 1 + len;
    return;
  }
  const len = Buffer.byteLength(s, 'utf8');
  ensure(tagBytes + 5 + len);
  if (tagBytes === 2) {
    buf[pos++] = (tag & 0x7f) | 0x80;
    buf[pos++] = tag >>> 7;
  } else {
    buf[pos++] = tag;
  }
  varint32(len);
  pos += buf.write(s, pos, 'utf8');
}

function int64Ok(v: number): boolean {
  return Number.isSafeInteger(v);
}

/** Writes prefix + canonical bytes of e into the shared buffer; false when only ts-proto can encode it. */
function writeCanonical(prevHash: Uint8Array, seq: number, e: MeterEvent): boolean {
  const received = Math.trunc(e.receivedAtMs);
  const duration = Math.trunc(e.durationUs);
  const forwarded = Math.trunc(e.forwardedAtMs);
  const answered = Math.trunc(e.answeredAtMs);
  const responded = Math.trunc(e.respondedAtMs);
  const outcome: number = e.outcome;
  if (
    !int64Ok(received) ||
    !int64Ok(duration) ||
    !int64Ok(forwarded) ||
    !int64Ok(answered) ||
    !int64Ok(responded) ||
    !Number.isInteger(outcome) ||
    outcome !== (outcome | 0)
  ) {
    return false;
  }
  pos = 0;
  ensure(PREFIX + 5 * 11 + 2 * 11 + 3 * 11);
  buf.set(prevHash, 0);
  buf.writeUInt32BE(Math.floor(seq / 4294967296) >>> 0, 32);
  buf.writeUInt32BE(seq >>> 0, 36);
  pos = PREFIX;
  stringField(10, e.requestId);
  stringField(18, e.consumer);
  stringField(26, e.provider);
  stringField(34, e.service);
  stringField(42, e.version);
  ensure(11);
  int32Field(48, outcome);
  stringField(58, e.code);
  stringField(66, e.officer);
  stringField(74, e.purpose);
  ensure(4 * 11);
  int64Field(80, received);
  int64Field(88, duration);
  int32Field(96, e.requestBytes | 0);
  int32Field(104, e.responseBytes | 0);
  stringField(114, e.routingInstance);
  stringField(122, e.traceId);
  ensure(3 * 12);
  int64Field(128, forwarded);
  int64Field(136, answered);
  int64Field(144, responded);
  stringField(154, e.adapterInstance);
  return true;
}

/**
 * The canonical bytes of an event (as canonicalEvent would store it): the hand encoder's output,
 * byte for byte MeterEvent.encode(canonicalEvent(e)).finish(). A fresh copy.
 */
export function canonicalBytes(e: MeterEvent, fallback: (e: MeterEvent) => Uint8Array): Uint8Array {
  if (!writeCanonical(GENESIS_32, 0, e)) return fallback(e);
  return Buffer.from(buf.subarray(PREFIX, pos));
}

const GENESIS_32 = new Uint8Array(32);

/**
 * SHA-256(prevHash ‖ seq as 8-byte big-endian ‖ canonical bytes of e). e need not be canonical
 * already: times and sizes are truncated as canonicalEvent does. fallback gives the canonical bytes
 * when the hand encoder cannot (ts-proto's encoding of canonicalEvent(e)).
 */
export function fastChainHash(prevHash: Uint8Array, seq: number, e: MeterEvent, fallback: (e: MeterEvent) => Uint8Array): Buffer {
  if (prevHash.length !== 32 || !writeCanonical(prevHash, seq, e)) {
    const seqBytes = Buffer.alloc(8);
    seqBytes.writeBigUInt64BE(BigInt(seq));
    return createHash('sha256').update(prevHash).update(seqBytes).update(fallback(e)).digest();
  }
  return sha256(buf.subarray(0, pos));
}

/** SHA-256(prevHash ‖ seq as 8-byte big-endian ‖ bytes): the chain hash over an event's stored bytes. */
export function chainHashOfBytes(prevHash: Uint8Array, seq: number, bytes: Uint8Array): Buffer {
  if (prevHash.length !== 32) {
    const seqBytes = Buffer.alloc(8);
    seqBytes.writeBigUInt64BE(BigInt(seq));
    return createHash('sha256').update(prevHash).update(seqBytes).update(bytes).digest();
  }
  pos = 0;
  ensure(PREFIX + bytes.length);
  buf.set(prevHash, 0);
  buf.writeUInt32BE(Math.floor(seq / 4294967296) >>> 0, 32);
  buf.writeUInt32BE(seq >>> 0, 36);
  buf.set(bytes, PREFIX);
  pos = PREFIX + bytes.length;
  return sha256(view(pos));
}

/** Views of the shared buffer's first n bytes, kept per length: no new Buffer object per hash. */
let views: Buffer[] = [];
let viewsOf = buf;
function view(n: number): Buffer {
  if (viewsOf !== buf) {
    views = [];
    viewsOf = buf;
  }
  if (n >= 4096) return buf.subarray(0, n);
  return (views[n] ??= buf.subarray(0, n));
}
