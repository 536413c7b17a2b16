// The registry snapshot over NATS (ndxp.registry.api.Snapshot), for reports that need the members,
// grants and credentials. Asked per report: reports are rare, and the answer is then always current.
import type { NatsConnection } from '@nats-io/nats-core';
import { Header, MeshError, RegistrySnapshot, SnapshotRequest, subjects } from '@ndxp/contracts';

/** Fetches the registry snapshot; server.unavailable when the registry does not answer. */
export async function fetchRegistrySnapshot(nc: NatsConnection, timeoutMs = 5_000): Promise<RegistrySnapshot> {
  let reply;
  try {
    reply = await nc.request(subjects.registry('Snapshot'), SnapshotRequest.encode({}).finish(), { timeout: timeoutMs });
  } catch (err) {
    throw new MeshError('server.unavailable', 'the registry did not answer Snapshot', { cause: err });
  }
  const failure = reply.headers ? MeshError.fromHeaders(reply.headers) : undefined;
  if (failure) throw failure;
  if (reply.headers?.get(Header.Status) !== 'ok') throw new MeshError('server.internal', 'the registry answered Snapshot without a status');
  return RegistrySnapshot.decode(reply.data);
}
