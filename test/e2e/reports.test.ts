// Reports end to end on the running mesh processes: `ndxp seed-history` writes a small history
// through JetStream into metering's ledger, then `ndxp report`, `ndxp audit verify` and the HTTP
// report API read it back. Build first (pnpm build): this runs the compiled dist of every service.
import { startMesh, type Mesh } from '@ndxp/testing';
import { opsCli, type CliRun } from './ops-cli';

const TOTAL = 20_000;

describe('reports on a seeded history', () => {
  let mesh: Mesh;
  beforeAll(async () => {
    // With broker authorization on: the CLI runs as ops, which may publish seed batches only on
    // ndxp.meter._seed.> (never as a routing instance).
    mesh = await startMesh({
      adapterUpstream: 'memory',
      systems: ['business-registration'],
      env: { METERING_HTTP_ADDR: '127.0.0.1:0' },
    });
  }, 120_000);
  afterAll(async () => {
    await mesh?.stop();
  });
  const cli = (args: string[]): Promise<CliRun> => opsCli(mesh, args);

  it('seed-history ledgers the whole total through the meter stream, with progress', async () => {
    const r = await cli([
      'seed-history',
      '--from',
      '2021-09-01',
      '--to',
      '2021-10-31',
      '--total',
      String(TOTAL),
      '--seed',
      'e2e',
      '--batch',
      '500',
    ]);
    expect(r.stderr).toMatch(/seed-history e2e: published 20,000\/20,000, ledgered/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/20,000 events ledgered in/);
  }, 120_000);

  it('report monthly gives the source shape: October more than three times September, totals adding up', async () => {
    const json = await cli(['report', 'monthly', '--from', '2021-09-01', '--to', '2021-10-31', '--format', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      rows: { key: string; count: number; growth: number }[];
      total: { count: number; successRate: number };
    };
    const [sep, oct] = report.rows;
    expect([sep!.key, oct!.key]).toEqual(['2021-09', '2021-10']);
    expect(sep!.count + oct!.count).toBe(TOTAL);
    expect(oct!.count).toBeGreaterThan(3 * sep!.count);
    expect(oct!.growth).toBeGreaterThan(2);
    expect(report.total.successRate).toBeGreaterThan(0.95);
    const table = await cli(['report', 'monthly', '--from', '2021-09-01', '--to', '2021-10-31']);
    expect(table.stdout).toMatch(/^2021-10\s+[\d,]+\s+\+\d+\.\d%/m);
    expect(table.stdout).toMatch(/^total 2021-09-01 \.\. 2021-10-31\s+20,000/m);
  }, 60_000);

  it('audit verify walks the chain of every seeded record and says OK', async () => {
    const r = await cli(['audit', 'verify']);
    expect(r.stdout).toMatch(new RegExp(`^OK ${TOTAL} records checked; tail seq ${TOTAL} hash [0-9a-f]{64}`));
    expect(r.code).toBe(0);
  }, 60_000);

  it('compliance covers the 22 ministries and 63 provinces; connected lists the 85 LGSPs', async () => {
    const c = JSON.parse((await cli(['report', 'compliance', '--date', '2021-12-01', '--format', 'json'])).stdout) as {
      agencies: number;
      rows: { memberClass: string }[];
    };
    expect(c.agencies).toBe(85);
    expect(c.rows.filter((r) => r.memberClass === 'BO')).toHaveLength(22);
    const k = JSON.parse((await cli(['report', 'connected', '--from', '2021-09-01', '--to', '2021-10-31', '--format', 'json'])).stdout) as {
      connectedConsumers: string[];
      activeConsumers: string[];
    };
    expect(k.connectedConsumers.filter((t) => /^(BO|TINH)-.*-LGSP$/.test(t)).length).toBe(85);
    expect(k.activeConsumers.length).toBeGreaterThan(40);
  }, 60_000);

  it('serves the same report over HTTP as CSV', async () => {
    const ready = mesh.processes.get('metering')!.logs.find((l) => l['msg'] === 'ready')!;
    const port = Number(ready['httpPort']);
    expect(port).toBeGreaterThan(0);
    const url = `http://127.0.0.1:${port}/api/report?from=2021-09-01&to=2021-10-31&group=month&format=csv`;
    expect((await fetch(url)).status).toBe(401);
    const token = await mesh.accessToken('e2e-giam-sat', ['oversight']);
    const csv = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^key,count,ok,/);
    expect(lines.map((l) => l.split(',')[0])).toEqual(['key', '2021-09', '2021-10', 'total']);
    expect(lines[3]).toMatch(/^total,20000,/);
  }, 30_000);
});
