// The registry's methods seen untyped, for transports that dispatch by name: each entry pairs the
// proto method (name and codecs) with its handler.
import { RegistryDefinition } from '@ndxp/contracts';
import type { RegistryHandlers, RegistryMethod } from './handlers';

interface Codec {
  decode(input: Uint8Array): unknown;
  encode(message: never): { finish(): Uint8Array };
}

/** One method of ndxp.registry.v1.Registry with its handler, erased to unknown at the edge. */
export interface MethodEntry {
  key: RegistryMethod;
  /** Proto method name, e.g. "Snapshot". */
  name: string;
  decode(bytes: Uint8Array): unknown;
  encode(response: unknown): Uint8Array;
  handle(request: unknown): Promise<unknown>;
}

/** Lists every method of the proto service paired with its handler. */
export function methodTable(handlers: RegistryHandlers): MethodEntry[] {
  return (Object.keys(RegistryDefinition.methods) as RegistryMethod[]).map((key) => {
    const method = RegistryDefinition.methods[key];
    const request = method.requestType as Codec;
    const response = method.responseType as Codec;
    const handler = handlers[key] as (request: unknown) => Promise<unknown>;
    return {
      key,
      name: method.name,
      decode: (bytes) => request.decode(bytes),
      encode: (message) => response.encode(message as never).finish(),
      handle: (req) => handler(req),
    };
  });
}
