// The standard gRPC error details (google.rpc.Status in the grpc-status-details-bin trailer): the
// mesh code as ErrorInfo.reason, the invalid field as a BadRequest violation, RetryInfo on a rate limit.
import type { Any } from './gen/google/protobuf/any';
import { BadRequest, ErrorInfo, RetryInfo } from './gen/google/rpc/error_details';
import { Status } from './gen/google/rpc/status';
import type { MeshError } from './mesh-error';

/** Trailer key of the serialized google.rpc.Status (the name every gRPC library reads). */
export const GRPC_STATUS_DETAILS_METADATA = 'grpc-status-details-bin';
/** ErrorInfo.domain of every mesh error. */
export const ERROR_INFO_DOMAIN = 'ndxp.gov.vn';

const TYPE_PREFIX = 'type.googleapis.com/';
const TYPE_ERROR_INFO = `${TYPE_PREFIX}google.rpc.ErrorInfo`;
const TYPE_BAD_REQUEST = `${TYPE_PREFIX}google.rpc.BadRequest`;
const TYPE_RETRY_INFO = `${TYPE_PREFIX}google.rpc.RetryInfo`;

/** What an error's status details may add beyond the MeshError itself. */
export interface StatusDetailsContext {
  /** The request id of the call (ErrorInfo.metadata.request_id). */
  requestId?: string;
  /** How long the caller should wait before retrying (RetryInfo, client.rate_limited only), ms; the error's own retryAfterMs otherwise. */
  retryAfterMs?: number;
}

/** The details decoded from a grpc-status-details-bin value. */
export interface StatusDetails {
  code: number;
  message: string;
  errorInfo: ErrorInfo | undefined;
  badRequest: BadRequest | undefined;
  retryInfo: RetryInfo | undefined;
  /** type_url of every detail, in order. */
  typeUrls: string[];
}

/** The serialized google.rpc.Status of a MeshError. */
export function encodeStatusDetails(e: MeshError, context: StatusDetailsContext = {}): Buffer {
  const metadata: Record<string, string> = {};
  if (context.requestId) metadata['request_id'] = context.requestId;
  if (e.field) metadata['field'] = e.field;
  const details: Any[] = [
    { typeUrl: TYPE_ERROR_INFO, value: Buffer.from(ErrorInfo.encode({ reason: e.code, domain: ERROR_INFO_DOMAIN, metadata }).finish()) },
  ];
  if (e.field) {
    const violation = { field: e.field, description: e.message, reason: '', localizedMessage: undefined };
    details.push({ typeUrl: TYPE_BAD_REQUEST, value: Buffer.from(BadRequest.encode({ fieldViolations: [violation] }).finish()) });
  }
  const wait = context.retryAfterMs ?? e.retryAfterMs;
  if (e.code === 'client.rate_limited' && wait !== undefined && wait >= 0) {
    const ms = Math.ceil(wait);
    const retryDelay = { seconds: Math.floor(ms / 1_000), nanos: (ms % 1_000) * 1_000_000 };
    details.push({ typeUrl: TYPE_RETRY_INFO, value: Buffer.from(RetryInfo.encode({ retryDelay }).finish()) });
  }
  return Buffer.from(Status.encode({ code: e.grpcStatus, message: e.message, details }).finish());
}

/** Reads a grpc-status-details-bin value back (for clients and tests). */
export function decodeStatusDetails(bytes: Uint8Array): StatusDetails {
  const status = Status.decode(bytes);
  const find = (typeUrl: string): Uint8Array | undefined => status.details.find((d) => d.typeUrl === typeUrl)?.value;
  const errorInfo = find(TYPE_ERROR_INFO);
  const badRequest = find(TYPE_BAD_REQUEST);
  const retryInfo = find(TYPE_RETRY_INFO);
  return {
    code: status.code,
    message: status.message,
    errorInfo: errorInfo && ErrorInfo.decode(errorInfo),
    badRequest: badRequest && BadRequest.decode(badRequest),
    retryInfo: retryInfo && RetryInfo.decode(retryInfo),
    typeUrls: status.details.map((d) => d.typeUrl),
  };
}
