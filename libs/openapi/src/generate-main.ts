// `node dist/generate-main.js` (run by pnpm build): builds the protos and writes dist/openapi.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NATIONAL_SERVICES } from '@ndxp/contracts';
import { buildOpenApiDocument } from './build-document';
import { DOCUMENT_FILE } from './document';
import { REPO_ROOT, loadProtoRegistry } from './proto-registry';

function main(): void {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const document = buildOpenApiDocument({ registry: loadProtoRegistry(), services: NATIONAL_SERVICES, version });
  mkdirSync(dirname(DOCUMENT_FILE), { recursive: true });
  writeFileSync(DOCUMENT_FILE, `${JSON.stringify(document, null, 2)}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`openapi: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
