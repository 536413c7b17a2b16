// The gRPC form of a MeshError: its gRPC status, with the stable code (and field) in metadata and the
// standard google.rpc.Status details in grpc-status-details-bin.
import { Metadata, type ServerErrorResponse, type ServiceError } from '@grpc/grpc-js';
import { isErrorCode } from './error-codes';
import { encodeStatusDetails, GRPC_STATUS_DETAILS_METADATA, type StatusDetailsContext } from './grpc-status-details';
import { MeshError } from './mesh-error';

/** Metadata key carrying the stable error code of a failed call. */
export const GRPC_CODE_METADATA = 'ndxp-code';
/** Metadata key naming the invalid request field, when there is one. */
export const GRPC_FIELD_METADATA = 'ndxp-field';

/** The gRPC error a server returns for anything a handler threw (context: the call's request id, a retry delay). */
export function toGrpcError(err: unknown, context: StatusDetailsContext = {}): ServerErrorResponse {
  const e = MeshError.from(err);
  const metadata = new Metadata();
  metadata.set(GRPC_CODE_METADATA, e.code);
  if (e.field) metadata.set(GRPC_FIELD_METADATA, e.field);
  metadata.set(GRPC_STATUS_DETAILS_METADATA, encodeStatusDetails(e, context));
  return Object.assign(new Error(e.message), { code: e.grpcStatus, details: e.message, metadata });
}

/** Reads the MeshError back from a gRPC client error (server.internal when it carries no code). */
export function fromGrpcError(err: ServiceError): MeshError {
  const code = String(err.metadata?.get(GRPC_CODE_METADATA)[0] ?? '');
  const field = String(err.metadata?.get(GRPC_FIELD_METADATA)[0] ?? '');
  return new MeshError(isErrorCode(code) ? code : 'server.internal', err.details || err.message, {
    ...(field ? { field } : {}),
    cause: err,
  });
}
