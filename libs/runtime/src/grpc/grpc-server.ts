// One way to make a gRPC server, for every server kind: the keepalive and connection-age options,
// the standard health service and server reflection (neither needs authentication).
import { Server, type ServerOptions } from '@grpc/grpc-js';
import { GrpcHealth } from './grpc-health';
import { addReflection } from './grpc-reflection';
import { GRPC_SERVER_DEFAULTS, grpcServerOptions, type GrpcServerSettings } from './grpc-server-settings';

/** A gRPC server with health and reflection, before its own services are added. */
export interface StandardGrpcServer {
  server: Server;
  health: GrpcHealth;
}

/** Creates the server; `services` are the fully qualified names it will serve (for health and reflection). */
export function createGrpcServer(
  services: readonly string[],
  settings: GrpcServerSettings = GRPC_SERVER_DEFAULTS,
  extra: ServerOptions = {},
): StandardGrpcServer {
  const server = new Server(grpcServerOptions(settings, extra));
  const health = new GrpcHealth(services);
  health.addToServer(server);
  addReflection(server, services);
  return { server, health };
}
