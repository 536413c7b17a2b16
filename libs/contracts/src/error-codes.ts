// The one table of stable error codes: class (client/server), gRPC status and default message.
import { status as GrpcStatus } from '@grpc/grpc-js';

interface ErrorSpec {
  grpc: GrpcStatus;
  message: string;
}

/** Every stable error code of the mesh. Codes never change meaning once published. */
export const ERROR_TABLE = {
  'client.malformed': { grpc: GrpcStatus.INVALID_ARGUMENT, message: 'request is malformed' },
  'client.invalid_argument': { grpc: GrpcStatus.INVALID_ARGUMENT, message: 'a field of the request is invalid' },
  'client.unknown_service': { grpc: GrpcStatus.NOT_FOUND, message: 'no such service or version' },
  'client.access_denied': { grpc: GrpcStatus.PERMISSION_DENIED, message: 'consumer holds no grant for this service' },
  'client.deadline_exceeded': { grpc: GrpcStatus.DEADLINE_EXCEEDED, message: 'deadline passed before the request was served' },
  'client.not_found': { grpc: GrpcStatus.NOT_FOUND, message: 'no record matches the request' },
  'client.rate_limited': { grpc: GrpcStatus.RESOURCE_EXHAUSTED, message: 'rate limit exceeded' },
  'client.too_large': { grpc: GrpcStatus.RESOURCE_EXHAUSTED, message: 'request is too large' },
  'client.unauthenticated': { grpc: GrpcStatus.UNAUTHENTICATED, message: 'no valid credential was presented' },
  'client.request_id_reused': { grpc: GrpcStatus.ALREADY_EXISTS, message: 'request id already used for a different request' },
  'server.no_adapter': { grpc: GrpcStatus.UNAVAILABLE, message: 'no adapter is serving this service' },
  'server.timeout': { grpc: GrpcStatus.DEADLINE_EXCEEDED, message: 'the national system did not answer in time' },
  'server.upstream_failure': { grpc: GrpcStatus.UNAVAILABLE, message: 'the national system failed' },
  'server.metering_unavailable': { grpc: GrpcStatus.UNAVAILABLE, message: 'the transaction could not be metered' },
  'server.unavailable': { grpc: GrpcStatus.UNAVAILABLE, message: 'the service is unavailable' },
  'server.internal': { grpc: GrpcStatus.INTERNAL, message: 'internal error' },
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

/** True for client.* codes (the consumer's fault), false for server.* codes. */
export function isClientError(code: ErrorCode): boolean {
  return code.startsWith('client.');
}
