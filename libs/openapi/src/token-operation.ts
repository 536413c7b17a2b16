// The OAuth2 token endpoint (RFC 6749 section 4.4, client credentials) as the document describes it:
// a client secret or a private_key_jwt assertion (RFC 7523), answers and RFC 6749 5.2 errors.
import type { JsonSchema } from './json-schema';

/** The token endpoint's path, relative to the server (the security scheme's tokenUrl). */
export const TOKEN_PATH = '/token';

/** The error codes of a token answer (RFC 6749 section 5.2). */
export const TOKEN_ERROR_CODES = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
] as const;

/** client_assertion_type of private_key_jwt (RFC 7523 section 2.2). */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The schemas the token operation refers to. */
export const TOKEN_SCHEMAS: Record<string, JsonSchema> = {
  TokenRequest: {
    type: 'object',
    description:
      'A client-credentials grant. The client authenticates with its secret (client_id and client_secret) or ' +
      'with a JWT signed by its registered key (private_key_jwt: client_assertion_type and client_assertion).',
    required: ['grant_type'],
    properties: {
      grant_type: { type: 'string', enum: ['client_credentials'] },
      client_id: { type: 'string', description: "The LGSP application's client id." },
      client_secret: { type: 'string', description: 'The client secret issued with the client id.' },
      client_assertion_type: { type: 'string', enum: [JWT_BEARER_ASSERTION_TYPE] },
      client_assertion: {
        type: 'string',
        description: 'A JWT signed with the client key: iss and sub the client id, aud the token URL, exp, jti.',
      },
      scope: { type: 'string', description: 'Space-separated scopes; none are defined yet.' },
    },
    anyOf: [{ required: ['client_id', 'client_secret'] }, { required: ['client_assertion_type', 'client_assertion'] }],
  },
  TokenResponse: {
    type: 'object',
    required: ['access_token', 'token_type', 'expires_in'],
    properties: {
      access_token: { type: 'string', description: 'A signed, short-lived token for the Authorization: Bearer header.' },
      token_type: { type: 'string', enum: ['Bearer'] },
      expires_in: { type: 'integer', minimum: 1, description: 'Seconds until the token expires.' },
    },
  },
  TokenError: {
    type: 'object',
    description: 'A token error (RFC 6749 section 5.2).',
    required: ['error'],
    properties: {
      error: { type: 'string', enum: [...TOKEN_ERROR_CODES] },
      error_description: { type: 'string' },
    },
  },
};

function tokenError(description: string): JsonSchema {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/TokenError' } } } };
}

/** The path item of the token endpoint. */
export function tokenPathItem(): JsonSchema {
  return {
    post: {
      operationId: 'token',
      tags: ['OAuth2'],
      summary: 'Cấp access token (OAuth2 client credentials) / Issue an access token',
      description:
        'OAuth2 client credentials grant (RFC 6749 section 4.4). The client authenticates in the form body with ' +
        'its secret, or with private_key_jwt (RFC 7523). The token goes into `Authorization: Bearer` on every ' +
        'national service call until it expires.',
      security: [],
      requestBody: {
        required: true,
        content: { 'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/TokenRequest' } } },
      },
      responses: {
        '200': {
          description: 'The access token.',
          headers: { 'Cache-Control': { description: 'no-store (RFC 6749 section 5.1).', schema: { type: 'string' } } },
          content: { 'application/json': { schema: { $ref: '#/components/schemas/TokenResponse' } } },
        },
        '400': tokenError('invalid_request, invalid_grant, unauthorized_client, unsupported_grant_type or invalid_scope.'),
        '401': tokenError('invalid_client: the client is unknown, its secret or assertion is wrong, or it was revoked.'),
      },
    },
  };
}
