// RFC 9457 problem details as the HTTP/JSON edge answers errors, and the responses each operation
// lists, one per HTTP status of the mesh's error table.
import { ERROR_CODES, ERROR_TABLE, Header, type ErrorCode } from '@ndxp/contracts';
import type { JsonSchema } from './json-schema';

/** Base of a problem's `type` URI: the mesh code follows it (".../errors/client.access_denied"). */
export const PROBLEM_TYPE_BASE = 'https://ndxp.gov.vn/errors/';

/** Media type of an error answer (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The problem `type` URI of a mesh code. */
export function problemTypeOf(code: ErrorCode): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}

/** The schema of an error answer's body. */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'An error answer (RFC 9457 problem details) carrying the stable mesh code.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', description: `${PROBLEM_TYPE_BASE} followed by the mesh code.` },
    title: { type: 'string', description: "The code's fixed summary (the same for every occurrence)." },
    status: { type: 'integer', description: 'The HTTP status of the answer, from the mesh error table.' },
    detail: { type: 'string', description: 'What went wrong with this request.' },
    code: { type: 'string', enum: [...ERROR_CODES], description: 'The stable mesh error code; it never changes meaning.' },
    field: { type: 'string', description: 'The request field at fault, when one is, by its proto name (e.g. `item_number`).' },
    requestId: { type: 'string', description: `The request's id, as in the ${Header.RequestId} answer header.` },
    retryAfterMs: {
      type: 'integer',
      minimum: 0,
      description:
        'On `client.rate_limited`: milliseconds until a retry can be admitted (the `Retry-After` header rounds it up to seconds).',
    },
  },
};

/** The HTTP statuses of the error table, ascending. */
export function errorStatuses(): number[] {
  return [...new Set(Object.values(ERROR_TABLE).map((spec) => spec.http))].sort((a, b) => a - b);
}

/** The response component name of an error status. */
export function problemResponseName(status: number): string {
  return `Problem${status}`;
}

/** One response component per error status, naming the codes that answer with it. */
export function problemResponses(requestIdHeader: JsonSchema): Record<string, JsonSchema> {
  const responses: Record<string, JsonSchema> = {};
  for (const status of errorStatuses()) {
    const codes = ERROR_CODES.filter((code) => ERROR_TABLE[code].http === status);
    const lines = codes.map((code) => `- \`${code}\`: ${ERROR_TABLE[code].message}`);
    responses[problemResponseName(status)] = {
      description: `Mesh error codes answered with HTTP ${status}:\n\n${lines.join('\n')}`,
      headers: {
        [Header.RequestId]: requestIdHeader,
        ...(status === 401 ? { 'WWW-Authenticate': { description: 'The Bearer challenge (RFC 6750).', schema: { type: 'string' } } } : {}),
        ...(status === 429
          ? {
              'Retry-After': {
                description: 'Seconds until a retry can be admitted (RFC 9110), when known.',
                schema: { type: 'integer', minimum: 1 },
              },
            }
          : {}),
      },
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: { $ref: '#/components/schemas/Problem' },
          example: {
            type: problemTypeOf(codes[0] as ErrorCode),
            title: ERROR_TABLE[codes[0] as ErrorCode].message,
            status,
            code: codes[0],
            requestId: '3f1c2a8e-5b7d-4e21-9a0c-6d2f8b1e4c77',
          },
        },
      },
    };
  }
  return responses;
}
