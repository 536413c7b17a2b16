// The compiled proto files, for gRPC server reflection.
import { FILE_DESCRIPTORS } from './gen/file-descriptors';

/** Every proto file of the contracts (and the files they import) as a serialized FileDescriptorProto. */
export function protoFileDescriptors(): Buffer[] {
  return FILE_DESCRIPTORS.map((b) => Buffer.from(b, 'base64'));
}
