// Calling every method a gRPC server registers, with a default (empty) request and given
// credentials, to pin who is let in: the service definition is the very one the server was given,
// so a method added to the proto is probed without anyone listing it.
import {
  InterceptingCall,
  Metadata,
  makeGenericClientConstructor,
  type ChannelCredentials,
  type ClientOptions,
  type Interceptor,
  type ServiceDefinition,
  type ServiceError,
} from '@grpc/grpc-js';

/** How one call ended: the gRPC status code (0 = OK) and the mesh's stable code, if any. */
export interface ProbeResult {
  status: number;
  code: string;
}

/** Calls one method with an empty request; never throws for a failed call. */
export function probeMethod(
  address: string,
  service: ServiceDefinition,
  key: string,
  credentials: ChannelCredentials,
  authorization?: string,
): Promise<ProbeResult> {
  const Client = makeGenericClientConstructor(service, 'probe');
  const client = new Client(address, credentials);
  const method = service[key]!;
  const metadata = new Metadata();
  if (authorization !== undefined) metadata.set('authorization', authorization);
  const request: unknown = method.requestDeserialize(Buffer.alloc(0));
  return new Promise<ProbeResult>((resolve) => {
    const call = (client as unknown as Record<string, (r: unknown, m: Metadata, o: object, cb: (e: ServiceError | null) => void) => void>)[
      key
    ]!;
    call.call(client, request, metadata, { deadline: Date.now() + 10_000 }, (err) => {
      client.close();
      resolve({ status: err?.code ?? 0, code: err ? String(err.metadata?.get('ndxp-code')[0] ?? '') : 'ok' });
    });
  });
}

/** probeMethod for every method of the service, keyed by method key. */
export async function probeEveryMethod(
  address: string,
  service: ServiceDefinition,
  credentials: ChannelCredentials,
  authorization?: string,
): Promise<Record<string, ProbeResult>> {
  const out: Record<string, ProbeResult> = {};
  for (const key of Object.keys(service)) out[key] = await probeMethod(address, service, key, credentials, authorization);
  return out;
}

/** gRPC client options that send "authorization: Bearer <token>" with every call (plaintext or TLS). */
export function withBearer(token: string): ClientOptions {
  const interceptor: Interceptor = (options, next) =>
    new InterceptingCall(next(options), {
      start: (metadata, listener, proceed) => {
        metadata.set('authorization', `Bearer ${token}`);
        proceed(metadata, listener);
      },
    });
  return { interceptors: [interceptor] };
}
