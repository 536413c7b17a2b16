// @ndxp/openapi: the HTTP/JSON edge's OpenAPI 3.1 document (generated from the protos by pnpm build)
// and its offline documentation page.
export { openApiDocument, DOCUMENT_FILE } from './document';
export { docsPage, type DocsAsset, type DocsPage, type DocsPageOptions } from './docs-page';
export { PROBLEM_TYPE_BASE, PROBLEM_CONTENT_TYPE, PROBLEM_SCHEMA, problemTypeOf } from './problem';
export { TOKEN_PATH, TOKEN_ERROR_CODES, JWT_BEARER_ASSERTION_TYPE } from './token-operation';
export { buildOpenApiDocument, SECURITY_SCHEME, type DocumentSources } from './build-document';
export { loadProtoRegistry } from './proto-registry';
export { type JsonSchema } from './json-schema';
