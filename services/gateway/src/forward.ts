// One authenticated call on the NATS data path: publish on ndxp.req.<consumer>.<provider>.<service>
// with the envelope headers and wait for routing's answer, so grants, limits, metering and errors
// are routing's, exactly as for LGSPs on NATS.
import { randomUUID } from 'node:crypto';
import { headers as newHeaders } from '@nats-io/nats-core';
import { Header, MeshError, STATUS_OK, subjects, type NationalService } from '@ndxp/contracts';
import type { Context } from '@opentelemetry/api';
import type { GatewayConfig } from './config';
import { injectTrace, ReplyError, type ReplyMux } from '@ndxp/runtime';
import type { BrokerLink } from '@ndxp/lgsp-client';

/** Metadata keys a caller may set; each becomes the envelope header of the same meaning. */
export const RequestMetadata = {
  RequestId: 'ndxp-request-id',
  Version: 'ndxp-version',
  Officer: 'ndxp-officer',
  Purpose: 'ndxp-purpose',
} as const;

/** Metadata keys of the gateway's answer (trailers, on success and on error). */
export const AnswerMetadata = {
  RequestId: 'ndxp-request-id',
  Receipt: 'ndxp-receipt',
} as const;

/** What a caller may set beside its request, whichever edge it came through. */
export interface CallerHeaders {
  /** The service version asked for (default: the national service's). */
  version?: string;
  /** The officer behind the request (audit). */
  officer?: string;
  /** The purpose or dossier code of the request (audit). */
  purpose?: string;
}

/** What routing answered. */
export interface ForwardResult {
  requestId: string;
  /** The proto answer, as the adapter encoded it. */
  data: Uint8Array;
  /** Hex SHA-256 of the request payload, from routing. */
  receipt: string;
}

/** The request's absolute deadline: the gRPC deadline, else the default, capped at the maximum. */
export function deadlineOf(
  grpcDeadline: Date | number,
  now: number,
  config: Pick<GatewayConfig, 'defaultTimeoutMs' | 'maxTimeoutMs'>,
): number {
  const asked = grpcDeadline instanceof Date ? grpcDeadline.getTime() : grpcDeadline;
  const deadline = Number.isFinite(asked) ? Math.floor(asked) : now + config.defaultTimeoutMs;
  return Math.min(deadline, now + config.maxTimeoutMs);
}

/**
 * The request id of a call: the caller's (ndxp-request-id), or for a method that is safe to repeat a
 * new UUID. A method that changes state (its proto idempotency level is not NO_SIDE_EFFECTS or
 * IDEMPOTENT) needs the caller's own id: one the gateway made would differ on the caller's retry,
 * which would then be served and metered a second time. undefined: refuse the call.
 */
export function requestIdOf(callerId: string | undefined, safeToRepeat: boolean): string | undefined {
  if (callerId !== undefined && callerId !== '') return callerId;
  return safeToRepeat ? randomUUID() : undefined;
}

/**
 * Publishes the request and resolves with routing's answer when it is "ok"; throws the mesh's
 * MeshError otherwise (server.unavailable when no routing replica listens, server.timeout when
 * routing does not answer by the deadline plus `replyGraceMs`, client.too_large when the broker
 * refuses the size).
 */
export async function forward(options: {
  requester: ReplyMux;
  /** The broker link: a request in flight when it drops is sent again (same id) once it is back. */
  link?: BrokerLink;
  consumer: string;
  national: NationalService<unknown, unknown>;
  payload: Uint8Array;
  headers: CallerHeaders;
  requestId: string;
  deadline: number;
  trace: Context;
  replyGraceMs: number;
}): Promise<ForwardResult> {
  const { national, headers, requestId } = options;
  const h = newHeaders();
  h.set(Header.RequestId, requestId);
  h.set(Header.Version, headers.version ?? national.version);
  // The absolute time is a hint; each send carries the budget left (routing makes its own deadline from it).
  h.set(Header.Deadline, String(options.deadline));
  if (headers.officer !== undefined) h.set(Header.Officer, headers.officer);
  if (headers.purpose !== undefined) h.set(Header.Purpose, headers.purpose);
  injectTrace(options.trace, h);
  const subject = subjects.request(options.consumer, national.provider, national.service);
  let reply;
  for (let attempt = 0; ; attempt++) {
    const wait = Math.max(1, options.deadline - Date.now() + options.replyGraceMs);
    // nats.js drops what is published while disconnected: wait for the link inside the budget.
    if (options.link && !(await options.link.whenUp(wait))) throw new MeshError('server.unavailable', 'the broker link is down');
    h.set(Header.Timeout, String(Math.max(0, options.deadline - Date.now())));
    const watch = options.link?.watchDrop();
    const sent = options.requester.request(subject, options.payload, h, wait);
    sent.catch(() => undefined); // abandoned when the link drops first
    try {
      reply = await (watch ? Promise.race([sent, watch.dropped.then((why) => Promise.reject(new LinkDropped(why)))]) : sent);
      break;
    } catch (err) {
      // Lost in the drop: the same request id again (routing answers a repeat from its replay memory).
      if (err instanceof LinkDropped && Date.now() < options.deadline) continue;
      // No routing replica subscribed yet (e.g. the gateway reconnected first after a broker restart):
      // ask again shortly while the budget lasts.
      const pause = Math.min(25 * 2 ** attempt, 400);
      if (err instanceof ReplyError && err.reason === 'no_responders' && Date.now() + pause < options.deadline) {
        await new Promise((r) => setTimeout(r, pause));
        continue;
      }
      throw err instanceof LinkDropped ? new MeshError('server.unavailable', err.message) : natsFailure(err);
    } finally {
      watch?.cancel();
    }
  }
  const status = reply.headers?.get(Header.Status);
  if (status === STATUS_OK) return { requestId, data: reply.data, receipt: reply.headers?.get(Header.Receipt) ?? '' };
  throw (reply.headers && MeshError.fromHeaders(reply.headers)) ?? new MeshError('server.internal', 'routing answered without a status');
}

/** The broker link dropped while a request was in flight. */
class LinkDropped extends Error {}

function natsFailure(err: unknown): MeshError {
  if (err instanceof ReplyError) {
    if (err.reason === 'no_responders') return new MeshError('server.unavailable', 'no routing service is answering', { cause: err });
    if (err.reason === 'timeout') return new MeshError('server.timeout', 'routing did not answer before the deadline', { cause: err });
    return new MeshError('server.unavailable', 'the gateway is shutting down', { cause: err });
  }
  if (err instanceof Error && err.message.includes('max_payload'))
    return new MeshError('client.too_large', 'the request is larger than the broker accepts', { field: 'payload', cause: err });
  return new MeshError('server.internal', 'the request could not be published', { cause: err });
}
