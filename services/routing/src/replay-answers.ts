// The answers routing gives from its replay memory without serving a request, and the digest that
// identifies a request's payload (Ndxp-Receipt).
import { createHash } from 'node:crypto';
import { headers as newHeaders } from '@nats-io/nats-core';
import { Header, isReplayed, MeshError } from '@ndxp/contracts';
import type { StoredAnswer } from './replay-cache';

/** An answer without payload. */
export const EMPTY = new Uint8Array(0);

/**
 * Whether an answer with this status is forgotten (a retry with the same id is served afresh): the
 * error table's `replayed` column (every server.* code, client.rate_limited and
 * client.deadline_exceeded are forgotten). A retry after a mesh or national-system failure is
 * forwarded and metered again, and the ledger keeps the transaction's final outcome; an ok answer
 * is remembered: its replay is answered from memory and not metered twice.
 */
export function forgotten(status: string): boolean {
  return !isReplayed(status);
}

/** Hex SHA-256 of a request payload: its Ndxp-Receipt and part of its replay fingerprint. */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** client.request_id_reused: the consumer sent this id before, for another service or payload. */
export function reusedAnswer(requestId: string, receipt: string): StoredAnswer {
  return errorAnswer(
    new MeshError(
      'client.request_id_reused',
      `request id ${requestId} was already used by this consumer for a different request (another service or payload)`,
      { field: Header.RequestId },
    ),
    requestId,
    receipt,
  );
}

/** server.timeout: the first attempt with this id is still being served elsewhere when this one's budget ran out. */
export function busyAnswer(requestId: string, receipt: string): StoredAnswer {
  return errorAnswer(
    new MeshError('server.timeout', `the first attempt with request id ${requestId} is still being served; its answer will be replayed`),
    requestId,
    receipt,
  );
}

/** What replays waiting on a transaction get if it failed unexpectedly. */
export function internalAnswer(requestId: string): StoredAnswer {
  const h = newHeaders();
  new MeshError('server.internal').writeHeaders(h);
  h.set(Header.RequestId, requestId);
  return { code: 'server.internal', headers: h, data: EMPTY };
}

function errorAnswer(error: MeshError, requestId: string, receipt: string): StoredAnswer {
  const h = newHeaders();
  error.writeHeaders(h);
  h.set(Header.RequestId, requestId);
  h.set(Header.Receipt, receipt);
  return { code: error.code, headers: h, data: EMPTY };
}
