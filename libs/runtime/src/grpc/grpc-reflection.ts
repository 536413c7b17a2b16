// gRPC server reflection (grpc.reflection.v1 and v1alpha, grpc-node's @grpc/reflection) over the
// contracts' compiled proto files, so grpcurl and similar tools can list and call the services.
import type { Server } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { protoFileDescriptors } from '@ndxp/contracts';

/** The package definition shape ReflectionService reads: only the files' descriptors are used. */
type PackageDefinition = ConstructorParameters<typeof ReflectionService>[0];

/** Adds server reflection listing `services` (fully qualified names) to the server, without authentication. */
export function addReflection(server: Server, services: readonly string[]): void {
  const pkg = { contracts: { fileDescriptorProtos: protoFileDescriptors() } } as unknown as PackageDefinition;
  new ReflectionService(pkg, { services: [...services] }).addToServer(server);
}
