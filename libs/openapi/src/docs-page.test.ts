// The documentation page works offline: it loads only the assets it hands the gateway.
import { docsPage } from './index';

/** Every src= and href= of the page. */
function references(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1] as string);
}

describe('docsPage', () => {
  it('is a Vietnamese page whose scripts, styles and icon are all among its own assets', () => {
    const page = docsPage();
    expect(page.html).toContain('<html lang="vi">');
    const refs = references(page.html);
    expect(refs).toEqual(expect.arrayContaining(['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css', '/docs/init.js']));
    expect(refs.filter((r) => /^(https?:)?\/\//.test(r))).toEqual([]);
    expect(refs.filter((r) => !page.assets.has(r))).toEqual([]);
    expect(page.html).not.toMatch(/https?:\/\//);
  });

  it('hands over Swagger UI itself and a start script that reads the local document with no online validator', () => {
    const page = docsPage({ basePath: '/api-docs/', documentUrl: '/v1/openapi.json' });
    const bundle = page.assets.get('/api-docs/swagger-ui-bundle.js');
    expect(bundle?.contentType).toMatch(/^text\/javascript/);
    expect(bundle?.body.toString('utf8', 0, 200_000)).toContain('SwaggerUIBundle');
    expect(page.assets.get('/api-docs/swagger-ui.css')?.contentType).toMatch(/^text\/css/);
    const init = page.assets.get('/api-docs/init.js')?.body.toString('utf8') ?? '';
    expect(init).toContain('"url":"/v1/openapi.json"');
    expect(init).toContain('"validatorUrl":null');
    expect(init).not.toMatch(/https?:\/\//);
  });
});
