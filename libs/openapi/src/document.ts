// The generated document on disk: written by `pnpm build` (generate-main), read by the gateway.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the build writes the document: libs/openapi/dist/openapi.json (from src or dist alike). */
export const DOCUMENT_FILE = join(__dirname, '..', 'dist', 'openapi.json');

/** The OpenAPI 3.1 document of the HTTP/JSON edge, as generated at build time (a fresh copy per call). */
export function openApiDocument(): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(DOCUMENT_FILE, 'utf8');
  } catch (cause) {
    throw new Error(`${DOCUMENT_FILE} is missing: run pnpm build`, { cause });
  }
  return JSON.parse(text) as Record<string, unknown>;
}
