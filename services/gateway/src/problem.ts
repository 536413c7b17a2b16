// Errors of the HTTP/JSON edge as RFC 9457 problem details (application/problem+json): the stable
// mesh code, the field at fault and the request id, with the HTTP status of the mesh's error table.
import { ERROR_TABLE, httpStatusOf, type MeshError } from '@ndxp/contracts';
import { PROBLEM_CONTENT_TYPE as PROBLEM_MEDIA_TYPE, problemTypeOf } from '@ndxp/openapi';

/** Content-Type of every error answer of the edge (the media type the OpenAPI document names). */
export const PROBLEM_CONTENT_TYPE = `${PROBLEM_MEDIA_TYPE}; charset=utf-8`;

/** An RFC 9457 problem details object, with the mesh's members. */
export interface Problem {
  type: string;
  /** The code's fixed summary (ERROR_TABLE), the same for every occurrence. */
  title: string;
  status: number;
  /** What happened to this request. */
  detail: string;
  /** The stable mesh code, e.g. client.access_denied. */
  code: string;
  /** The request field (or header) at fault, when one is. */
  field?: string;
  /** The mesh request id, when the request got one. */
  requestId?: string;
  /** On client.rate_limited: milliseconds until a retry can be admitted (the Retry-After header in whole seconds). */
  retryAfterMs?: number;
}

/** The problem of a mesh error. */
export function problemOf(error: MeshError, requestId: string | undefined): Problem {
  return {
    type: problemTypeOf(error.code),
    title: ERROR_TABLE[error.code].message,
    status: httpStatusOf(error.code),
    detail: error.message,
    code: error.code,
    ...(error.field ? { field: error.field } : {}),
    ...(requestId ? { requestId } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
  };
}
