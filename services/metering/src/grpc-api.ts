// Serving the query table over gRPC with the generated MeteringService definition; a MeshError
// becomes its gRPC status with the stable code in the "ndxp-code" metadata entry.
import {
  Metadata,
  Server,
  ServerCredentials,
  type sendUnaryData,
  type ServerErrorResponse,
  type ServerUnaryCall,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { MeshError, MeteringService } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';
import type { GrpcAddress } from './config';
import type { QueryMethod } from './query-handlers';

/** Metadata key carrying the stable error code of a failed call. */
export const GRPC_CODE_METADATA = 'ndxp-code';

/** The gRPC side of the query API. */
export interface GrpcQueryServer {
  port: number;
  /** Lets calls in flight finish (up to a few seconds), then closes. */
  stop(): Promise<void>;
}

/** The gRPC error of anything a handler threw. */
export function toGrpcError(err: unknown): ServerErrorResponse {
  const e = MeshError.from(err);
  const metadata = new Metadata();
  metadata.set(GRPC_CODE_METADATA, e.code);
  return Object.assign(new Error(e.message), { code: e.grpcStatus, details: e.message, metadata });
}

/** Starts a gRPC server for the methods on addr (port 0: a free port). */
export async function startGrpcQueries(addr: GrpcAddress, methods: QueryMethod[], logger: Logger): Promise<GrpcQueryServer> {
  const server = new Server();
  const impl: UntypedServiceImplementation = {};
  for (const method of methods) {
    impl[method.grpcKey] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      method.handle(call.request).then(
        (response) => callback(null, response),
        (err: unknown) => {
          const e = toGrpcError(err);
          if (!MeshError.from(err).code.startsWith('client.')) logger.error({ err, method: method.name }, 'metering query failed');
          callback(e);
        },
      );
    };
  }
  server.addService(MeteringService, impl);
  const host = addr.host.includes(':') ? `[${addr.host}]` : addr.host;
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${addr.port}`, ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 5_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
