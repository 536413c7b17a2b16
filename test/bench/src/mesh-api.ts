// One request to the registry's or metering's NATS API, as the ops caller (the benchmark's broker is
// anonymous): encode, ask, turn a mesh error in the answer's headers into a MeshError, decode.
import { connect } from '@nats-io/transport-node';
import { MeshError, subjects, type MessageCodec } from '@ndxp/contracts';

/** Calls `method` of the registry or metering over NATS on a connection of its own, and decodes the answer. */
export async function askMesh<Req, Res>(
  natsUrl: string,
  api: 'registry' | 'metering',
  method: string,
  codecs: { requestType: MessageCodec<Req>; responseType: MessageCodec<Res> },
  request: unknown,
): Promise<Res> {
  const nc = await connect({ servers: natsUrl, name: 'bench-ops' });
  try {
    const subject = api === 'registry' ? subjects.registry(method) : subjects.metering(method);
    const reply = await nc.request(subject, codecs.requestType.encode(codecs.requestType.fromPartial(request)).finish(), {
      timeout: 10_000,
    });
    const failure = reply.headers ? MeshError.fromHeaders(reply.headers) : undefined;
    if (failure) throw failure;
    return codecs.responseType.decode(reply.data);
  } finally {
    await nc.close();
  }
}
