// The registry admin API over gRPC (@grpc/grpc-js), served from the same handler table as NATS.
import {
  Metadata,
  Server,
  ServerCredentials,
  type ServerErrorResponse,
  type ServerUnaryCall,
  type sendUnaryData,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { MeshError, RegistryService, isClientError } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';
import type { MethodEntry } from './method-table';

/** Metadata key carrying the stable error code of a failed call. */
export const GRPC_CODE_METADATA = 'ndxp-code';
/** Metadata key naming the invalid request field, when there is one. */
export const GRPC_FIELD_METADATA = 'ndxp-field';

const SHUTDOWN_GRACE_MS = 5_000;

/** Binds a gRPC server on addr (host:port; port 0 picks one) and resolves with the bound port. */
export async function serveGrpc(addr: string, methods: MethodEntry[], logger: Logger): Promise<{ port: number; stop(): Promise<void> }> {
  const server = new Server();
  const impl: UntypedServiceImplementation = {};
  for (const m of methods) {
    impl[m.key] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      m.handle(call.request).then(
        (res) => callback(null, res),
        (err: unknown) => {
          const e = MeshError.from(err);
          if (!isClientError(e.code)) logger.error({ err, method: m.name }, 'registry gRPC call failed');
          callback(toServiceError(e));
        },
      );
    };
  }
  server.addService(RegistryService, impl);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(addr, ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, SHUTDOWN_GRACE_MS);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}

/** Maps a MeshError to a gRPC status, with the code (and field) in metadata. */
export function toServiceError(e: MeshError): ServerErrorResponse {
  const metadata = new Metadata();
  metadata.set(GRPC_CODE_METADATA, e.code);
  if (e.field) metadata.set(GRPC_FIELD_METADATA, e.field);
  return Object.assign(new Error(e.message), { code: e.grpcStatus, details: e.message, metadata });
}
