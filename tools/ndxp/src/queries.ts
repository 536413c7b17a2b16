// Request-reply helpers for the registry and metering NATS APIs.
import type { NatsConnection } from '@nats-io/nats-core';
import { Header, MeshError, subjects, type MessageCodec } from '@ndxp/contracts';

/** Calls one method of a service's NATS API (registry or metering) and decodes the answer. */
export async function ask<Req, Res>(
  nc: NatsConnection,
  api: 'registry' | 'metering',
  method: string,
  request: MessageCodec<Req>,
  body: Req,
  response: MessageCodec<Res>,
  timeoutMs = 5000,
): Promise<Res> {
  const subject = api === 'registry' ? subjects.registry(method) : subjects.metering(method);
  let reply;
  try {
    reply = await nc.request(subject, request.encode(body).finish(), { timeout: timeoutMs });
  } catch (err) {
    throw new MeshError('server.unavailable', `the ${api} service did not answer ${method} within ${timeoutMs} ms`, { cause: err });
  }
  const failure = reply.headers ? MeshError.fromHeaders(reply.headers) : undefined;
  if (failure) throw failure;
  if (reply.headers?.get(Header.Status) !== 'ok') throw new MeshError('server.internal', `${api} answered without a status`);
  return response.decode(reply.data);
}
