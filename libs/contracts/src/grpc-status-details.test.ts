import { status } from '@grpc/grpc-js';
import { toGrpcError } from './grpc-error';
import { decodeStatusDetails, ERROR_INFO_DOMAIN, GRPC_STATUS_DETAILS_METADATA } from './grpc-status-details';
import { MeshError } from './mesh-error';

const detailsOf = (err: unknown, context = {}) => {
  const bin = toGrpcError(err, context).metadata?.get(GRPC_STATUS_DETAILS_METADATA)[0];
  if (!Buffer.isBuffer(bin)) throw new Error('no grpc-status-details-bin');
  return decodeStatusDetails(bin);
};

describe('grpc-status-details-bin', () => {
  it('carries the status, and ErrorInfo with the mesh code, the domain and the request id', () => {
    const d = detailsOf(new MeshError('client.access_denied', 'no grant'), { requestId: 'r-1' });
    expect(d).toMatchObject({ code: status.PERMISSION_DENIED, message: 'no grant', badRequest: undefined, retryInfo: undefined });
    expect(d.errorInfo).toEqual({ reason: 'client.access_denied', domain: ERROR_INFO_DOMAIN, metadata: { request_id: 'r-1' } });
  });

  it('adds a BadRequest field violation when the error names a field', () => {
    const d = detailsOf(new MeshError('client.invalid_argument', 'taxCode must have 10 digits', { field: 'tax_code' }));
    expect(d.typeUrls).toEqual(['type.googleapis.com/google.rpc.ErrorInfo', 'type.googleapis.com/google.rpc.BadRequest']);
    expect(d.errorInfo?.metadata).toEqual({ field: 'tax_code' });
    expect(d.badRequest?.fieldViolations).toEqual([
      { field: 'tax_code', description: 'taxCode must have 10 digits', reason: '', localizedMessage: undefined },
    ]);
  });

  it('adds RetryInfo to a rate limit when a retry delay is known, and only then', () => {
    expect(detailsOf(new MeshError('client.rate_limited'), { retryAfterMs: 1_500 }).retryInfo).toEqual({
      retryDelay: { seconds: 1, nanos: 500_000_000 },
    });
    expect(detailsOf(new MeshError('client.rate_limited')).retryInfo).toBeUndefined();
    expect(detailsOf(new MeshError('client.rate_limited', 'slow', { retryAfterMs: 40 })).retryInfo).toEqual({
      retryDelay: { seconds: 0, nanos: 40_000_000 },
    });
    expect(detailsOf(new MeshError('client.access_denied'), { retryAfterMs: 1_500 }).retryInfo).toBeUndefined();
  });

  it('gives anything else thrown server.internal', () => {
    expect(detailsOf(new Error('boom'))).toMatchObject({ code: status.INTERNAL, errorInfo: { reason: 'server.internal' } });
  });
});
