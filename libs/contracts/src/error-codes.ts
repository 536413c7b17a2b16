// The one table of stable error codes: class (client/server), gRPC status and default message.
import { status as GrpcStatus } from '@grpc/grpc-js';

interface ErrorSpec {
  grpc: GrpcStatus;
  /** HTTP status of the code on the mesh's HTTP APIs. */
  http: number;
  message: string;
}

/** Every stable error code of the mesh. Codes never change meaning once published. */
export const ERROR_TABLE = {
  'client.malformed': { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: 'request is malformed' },
  'client.invalid_argument': { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: 'a field of the request is invalid' },
  'client.unknown_service': { http: 404, grpc: GrpcStatus.NOT_FOUND, message: 'no such service or version' },
  'client.access_denied': { http: 403, grpc: GrpcStatus.PERMISSION_DENIED, message: 'consumer holds no grant for this service' },
  'client.deadline_exceeded': { http: 504, grpc: GrpcStatus.DEADLINE_EXCEEDED, message: 'deadline passed before the request was served' },
  'client.not_found': { http: 404, grpc: GrpcStatus.NOT_FOUND, message: 'no record matches the request' },
  'client.rate_limited': { http: 429, grpc: GrpcStatus.RESOURCE_EXHAUSTED, message: 'rate limit exceeded' },
  'client.too_large': { http: 413, grpc: GrpcStatus.RESOURCE_EXHAUSTED, message: 'request is too large' },
  'client.unauthenticated': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, message: 'no valid credential was presented' },
  'client.permission_denied': {
    http: 403,
    grpc: GrpcStatus.PERMISSION_DENIED,
    message: 'the caller is authenticated but its roles do not allow this call',
  },
  'client.request_id_reused': { http: 409, grpc: GrpcStatus.ALREADY_EXISTS, message: 'request id already used for a different request' },
  'server.no_adapter': { http: 503, grpc: GrpcStatus.UNAVAILABLE, message: 'no adapter is serving this service' },
  'server.timeout': { http: 504, grpc: GrpcStatus.DEADLINE_EXCEEDED, message: 'the national system did not answer in time' },
  'server.upstream_failure': { http: 502, grpc: GrpcStatus.UNAVAILABLE, message: 'the national system failed' },
  'server.metering_unavailable': { http: 503, grpc: GrpcStatus.UNAVAILABLE, message: 'the transaction could not be metered' },
  'server.unavailable': { http: 503, grpc: GrpcStatus.UNAVAILABLE, message: 'the service is unavailable' },
  'server.internal': { http: 500, grpc: GrpcStatus.INTERNAL, message: 'internal error' },
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

/** True for client.* codes (the consumer's fault), false for server.* codes. */
export function isClientError(code: ErrorCode): boolean {
  return code.startsWith('client.');
}
