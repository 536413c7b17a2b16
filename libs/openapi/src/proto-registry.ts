// The protos as descriptors with their comments: `buf build` over proto/ (source info kept), read
// with @bufbuild/protobuf's reflection.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createFileRegistry, fromBinary, type FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';

/** The repository's root: this file sits in libs/openapi/{src,dist}. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Builds the protos under protoDir with buf (comments kept) and returns their registry. */
export function loadProtoRegistry(protoDir: string = join(REPO_ROOT, 'proto')): FileRegistry {
  const buf = join(__dirname, '..', 'node_modules', '.bin', 'buf');
  // `-o -`: the binary FileDescriptorSet on stdout; source info (the comments) is kept by default.
  const bytes = execFileSync(buf, ['build', protoDir, '-o', '-#format=binpb'], { maxBuffer: 64 * 1024 * 1024 });
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, new Uint8Array(bytes)));
}
