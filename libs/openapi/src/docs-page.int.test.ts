// The documentation page in a real headless browser (Debian's chromium driven by playwright-core),
// served the way the gateway serves it: it renders every operation of the document and asks nothing
// of any host but its own.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { docsPage, openApiDocument } from './index';

const CHROMIUM = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) console.warn(`docs page test skipped: ${CHROMIUM} not found (apt-get install chromium)`);
const describeWithBrowser = haveBrowser ? describe : describe.skip;

describeWithBrowser('the documentation page in a browser', () => {
  let server: Server;
  let browser: Browser;
  let origin: string;
  const document = openApiDocument() as { paths: Record<string, unknown> };

  beforeAll(async () => {
    const page = docsPage();
    const body = JSON.stringify(document);
    server = createServer((req, res) => {
      const asset = page.assets.get(req.url ?? '');
      if (req.url === '/docs') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page.html);
      else if (req.url === '/openapi.json') res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      else if (asset !== undefined) res.writeHead(200, { 'content-type': asset.contentType }).end(asset.body);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('shows the Vietnamese title and one block per operation, loading only from its own origin', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.opblock').count()).toBe(Object.keys(document.paths).length);
    expect(await page.locator('.information-container').innerText({ timeout: 5_000 })).toContain(
      'Nền tảng tích hợp, chia sẻ dữ liệu quốc gia',
    );
    expect(await page.locator('.opblock-summary-path').allInnerTexts()).toEqual(
      expect.arrayContaining(['/BO-BKHDT-DKDN/v1/GetEnterprise', '/apiCSDLDKDN/1.0/chiTietDoanhNghiep', '/token']),
    );
    expect(requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
