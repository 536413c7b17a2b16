// A proto service's methods seen untyped, for transports that dispatch by name: each entry pairs
// the method (name and codecs, from ts-proto's generic definition) with its handler.
import type { Caller } from '../access/roles';

interface Codec {
  decode(input: Uint8Array): unknown;
  encode(message: never): { finish(): Uint8Array };
}

/** ts-proto's generic service definition, as far as the table needs it. */
export interface GenericDefinition {
  methods: Record<string, { name: string; requestType: unknown; responseType: unknown }>;
}

/** What a handler knows of its call: the authenticated caller (undefined on a public method) and its address. */
export interface CallContext {
  caller: Caller | undefined;
  peer: string;
}

/** One method with its handler, erased to unknown at the edge. */
export interface MethodEntry {
  /** Key in the definition and in the grpc-js implementation, e.g. "getUsage". */
  key: string;
  /** Proto method name, e.g. "GetUsage". */
  name: string;
  decode(bytes: Uint8Array): unknown;
  encode(response: unknown): Uint8Array;
  handle(request: unknown, context: CallContext): Promise<unknown>;
}

/** Handlers keyed like the definition's methods. */
export type Handlers<D extends GenericDefinition> = {
  [K in keyof D['methods']]: (request: never, context: CallContext) => Promise<unknown>;
};

/** Lists every method of the definition paired with its handler. */
export function methodTable<D extends GenericDefinition>(definition: D, handlers: Handlers<D>): MethodEntry[] {
  return Object.keys(definition.methods).map((key) => {
    const method = definition.methods[key]!;
    const request = method.requestType as Codec;
    const response = method.responseType as Codec;
    const handler = handlers[key] as (request: unknown, context: CallContext) => Promise<unknown>;
    return {
      key,
      name: method.name,
      decode: (bytes) => request.decode(bytes),
      encode: (message) => response.encode(message as never).finish(),
      handle: (req, context) => handler(req, context),
    };
  });
}
