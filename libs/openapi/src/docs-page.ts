// The documentation page: Swagger UI from the swagger-ui-dist package, every asset served by the
// gateway itself (no CDN, no online validator), the page in Vietnamese.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One file of the page: what the gateway answers at its path. */
export interface DocsAsset {
  contentType: string;
  body: Buffer;
}

/** The page and the files it loads, keyed by absolute URL path. */
export interface DocsPage {
  html: string;
  assets: Map<string, DocsAsset>;
}

/** Where the page lives and where it finds the document. */
export interface DocsPageOptions {
  /** URL path of the page; its assets live under it (default /docs). */
  basePath?: string;
  /** URL of the OpenAPI document (default /openapi.json). */
  documentUrl?: string;
}

const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

function initScript(documentUrl: string): string {
  // validatorUrl null: Swagger UI would otherwise send the document to an online validator.
  const options = { url: documentUrl, dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null, tryItOutEnabled: false };
  return [
    "'use strict';",
    'window.addEventListener("load", function () {',
    `  window.ui = SwaggerUIBundle(Object.assign(${JSON.stringify(options)}, {`,
    '    presets: [SwaggerUIBundle.presets.apis],',
    '    layout: "BaseLayout",',
    '  }));',
    '});',
    '',
  ].join('\n');
}

function html(basePath: string): string {
  return `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Tài liệu API HTTP/JSON — Nền tảng tích hợp, chia sẻ dữ liệu quốc gia</title>
    <link rel="icon" type="image/png" href="${basePath}/favicon-32x32.png">
    <link rel="stylesheet" href="${basePath}/swagger-ui.css">
  </head>
  <body>
    <noscript>Trang tài liệu cần JavaScript; tài liệu OpenAPI có tại đường dẫn /openapi.json.</noscript>
    <div id="swagger-ui"></div>
    <script src="${basePath}/swagger-ui-bundle.js"></script>
    <script src="${basePath}/init.js"></script>
  </body>
</html>
`;
}

/** The documentation page and its assets (read from swagger-ui-dist once per call: call it at start-up). */
export function docsPage(options: DocsPageOptions = {}): DocsPage {
  const basePath = (options.basePath ?? '/docs').replace(/\/+$/, '');
  const documentUrl = options.documentUrl ?? '/openapi.json';
  const dist = dirname(require.resolve('swagger-ui-dist/package.json'));
  const assets = new Map<string, DocsAsset>();
  for (const [file, contentType] of Object.entries(SWAGGER_FILES)) {
    assets.set(`${basePath}/${file}`, { contentType, body: readFileSync(join(dist, file)) });
  }
  assets.set(`${basePath}/init.js`, { contentType: 'text/javascript; charset=utf-8', body: Buffer.from(initScript(documentUrl)) });
  return { html: html(basePath), assets };
}
