// What a national system's method is to the mesh, built from ts-proto's generic definitions.

/** A message codec as ts-proto generates it. */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromPartial(object: unknown): T;
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
  version = 'v1',
): NationalService<Req, Res> {
  return {
    provider,
    service: method.name,
    version,
    request: method.requestType,
    response: method.responseType,
    protoMethod: `${definition.fullName}/${method.name}`,
    safeToRepeat: method.options?.idempotencyLevel === 'NO_SIDE_EFFECTS' || method.options?.idempotencyLevel === 'IDEMPOTENT',
  };
}
