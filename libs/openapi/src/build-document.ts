// The OpenAPI 3.1 document of the HTTP/JSON edge, built from the proto descriptors and the
// contracts' catalogue of national services: one POST operation per path and alias.
import type { DescMethod, DescService, FileRegistry } from '@bufbuild/protobuf';
import { Header, type HttpAlias, type NationalService } from '@ndxp/contracts';
import { SchemaCollector, type JsonSchema } from './json-schema';
import { PROBLEM_SCHEMA, errorStatuses, problemResponseName, problemResponses } from './problem';
import { commentOf } from './proto-comments';
import { TOKEN_PATH, TOKEN_SCHEMAS, tokenPathItem } from './token-operation';

/** What the document is built from. */
export interface DocumentSources {
  registry: FileRegistry;
  services: ReadonlyArray<NationalService<unknown, unknown>>;
  /** info.version: the mesh's release. */
  version: string;
}

/** Name of the OAuth2 security scheme every national operation requires. */
export const SECURITY_SCHEME = 'oauth2';

const DESCRIPTION = [
  'Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP): mỗi dịch vụ của một hệ thống quốc gia là một `POST` ' +
    'với thân JSON (proto3 JSON mapping, UTF-8), xác thực bằng OAuth2 client credentials (`POST /token`).',
  "The national data integration and sharing platform's HTTP/JSON edge: every national service is a `POST` " +
    'whose body is the request message in the proto3 JSON mapping (UTF-8) and whose 200 answer is the response ' +
    'message (lowerCamelCase names; requests may also use the proto names, e.g. `tax_code`); a caller authenticates with an OAuth2 client-credentials token from `POST /token`. Paths are ' +
    '`/{provider}/{version}/{service}`, plus the national platform paths a system keeps (aliases). Errors are ' +
    'RFC 9457 problem details with the stable mesh code. Generated from the protos: descriptions are their comments.',
].join('\n\n');

const REQUEST_ID_SCHEMA = { type: 'string', minLength: 1 };

function findMethod(registry: FileRegistry, national: NationalService<unknown, unknown>): DescMethod {
  const [serviceName, methodName] = national.protoMethod.split('/') as [string, string | undefined];
  const service: DescService | undefined = registry.getService(serviceName);
  const method = service?.methods.find((m) => m.name === methodName);
  if (method === undefined) throw new Error(`proto method ${national.protoMethod} is not in the protos`);
  return method;
}

/** The tag of a national system: its provider token, described by the proto file and service comments. */
function tagOf(national: NationalService<unknown, unknown>, method: DescMethod): JsonSchema {
  const comments = [commentOf(method.parent.file), commentOf(method.parent)].filter((c) => c !== undefined);
  return { name: national.provider, description: comments.join('\n\n') || method.parent.typeName };
}

function operationIdOf(path: string): string {
  return path.slice(1).split('/').join('.');
}

/** The request and answer body schemas of the method's path, or of one of its aliases (with the alias's names and envelope). */
function bodySchemas(
  method: DescMethod,
  path: string,
  alias: HttpAlias | undefined,
  schemas: SchemaCollector,
): { request: JsonSchema; answer: JsonSchema } {
  if (!alias) return { request: schemas.message(method.input), answer: schemas.message(method.output) };
  const id = operationIdOf(path);
  const requestNames = Object.fromEntries(Object.entries(alias.requestNames ?? {}).map(([platform, mesh]) => [mesh, platform]));
  const request = alias.requestNames ? schemas.renamed(method.input, requestNames, `${id}.Request`) : schemas.message(method.input);
  const record = alias.answerNames ? schemas.renamed(method.output, alias.answerNames, `${id}.Answer`) : schemas.message(method.output);
  const answer = (alias.answerAt ?? []).reduceRight<JsonSchema>(
    (inner, key) => ({ type: 'object', required: [key], properties: { [key]: inner } }),
    record,
  );
  return { request, answer };
}

/** What an alias's bodies change, in words, for its description. */
function aliasNote(national: NationalService<unknown, unknown>, alias: HttpAlias): string {
  const renames = Object.entries(alias.requestNames ?? {}).map(([platform, mesh]) => `\`${platform}\` for \`${mesh}\``);
  const answerRenames = Object.entries(alias.answerNames ?? {}).map(([mesh, platform]) => `\`${platform}\` for \`${mesh}\``);
  return [
    `An alias of \`POST ${national.httpPath}\`, kept as the national platform names it.`,
    renames.length > 0 ? `The request names ${renames.join(', ')}.` : undefined,
    alias.answerAt ? `The answer holds the record under \`${alias.answerAt.join('.')}\`.` : undefined,
    answerRenames.length > 0 ? `The record names ${answerRenames.join(', ')}; other fields keep the proto JSON names.` : undefined,
  ]
    .filter((n) => n !== undefined)
    .join(' ');
}

