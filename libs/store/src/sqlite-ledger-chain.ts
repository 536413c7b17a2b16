// The ledger's hash chain, defined once for every store. Each ledgered event gets the next
// sequence number and hash = SHA-256(prev_hash ‖ seq as 8-byte big-endian ‖ canonical bytes), where
// the canonical bytes are the protobuf encoding (ts-proto: fields in field-number order, defaults
// omitted) of the event as stored, i.e. canonicalEvent(e). The first record's prev_hash is 32 zero bytes.
import { createHash } from 'node:crypto';
import { MeterEvent } from '@ndxp/contracts';

/** prev_hash of the first record of a chain. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** The event exactly as a store keeps it: every field present, times and durations whole numbers. */
export function canonicalEvent(e: MeterEvent): MeterEvent {
  return {
    requestId: e.requestId,
    consumer: e.consumer,
    provider: e.provider,
    service: e.service,
    version: e.version,
    outcome: e.outcome,
    code: e.code,
    officer: e.officer,
    purpose: e.purpose,
    receivedAtMs: Math.trunc(e.receivedAtMs),
    durationUs: Math.trunc(e.durationUs),
    requestBytes: e.requestBytes | 0,
    responseBytes: e.responseBytes | 0,
    routingInstance: e.routingInstance,
    traceId: e.traceId,
    forwardedAtMs: Math.trunc(e.forwardedAtMs),
    answeredAtMs: Math.trunc(e.answeredAtMs),
    respondedAtMs: Math.trunc(e.respondedAtMs),
    adapterInstance: e.adapterInstance,
  };
}

/** The hash of record seq following prevHash (canonical must come from canonicalEvent). */
export function chainHash(prevHash: Uint8Array, seq: number, canonical: MeterEvent): Buffer {
  const seqBytes = Buffer.alloc(8);
  seqBytes.writeBigUInt64BE(BigInt(seq));
  return createHash('sha256').update(prevHash).update(seqBytes).update(MeterEvent.encode(canonical).finish()).digest();
}
