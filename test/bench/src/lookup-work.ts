// The adapter work shared by the ceiling and peer systems: decode the proto request, look the
// enterprise up, encode the proto answer. The mesh's real adapter does the same through its SDK.
import { Enterprise, GetEnterpriseRequest } from '@ndxp/contracts';
import type { EnterpriseLookup } from './enterprise-lookup';

/** Answer of one lookup: the encoded Enterprise, or undefined when no record matches. */
export function answerLookup(lookup: EnterpriseLookup, requestBytes: Uint8Array): Uint8Array | undefined {
  const request = GetEnterpriseRequest.decode(requestBytes);
  const enterprise = lookup.get(request.taxCode);
  return enterprise ? Enterprise.encode(enterprise).finish() : undefined;
}
