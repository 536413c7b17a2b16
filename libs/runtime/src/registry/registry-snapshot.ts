// One read of the registry's snapshot over NATS (ndxp.registry.api.Snapshot), with the errors
// every reader gives it: server.unavailable when the registry does not answer.
import type { NatsConnection } from '@nats-io/nats-core';
import { Header, MeshError, RegistrySnapshot, SnapshotRequest, STATUS_OK, subjects } from '@ndxp/contracts';
import { ReplyMux } from '../reply-mux';

/** Where a Snapshot request goes: the connection, or a ReplyMux when the connection's inbox prefix is its own. */
export type SnapshotRequester = NatsConnection | ReplyMux;

/** Fetches the registry snapshot; server.unavailable when the registry does not answer within `timeoutMs`. */
export async function fetchRegistrySnapshot(via: SnapshotRequester, timeoutMs = 5_000): Promise<RegistrySnapshot> {
  const subject = subjects.registry('Snapshot');
  const body = SnapshotRequest.encode({}).finish();
  let reply;
  try {
    reply =
      via instanceof ReplyMux
        ? await via.request(subject, body, undefined, timeoutMs)
        : await via.request(subject, body, { timeout: timeoutMs });
  } catch (err) {
    throw new MeshError('server.unavailable', 'the registry did not answer Snapshot', { cause: err });
  }
  const failure = reply.headers ? MeshError.fromHeaders(reply.headers) : undefined;
  if (failure) throw failure;
  if (reply.headers?.get(Header.Status) !== STATUS_OK)
    throw new MeshError('server.internal', 'the registry answered Snapshot without a status');
  return RegistrySnapshot.decode(reply.data);
}
