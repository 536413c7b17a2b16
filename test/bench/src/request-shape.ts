// The one request every system is driven with: who asks, for what, and the headers of the mesh's
// data path (design section 5) made fresh for each request.
import { randomBytes, randomUUID } from 'node:crypto';
import { headers, type MsgHdrs } from '@nats-io/nats-core';
import { BUSINESS_REGISTRATION_PROVIDER, getEnterpriseService, Header, subjects } from '@ndxp/contracts';

/** The consumer the load client acts as: Hà Nội's LGSP. */
export const BENCH_CONSUMER = 'TINH-01-LGSP';
/** Where the load client publishes (ceiling and mesh). */
export const BENCH_SUBJECT = subjects.request(BENCH_CONSUMER, BUSINESS_REGISTRATION_PROVIDER, getEnterpriseService.service);

// Random bytes drawn in blocks: one randomBytes call per request costs ~9 µs, a slice of a block ~0.5 µs.
const ID_BYTES = 24;
let pool = Buffer.alloc(0);
let offset = 0;

/** A fresh W3C traceparent: version 00, random trace and span ids, sampled. */
export function freshTraceparent(): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * 1024);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return `00-${hex.slice(0, 32)}-${hex.slice(32)}-01`;
}

/** The envelope values of one request. */
export interface RequestMeta {
  requestId: string;
  version: string;
  deadline: number;
  traceparent: string;
}

/** Fresh envelope values for one request with the given timeout. */
export function freshRequestMeta(timeoutMs: number, now: number = Date.now()): RequestMeta {
  return {
    requestId: randomUUID(),
    version: getEnterpriseService.version,
    deadline: now + timeoutMs,
    traceparent: freshTraceparent(),
  };
}

/** The NATS headers of one request. */
export function requestHeaders(meta: RequestMeta): MsgHdrs {
  const h = headers();
  h.set(Header.RequestId, meta.requestId);
  h.set(Header.Version, meta.version);
  h.set(Header.Deadline, String(meta.deadline));
  h.set(Header.TraceParent, meta.traceparent);
  return h;
}
