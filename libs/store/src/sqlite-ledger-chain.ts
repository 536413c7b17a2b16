// The ledger's hash chain, defined once for every store. Each ledgered event gets the next
// sequence number and hash = SHA-256(prev_hash ‖ seq as 8-byte big-endian ‖ canonical bytes), where
// the canonical bytes are the protobuf encoding (ts-proto: fields in field-number order, defaults
// omitted) of the event as stored, i.e. canonicalEvent(e). The first record's prev_hash is 32 zero bytes.
//
// The hash input is written by a hand encoder (ledger-chain-encoding.ts) that yields the same bytes
// as ts-proto without its per-event allocations; both append and verify go through chainHash.
import { MeterEvent } from '@ndxp/contracts';
import { fastChainHash } from './ledger-chain-encoding';

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
    // Routing's own mark, for giving back a dead replica's quota block: not part of the ledger.
    quotaTaken: false,
  };
}

/** The canonical bytes by ts-proto: the definition the hand encoder must match. */
export function protoCanonicalBytes(e: MeterEvent): Uint8Array {
  return MeterEvent.encode(canonicalEvent(e)).finish();
}

/**
 * The hash of record seq following prevHash: SHA-256(prevHash ‖ seq ‖ protoCanonicalBytes(e)).
 * e may be the event as received or canonicalEvent(e): both give the same hash.
 */
export function chainHash(prevHash: Uint8Array, seq: number, e: MeterEvent): Buffer {
  return fastChainHash(prevHash, seq, e, protoCanonicalBytes);
}
