// Serving a method table over gRPC (@grpc/grpc-js) with the generated service definition; every
// call is authenticated and authorized against the method's access rule before its handler runs,
// and a MeshError becomes its gRPC status with the stable code in metadata (see toGrpcError). The
// standard health service and reflection are served beside it, unauthenticated (grpc/grpc-server.ts).
import {
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
import { createGrpcServer } from '../grpc/grpc-server';
import type { GrpcHealth } from '../grpc/grpc-health';
import type { GrpcServerSettings } from '../grpc/grpc-server-settings';
import type { MethodEntry } from './method-table';

const SHUTDOWN_GRACE_MS = 5_000;
/** The caller's request id, echoed in the error details (as the gateway's calls carry it). */
const REQUEST_ID_METADATA = 'ndxp-request-id';

/** A running gRPC server. */
export interface GrpcApi {
  port: number;
  /** Its grpc.health.v1 status (follow the service's readiness with health.follow). */
  health: GrpcHealth;
  /** Health turns NOT_SERVING, calls in flight finish (up to 5 s), then it closes. */
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
  options: { access: ApiAccess; credentials?: ServerCredentials; settings?: GrpcServerSettings },
): Promise<GrpcApi> {
  const { access } = options;
  const missing = missingRules(
    methods.map((m) => m.key),
    access.rules,
  );
  if (missing.length > 0) throw new Error(`no access rule for ${missing.join(', ')}: every method must have one`);
  const { server, health } = createGrpcServer([serviceName(service)], options.settings);
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
            const requestId = call.metadata.get(REQUEST_ID_METADATA)[0];
            callback(toGrpcError(err, typeof requestId === 'string' ? { requestId } : {}));
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
    health,
    stop: () =>
      new Promise<void>((resolve) => {
        health.drain();
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

/** The fully qualified proto name of a grpc-js service definition (from its methods' paths). */
function serviceName(service: ServiceDefinition): string {
  const first = Object.values(service)[0];
  if (!first) throw new Error('a gRPC service needs at least one method');
  return first.path.split('/')[1] ?? '';
}
