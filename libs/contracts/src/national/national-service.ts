// What a national system's method is to the mesh, built from ts-proto's generic definitions.
import type { HttpAlias } from './http-alias';

/** A message codec as ts-proto generates it. */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromPartial(object: unknown): T;
  /** From the proto3 JSON mapping (the HTTP/JSON edge's bodies). */
  fromJSON(object: unknown): T;
  /** To the proto3 JSON mapping. */
  toJSON(message: T): unknown;
}

/** One method of a national system: where it lives in the mesh and how its messages encode. */
export interface NationalService<Req, Res> {
  provider: string;
  service: string;
  version: string;
  request: MessageCodec<Req>;
  response: MessageCodec<Res>;
  protoMethod: string;
  /**
   * Whether a call may be repeated under a new request id without harm: the proto method's
   * `idempotency_level` is NO_SIDE_EFFECTS or IDEMPOTENT. Anything else (unknown, the default)
   * changes state, and the edges take it only with a caller-set request id a retry reuses.
   */
  safeToRepeat: boolean;
  /** The HTTP/JSON edge's path of the method: POST /{provider}/{version}/{service}. */
  httpPath: string;
  /**
   * Further paths of the method on the HTTP/JSON edge, set per system: the national platform's own
   * (`/{api context}/{version}/{operation}`, with its field names), so an LGSP configured for it
   * switches by base URL.
   */
  httpAliases: readonly HttpAlias[];
}

/** What a national system sets beside its method. */
export interface NationalServiceOptions {
  /** The version of the mesh's service (default v1). */
  version?: string;
  /** The method's further paths on the HTTP/JSON edge (see NationalService.httpAliases). */
  httpAliases?: readonly HttpAlias[];
}

export interface GenericMethod<Req, Res> {
  name: string;
  requestType: MessageCodec<Req>;
  responseType: MessageCodec<Res>;
  /** ts-proto copies the method's options, idempotency_level among them. */
  options?: { idempotencyLevel?: string };
}

/** Builds the mesh view of one method of a ts-proto generic service definition. */
export function nationalService<Req, Res>(
  provider: string,
  definition: { fullName: string },
  method: GenericMethod<Req, Res>,
  options: NationalServiceOptions = {},
): NationalService<Req, Res> {
  const version = options.version ?? 'v1';
  return {
    provider,
    service: method.name,
    version,
    request: method.requestType,
    response: method.responseType,
    protoMethod: `${definition.fullName}/${method.name}`,
    safeToRepeat: method.options?.idempotencyLevel === 'NO_SIDE_EFFECTS' || method.options?.idempotencyLevel === 'IDEMPOTENT',
    httpPath: `/${provider}/${version}/${method.name}`,
    httpAliases: options.httpAliases ?? [],
  };
}
