// Serving a method table over gRPC (@grpc/grpc-js) with the generated service definition; every
// call is authenticated and authorized against the method's access rule before its handler runs,
// and a MeshError becomes its gRPC status with the stable code in metadata (see toGrpcError).
import {
  Server,
  ServerCredentials,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { isClientError, MeshError, toGrpcError } from '@ndxp/contracts';
import type { Logger } from 'pino';
import { missingRules } from '../access/access-rule';
import { checkAccess, type ApiAccess } from '../access/check-access';
import type { MethodEntry } from './method-table';

const SHUTDOWN_GRACE_MS = 5_000;

/** A running gRPC server. */
export interface GrpcApi {
  port: number;
  /** Lets calls in flight finish (up to 5 s), then closes. */
  stop(): Promise<void>;
}

/**
 * Binds a gRPC server on addr (host:port; port 0 picks one) and resolves with the bound port.
 * Plaintext unless credentials are given (see grpcServerCredentials).
 */
export async function serveGrpcApi(
  addr: string,
  service: ServiceDefinition,
  methods: MethodEntry[],
  logger: Logger,
  options: { access: ApiAccess; credentials?: ServerCredentials },
): Promise<GrpcApi> {
  const { access } = options;
  const missing = missingRules(
    methods.map((m) => m.key),
    access.rules,
  );
  if (missing.length > 0) throw new Error(`no access rule for ${missing.join(', ')}: every method must have one`);
  const server = new Server();
  const impl: UntypedServiceImplementation = {};
  for (const m of methods) {
    impl[m.key] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      const peer = call.getPeer();
      checkAccess(access, logger, {
        method: m.name,
        key: m.key,
        peer,
        via: 'grpc',
        authorization: call.metadata.get('authorization').map(String),
        request: call.request,
      })
        .then((caller) => m.handle(call.request, { caller, peer }))
        .then(
          (res) => callback(null, res),
          (err: unknown) => {
            if (!isClientError(MeshError.from(err).code)) logger.error({ err, method: m.name }, 'gRPC call failed');
            callback(toGrpcError(err));
          },
        );
    };
  }
  server.addService(service, impl);
  const credentials = options.credentials ?? ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(addr, credentials, (err, bound) => (err ? reject(err) : resolve(bound)));
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
