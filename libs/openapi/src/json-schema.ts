// Proto messages and enums as JSON Schema (2020-12, OpenAPI 3.1's dialect), in the proto3 JSON
// mapping as ts-proto's toJSON writes it and fromJSON reads it (buf.gen.yaml: forceLong=number).
import { ScalarType, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { commentOf } from './proto-comments';

/** A JSON Schema object. */
export type JsonSchema = Record<string, unknown>;

/** Where a named proto type's schema lives in the document. */
export function schemaRef(typeName: string): string {
  return `#/components/schemas/${typeName}`;
}

const INT32 = { type: 'integer', format: 'int32', minimum: -2147483648, maximum: 2147483647 };
const UINT32 = { type: 'integer', minimum: 0, maximum: 4294967295 };
// forceLong=number: toJSON writes a JSON number; fromJSON also takes the proto3 JSON decimal string.
const INT64 = {
  type: ['integer', 'string'],
  format: 'int64',
  pattern: '^-?[0-9]+$',
  description: '64-bit integer: answers carry a JSON number; requests may carry a number or a decimal string.',
};
const UINT64 = { ...INT64, minimum: 0, pattern: '^[0-9]+$' };

function scalarSchema(scalar: ScalarType): JsonSchema {
  switch (scalar) {
    case ScalarType.STRING:
      return { type: 'string' };
    case ScalarType.BOOL:
      return { type: 'boolean' };
    case ScalarType.BYTES:
      return { type: 'string', contentEncoding: 'base64' };
    case ScalarType.DOUBLE:
      return { type: 'number', format: 'double' };
    case ScalarType.FLOAT:
      return { type: 'number', format: 'float' };
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return { ...INT32 };
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return { ...UINT32 };
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return { ...INT64 };
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return { ...UINT64 };
  }
}

// Well-known types ts-proto maps to plain JSON values rather than to their message shape.
const WELL_KNOWN: Record<string, JsonSchema> = {
  'google.protobuf.Timestamp': { type: 'string', format: 'date-time' },
  'google.protobuf.Empty': { type: 'object' },
  'google.protobuf.Struct': { type: 'object' },
  'google.protobuf.Value': {},
  'google.protobuf.ListValue': { type: 'array' },
  'google.protobuf.StringValue': { type: ['string', 'null'] },
  'google.protobuf.BoolValue': { type: ['boolean', 'null'] },
  'google.protobuf.BytesValue': { type: ['string', 'null'], contentEncoding: 'base64' },
  'google.protobuf.DoubleValue': { type: ['number', 'null'] },
  'google.protobuf.FloatValue': { type: ['number', 'null'] },
  'google.protobuf.Int32Value': { type: ['integer', 'null'], format: 'int32' },
  'google.protobuf.UInt32Value': { type: ['integer', 'null'], minimum: 0 },
  'google.protobuf.Int64Value': { type: ['integer', 'string', 'null'], format: 'int64' },
  'google.protobuf.UInt64Value': { type: ['integer', 'string', 'null'], minimum: 0 },
};

/** Collects the component schemas of a set of messages and of every type they reach. */
export class SchemaCollector {
  readonly schemas: Record<string, JsonSchema> = {};

  /** A schema pointing at the message's component (adding it, and what it reaches, first). */
  message(desc: DescMessage): JsonSchema {
    const wellKnown = WELL_KNOWN[desc.typeName];
    if (wellKnown !== undefined) return { ...wellKnown };
    if (!(desc.typeName in this.schemas)) {
      this.schemas[desc.typeName] = {}; // placed first, so a recursive message ends here
      this.schemas[desc.typeName] = this.messageSchema(desc);
    }
    return { $ref: schemaRef(desc.typeName) };
  }

  /**
   * A schema pointing at a component `name`: the message's schema with its properties renamed
   * (`names`: the proto3 JSON name to the name the body uses), for an alias that names fields its way.
   */
  renamed(desc: DescMessage, names: Readonly<Record<string, string>>, name: string): JsonSchema {
    this.message(desc);
    const base = this.schemas[desc.typeName] as JsonSchema;
    const rename = (key: string): string => names[key] ?? key;
    const renameKeys = (o: unknown): Record<string, unknown> =>
      Object.fromEntries(Object.entries(o as Record<string, unknown>).map(([k, v]) => [rename(k), v]));
    const schema: JsonSchema = { ...base, properties: renameKeys(base.properties) };
    if (base.dependentSchemas !== undefined) {
      const dependent = renameKeys(base.dependentSchemas);
      for (const [k, v] of Object.entries(dependent)) dependent[k] = { properties: renameKeys((v as JsonSchema).properties) };
      schema.dependentSchemas = dependent;
    }
    this.schemas[name] = schema;
    return { $ref: schemaRef(name) };
  }

  private enumRef(desc: DescEnum): JsonSchema {
    if (!(desc.typeName in this.schemas)) this.schemas[desc.typeName] = enumSchema(desc);
    return { $ref: schemaRef(desc.typeName) };
  }

  private messageSchema(desc: DescMessage): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    for (const field of desc.fields) {
      const description = commentOf(field);
      properties[field.jsonName] = { ...this.fieldSchema(field), ...(description === undefined ? {} : { description }) };
    }
    const schema: JsonSchema = { type: 'object', properties };
    const description = commentOf(desc);
    if (description !== undefined) schema.description = description;
    // proto3 JSON: at most one member of a oneof is set (ts-proto writes only the one in use). Said
    // as "member a present: no other member", so no `required` names a property of another schema.
    const dependent: Record<string, JsonSchema> = {};
    for (const oneof of desc.oneofs) {
      for (const member of oneof.fields) {
        const others = oneof.fields.filter((f) => f !== member).map((f) => [f.jsonName, false]);
        dependent[member.jsonName] = { properties: Object.fromEntries(others) };
      }
    }
    if (Object.keys(dependent).length > 0) schema.dependentSchemas = dependent;
    return schema;
  }

  private fieldSchema(field: DescField): JsonSchema {
    switch (field.fieldKind) {
      case 'scalar':
        return scalarSchema(field.scalar);
      case 'enum':
        return this.enumRef(field.enum);
      case 'message':
        return this.message(field.message);
      case 'list': {
        const items =
          field.listKind === 'scalar'
            ? scalarSchema(field.scalar)
            : field.listKind === 'enum'
              ? this.enumRef(field.enum)
              : this.message(field.message);
        return { type: 'array', items };
      }
      case 'map': {
        const values =
          field.mapKind === 'scalar'
            ? scalarSchema(field.scalar)
            : field.mapKind === 'enum'
              ? this.enumRef(field.enum)
              : this.message(field.message);
        return { type: 'object', additionalProperties: values };
      }
    }
  }
}

/**
 * An enum: toJSON writes the value's name, fromJSON also takes its number. The description lists
 * each value with its proto comment.
 */
function enumSchema(desc: DescEnum): JsonSchema {
  const lines = desc.values.map((v) => {
    const comment = commentOf(v);
    return `- \`${v.name}\` (${v.number})${comment === undefined ? '' : `: ${comment.replace(/\n/g, ' ')}`}`;
  });
  const comment = commentOf(desc);
  return {
    description: [...(comment === undefined ? [] : [comment]), lines.join('\n')].join('\n\n'),
    anyOf: [
      { type: 'string', enum: desc.values.map((v) => v.name) },
      { type: 'integer', enum: desc.values.map((v) => v.number) },
    ],
  };
}
