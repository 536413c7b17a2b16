// The oversight dashboard in a real headless browser (Debian's chromium driven by playwright-core):
// metering serves the page, the page reads the report API, shows the monthly history, the national
// systems, the top consumers and the compliance table of all 85 agencies, and its live counter moves
// (after the sign-in a person goes through: an oversight token pasted on the Vietnamese sign-in page)
// while traffic flows. A screenshot of the page with data is written for people to look at.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { vietnamDay } from '@ndxp/contracts';
import { REPO_ROOT, startMesh, type Mesh } from '@ndxp/testing';

const CHROMIUM = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
const CLI = join(REPO_ROOT, 'tools/ndxp/dist/main.js');
const run = promisify(execFile);
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) console.warn(`dashboard test skipped: ${CHROMIUM} not found (apt-get install chromium; scripts/bootstrap.sh does)`);
const describeWithBrowser = haveBrowser ? describe : describe.skip;

describeWithBrowser('the oversight dashboard', () => {
  let mesh: Mesh;
  let browser: Browser;
  let client: MeshClient;
  let base: string;
  const today = vietnamDay(Date.now());
  const year = today.slice(0, 4);

  beforeAll(async () => {
    mesh = await startMesh({ adapterUpstream: 'memory', systems: ['business-registration'], logToFiles: true });
    const ready = mesh.processes.get('metering')!.logs.find((r) => r['msg'] === 'ready')!;
    base = `http://127.0.0.1:${String(ready['httpPort'])}`;
    // A history for this year, through the same ingest path as live traffic (as ops).
    await run(
      process.execPath,
      [CLI, 'seed-history', '--from', `${year}-01-01`, '--to', today, '--total', '30000', '--seed', 'dash', '--batch', '1000'],
      { env: { ...process.env, NATS_URL: mesh.nats.url, NATS_CREDS: await mesh.opsCredsFile() } },
    );
    client = await createClient({ ...(await mesh.clientOptions('TINH-01-LGSP')), officer: 'can-bo-01', purpose: 'HS-2026-0001' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await client?.close();
    await mesh?.stop();
  });

  it('shows the year, the systems, the consumers and all 85 agencies against the deadline, and counts live traffic', async () => {
    const token = await mesh.accessToken('e2e-giam-sat', ['oversight']);
    const api = (await (
      await fetch(`${base}/api/report?group=month&from=${year}-01-01&to=${today}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      rows: { key: string }[];
      total: { count: number };
    };
    expect(api.total.count).toBeGreaterThanOrEqual(30_000);

    const page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // A person without a session lands on the sign-in page, pastes the token, and is let in.
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.fill('#token', token);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    const session = (await page.context().cookies()).find((c) => c.name === 'ndxp_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // Expressions run in the page (strings: this project compiles without the DOM library).
    await page.waitForFunction(`document.getElementById('status').textContent.startsWith('updated')`, undefined, { timeout: 20_000 });

    expect(await page.title()).toBe('NDXP mesh — oversight');
    expect(await page.textContent('#kpi-total')).toBe(api.total.count.toLocaleString('en-US'));
    expect(await page.locator('#months .bar').count()).toBe(api.rows.length);
    expect(await page.locator('#systems tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await page.textContent('#systems tbody')).toContain('BO-BKHDT-DKDN');
    expect(await page.locator('#consumers tbody tr').count()).toBeGreaterThan(1);
    expect(await page.locator('#compliance tbody tr').count()).toBe(85);
    expect(await page.textContent('#compliance tbody')).toContain('Hà Nội');

    // Live: requests made now show up in today's counter without reloading the page.
    await page.waitForFunction(`/\\d/.test(document.getElementById('live-today').textContent)`, undefined, { timeout: 10_000 });
    const before = Number((await page.textContent('#live-today'))!.replace(/,/g, ''));
    const taxCodes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(40);
    await Promise.all(taxCodes.map((taxCode) => client.businessRegistration.getEnterprise({ taxCode })));
    await page.waitForFunction(`Number(document.getElementById('live-today').textContent.replace(/,/g, '')) >= ${before + 40}`, undefined, {
      timeout: 20_000,
    });

    const file = join(mesh.dataDir, 'dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
    console.log(`dashboard screenshot: ${file}`);
    expect(errors).toEqual([]);
  }, 120_000);
});
