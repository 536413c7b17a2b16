// The one table of stable error codes and the policy that goes with each: class (client/server),
// gRPC and HTTP status, default message, whether a client asks again, whether routing replays the
// answer. Routing, the LGSP client, the gateway and metering's HTTP API read it from here only.
import { status as GrpcStatus } from '@grpc/grpc-js';

interface ErrorSpec {
  grpc: GrpcStatus;
  /** HTTP status of the code on the mesh's HTTP APIs. */
  http: number;
  message: string;
  /**
   * The mesh may not have served the request: the LGSP client (and any caller) asks again with the
   * same request id while its budget lasts. No other code maps to UNAVAILABLE, the status standard
   * gRPC retry policies retry.
   */
  retryable: boolean;
  /**
   * Routing remembers the answer for replays of the request id (false: a retry is served afresh,
   * and the ledger keeps the transaction's final outcome). Never true for server.* codes.
   */
  replayed: boolean;
}

/** Every stable error code of the mesh. Codes never change meaning once published. */
export const ERROR_TABLE = {
  'client.malformed': { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, retryable: false, replayed: true, message: 'request is malformed' },
  'client.invalid_argument': {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    retryable: false,
    replayed: true,
    message: 'a field of the request is invalid',
  },
  'client.unknown_service': {
    http: 404,
    grpc: GrpcStatus.NOT_FOUND,
    retryable: false,
    replayed: true,
    message: 'no such service or version',
  },
  'client.access_denied': {
    http: 403,
    grpc: GrpcStatus.PERMISSION_DENIED,
    retryable: false,
    replayed: true,
    message: 'consumer holds no grant for this service',
  },
  'client.deadline_exceeded': {
    http: 504,
    grpc: GrpcStatus.DEADLINE_EXCEEDED,
    retryable: false,
    replayed: false,
    message: 'deadline passed before the request was served',
  },
  'client.not_found': { http: 404, grpc: GrpcStatus.NOT_FOUND, retryable: false, replayed: true, message: 'no record matches the request' },
  'client.rate_limited': {
    http: 429,
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    retryable: false,
    replayed: false,
    message: 'rate limit exceeded',
  },
  'client.too_large': { http: 413, grpc: GrpcStatus.RESOURCE_EXHAUSTED, retryable: false, replayed: true, message: 'request is too large' },
  'client.unauthenticated': {
    http: 401,
    grpc: GrpcStatus.UNAUTHENTICATED,
    retryable: false,
    replayed: true,
    message: 'no valid credential was presented',
  },
  'client.permission_denied': {
    http: 403,
    grpc: GrpcStatus.PERMISSION_DENIED,
    retryable: false,
    replayed: true,
    message: 'the caller is authenticated but its roles do not allow this call',
  },
  'client.request_id_reused': {
    http: 409,
    grpc: GrpcStatus.ALREADY_EXISTS,
    retryable: false,
    replayed: true,
    message: 'request id already used for a different request',
  },
  'server.no_adapter': {
    http: 503,
    grpc: GrpcStatus.UNAVAILABLE,
    retryable: true,
    replayed: false,
    message: 'no adapter is serving this service',
  },
  'server.timeout': {
    http: 504,
    grpc: GrpcStatus.DEADLINE_EXCEEDED,
    retryable: true,
    replayed: false,
    message: 'the national system did not answer in time',
  },
  // Final: UNKNOWN, not UNAVAILABLE, which standard gRPC retry policies retry.
  'server.upstream_failure': {
    http: 502,
    grpc: GrpcStatus.UNKNOWN,
    retryable: false,
    replayed: false,
    message: 'the national system failed',
  },
  'server.metering_unavailable': {
    http: 503,
    grpc: GrpcStatus.UNAVAILABLE,
    retryable: true,
    replayed: false,
    message: 'the transaction could not be metered',
  },
  'server.unavailable': {
    http: 503,
    grpc: GrpcStatus.UNAVAILABLE,
    retryable: true,
    replayed: false,
    message: 'the service is unavailable',
  },
  'server.internal': { http: 500, grpc: GrpcStatus.INTERNAL, retryable: false, replayed: false, message: 'internal error' },
} as const satisfies Record<string, ErrorSpec>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_TABLE;

/** All codes, for documentation and tests. */
export const ERROR_CODES = Object.keys(ERROR_TABLE) as ErrorCode[];

/** True when s is a known error code. */
export function isErrorCode(s: string): s is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_TABLE, s);
}

/** gRPC status for a code. */
export function grpcStatusOf(code: ErrorCode): GrpcStatus {
  return ERROR_TABLE[code].grpc;
}

/** HTTP status for a code. */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_TABLE[code].http;
}

/** Whether a caller should ask again with the same request id (the mesh may not have served it). */
export function isRetryable(code: string): boolean {
  return isErrorCode(code) && ERROR_TABLE[code].retryable;
}

/**
 * Whether routing replays an answer with this status to a request id seen again: ok and the
 * replayed codes; a status that is no known code only when it is not server.*.
 */
export function isReplayed(status: string): boolean {
  if (isErrorCode(status)) return ERROR_TABLE[status].replayed;
  return !status.startsWith('server.');
}

/** True for client.* codes (the consumer's fault), false for server.* codes. */
export function isClientError(code: ErrorCode): boolean {
  return code.startsWith('client.');
}
