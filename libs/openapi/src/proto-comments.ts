// The comments written in the protos, found through each file's source info by declaration path.
import type { DescEnum, DescEnumValue, DescField, DescFile, DescMessage, DescMethod, DescService } from '@bufbuild/protobuf';

/** A declaration whose comment the document carries. */
export type Commented = DescFile | DescMessage | DescField | DescEnum | DescEnumValue | DescService | DescMethod;

// Field numbers of FileDescriptorProto, DescriptorProto, EnumDescriptorProto and
// ServiceDescriptorProto, the steps of a source-info path (descriptor.proto, SourceCodeInfo.Location).
const FILE_PACKAGE = 2;
const FILE_MESSAGE = 4;
const FILE_ENUM = 5;
const FILE_SERVICE = 6;
const MESSAGE_FIELD = 2;
const MESSAGE_NESTED = 3;
const MESSAGE_ENUM = 4;
const ENUM_VALUE = 2;
const SERVICE_METHOD = 2;

function messagePath(m: DescMessage): number[] {
  if (m.parent === undefined) return [FILE_MESSAGE, m.file.messages.indexOf(m)];
  return [...messagePath(m.parent), MESSAGE_NESTED, m.parent.nestedMessages.indexOf(m)];
}

function enumPath(e: DescEnum): number[] {
  if (e.parent === undefined) return [FILE_ENUM, e.file.enums.indexOf(e)];
  return [...messagePath(e.parent), MESSAGE_ENUM, e.parent.nestedEnums.indexOf(e)];
}

function pathOf(desc: Commented): { file: DescFile; path: number[] } {
  switch (desc.kind) {
    case 'file':
      return { file: desc, path: [FILE_PACKAGE] };
    case 'message':
      return { file: desc.file, path: messagePath(desc) };
    case 'field':
      return { file: desc.parent.file, path: [...messagePath(desc.parent), MESSAGE_FIELD, desc.parent.fields.indexOf(desc)] };
    case 'enum':
      return { file: desc.file, path: enumPath(desc) };
    case 'enum_value':
      return { file: desc.parent.file, path: [...enumPath(desc.parent), ENUM_VALUE, desc.parent.values.indexOf(desc)] };
    case 'service':
      return { file: desc.file, path: [FILE_SERVICE, desc.file.services.indexOf(desc)] };
    case 'rpc':
      return {
        file: desc.parent.file,
        path: [FILE_SERVICE, desc.parent.file.services.indexOf(desc.parent), SERVICE_METHOD, desc.parent.methods.indexOf(desc)],
      };
  }
}

function tidy(comment: string): string {
  return comment
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

/**
 * The comment of a declaration, leading and trailing joined, whitespace tidied; undefined when the
 * proto has none (or was built without source info).
 */
export function commentOf(desc: Commented): string | undefined {
  const { file, path } = pathOf(desc);
  const location = file.proto.sourceCodeInfo?.location.find(
    (l) => l.path.length === path.length && l.path.every((step, i) => step === path[i]),
  );
  if (location === undefined) return undefined;
  const parts = [location.leadingComments, location.trailingComments].map((c) => tidy(c ?? '')).filter((c) => c !== '');
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}