function operation(
  national: NationalService<unknown, unknown>,
  method: DescMethod,
  path: string,
  alias: HttpAlias | undefined,
  schemas: SchemaCollector,
): JsonSchema {
  const bodies = bodySchemas(method, path, alias, schemas);
  const notes = [
    commentOf(method),
    `Proto method \`${national.protoMethod}\`.`,
    national.safeToRepeat
      ? `Safe to repeat: without an \`${Header.RequestId}\` header the gateway makes a request id.`
      : `Changes state: the \`${Header.RequestId}\` header is required, and a retry sends the same one (it is answered, and metered, once).`,
    alias ? aliasNote(national, alias) : undefined,
  ];
  const errors: Record<string, JsonSchema> = {};
  for (const status of errorStatuses()) errors[String(status)] = { $ref: `#/components/responses/${problemResponseName(status)}` };
  return {
    operationId: operationIdOf(path),
    tags: [national.provider],
    summary: `${national.service} (${national.provider} ${national.version})${alias ? ' — alias' : ''}`,
    description: notes.filter((n) => n !== undefined).join('\n\n'),
    'x-ndxp-proto-method': national.protoMethod,
    'x-ndxp-safe-to-repeat': national.safeToRepeat,
    security: [{ [SECURITY_SCHEME]: [] }],
    parameters: [
      { $ref: national.safeToRepeat ? '#/components/parameters/RequestIdOptional' : '#/components/parameters/RequestIdRequired' },
      { $ref: '#/components/parameters/Officer' },
      { $ref: '#/components/parameters/Purpose' },
    ],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: bodies.request } },
    },
    responses: {
      '200': {
        description: commentOf(method.output) ?? `The ${method.output.name} answer.`,
        headers: { [Header.RequestId]: { $ref: '#/components/headers/RequestId' } },
        content: { 'application/json': { schema: bodies.answer } },
      },
      ...errors,
    },
  };
}

function requestIdParameter(required: boolean): JsonSchema {
  return {
    name: Header.RequestId,
    in: 'header',
    required,
    description:
      "The caller's id of the request, sent again unchanged on every retry: the mesh answers (and meters) a " +
      'request id once.' +
      (required ? ' Required: the service changes state.' : ' Optional: the service is safe to repeat.'),
    schema: REQUEST_ID_SCHEMA,
  };
}

/** Builds the document. Throws when a catalogue entry names a method the protos do not have. */
export function buildOpenApiDocument(sources: DocumentSources): JsonSchema {
  const schemas = new SchemaCollector();
  const paths: Record<string, JsonSchema> = { [TOKEN_PATH]: tokenPathItem() };
  const tags = new Map<string, JsonSchema>();
  for (const national of sources.services) {
    const method = findMethod(sources.registry, national);
    if (!tags.has(national.provider)) tags.set(national.provider, tagOf(national, method));
    paths[national.httpPath] = { post: operation(national, method, national.httpPath, undefined, schemas) };
    for (const alias of national.httpAliases) paths[alias.path] = { post: operation(national, method, alias.path, alias, schemas) };
  }
  const requestIdHeader = { description: "The request's id: the caller's, or the one the gateway made.", schema: REQUEST_ID_SCHEMA };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nền tảng tích hợp, chia sẻ dữ liệu quốc gia — API HTTP/JSON',
      summary: 'National data integration and sharing platform (NDXP): HTTP/JSON API',
      description: DESCRIPTION,
      version: sources.version,
    },
    servers: [{ url: '/', description: 'The gateway that serves this document.' }],
    tags: [{ name: 'OAuth2', description: 'Access tokens (OAuth2 client credentials).' }, ...tags.values()],
    paths,
    components: {
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'oauth2',
          description:
            'OAuth2 client credentials (RFC 6749 section 4.4) with a client secret or private_key_jwt (RFC 7523); ' +
            'send the token as `Authorization: Bearer`.',
          flows: { clientCredentials: { tokenUrl: TOKEN_PATH, scopes: {} } },
        },
      },
      parameters: {
        RequestIdOptional: requestIdParameter(false),
        RequestIdRequired: requestIdParameter(true),
        Officer: {
          name: Header.Officer,
          in: 'header',
          required: false,
          description: 'The officer behind the request (X-Road userId), recorded with the transaction.',
          schema: { type: 'string' },
        },
        Purpose: {
          name: Header.Purpose,
          in: 'header',
          required: false,
          description: 'The purpose of the request or the dossier code it serves (X-Road issue).',
          schema: { type: 'string' },
        },
      },
      headers: { RequestId: requestIdHeader },
      responses: problemResponses({ $ref: '#/components/headers/RequestId' }),
      schemas: { Problem: PROBLEM_SCHEMA, ...TOKEN_SCHEMAS, ...sortedByName(schemas.schemas) },
    },
  };
}

function sortedByName(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}
