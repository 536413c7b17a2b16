// gRPC server reflection (grpc.reflection.v1 and v1alpha, grpc-node's @grpc/reflection) over the
// contracts' compiled proto files and grpc-health-check's health.proto, so grpcurl and similar tools
// can list and call the services, the standard health service among them.
import type { Server } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { protoFileDescriptors } from '@ndxp/contracts';
import { protoPath as healthProtoPath } from 'grpc-health-check';

/** The package definition shape ReflectionService reads: only the files' descriptors are used. */
type PackageDefinition = ConstructorParameters<typeof ReflectionService>[0];

/** The standard health service's name, listed by reflection beside the server's own services. */
export const HEALTH_SERVICE = 'grpc.health.v1.Health';

let health: PackageDefinition | undefined;

/** Adds server reflection listing `services` (fully qualified names) and the health service, without authentication. */
export function addReflection(server: Server, services: readonly string[]): void {
  health ??= loadSync(healthProtoPath);
  const pkg = { ...health, contracts: { fileDescriptorProtos: protoFileDescriptors() } } as unknown as PackageDefinition;
  new ReflectionService(pkg, { services: [...services, HEALTH_SERVICE] }).addToServer(server);
}
