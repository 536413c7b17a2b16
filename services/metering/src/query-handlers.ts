// The metering query API as one table of methods, served alike over NATS and gRPC.
import {
  GetTransactionRequest,
  GetTransactionResponse,
  LedgerStatsRequest,
  LedgerStatsResponse,
  MeshError,
  UsageQuery,
  UsageReport,
  type MeteringServer,
} from '@ndxp/contracts';
import type { LedgerStore } from '@ndxp/store';
import { validateUsageQuery } from './usage-query';

/** One query method: its NATS name, its gRPC key, its codecs and its handler. */
export interface QueryMethod {
  /** Method name as in the proto; the NATS subject is subjects.metering(name). */
  name: string;
  /** Key of the method in the generated MeteringService definition. */
  grpcKey: keyof MeteringServer & string;
  decode(data: Uint8Array): unknown;
  encode(response: unknown): Uint8Array;
  handle(request: unknown): Promise<unknown>;
}

interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

function method<Req, Res>(
  name: string,
  grpcKey: QueryMethod['grpcKey'],
  request: Codec<Req>,
  response: Codec<Res>,
  handle: (req: Req) => Promise<Res>,
): QueryMethod {
  return {
    name,
    grpcKey,
    decode: (data) => request.decode(data),
    encode: (res) => response.encode(res as Res).finish(),
    handle: (req) => handle(req as Req),
  };
}

/** The three query methods over a ledger store. */
export function meteringQueries(store: LedgerStore): QueryMethod[] {
  return [
    method('GetUsage', 'getUsage', UsageQuery, UsageReport, async (q) => store.usage(validateUsageQuery(q))),
    method('GetTransaction', 'getTransaction', GetTransactionRequest, GetTransactionResponse, async (req) => {
      const requestId = req.requestId.trim();
      if (!requestId) throw new MeshError('client.invalid_argument', 'request_id is required', { field: 'request_id' });
      const event = await store.getTransaction(requestId);
      return GetTransactionResponse.fromPartial({ found: event !== undefined, event });
    }),
    method('LedgerStats', 'ledgerStats', LedgerStatsRequest, LedgerStatsResponse, async () => {
      const s = await store.stats();
      return LedgerStatsResponse.fromPartial({ entries: s.entries, duplicatesIgnored: s.duplicatesIgnored });
    }),
  ];
}
