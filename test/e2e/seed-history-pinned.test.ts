// `ndxp seed-history --month` on the running mesh: the source's Jan-Oct 2021 with October pinned,
// written through JetStream into metering's ledger, then `ndxp report monthly` reads back the pinned
// month and the total exactly, with October's growth over September. Build first (pnpm build).
// Scaled down by default (1/1000 of the source); SEED_PINNED_TOTAL and SEED_PINNED_OCTOBER run it at
// another scale, e.g. 64023858 and 18530176 for the source's own figures.
import { startMesh, type Mesh } from '@ndxp/testing';
import { opsCli, type CliRun } from './ops-cli';

const TOTAL = Number(process.env['SEED_PINNED_TOTAL'] ?? 64_024);
const OCTOBER = Number(process.env['SEED_PINNED_OCTOBER'] ?? 18_530);
const SEED_TIMEOUT_MS = Math.max(120_000, TOTAL / 5);
const REPORT_TIMEOUT_MS = Math.max(60_000, TOTAL / 500);
const int = (n: number): string => n.toLocaleString('en-US');

describe('seed-history with a pinned month', () => {
  let mesh: Mesh;
  beforeAll(async () => {
    mesh = await startMesh({ adapterUpstream: 'memory', systems: ['business-registration'] });
  }, 120_000);
  afterAll(async () => {
    await mesh?.stop();
  });
  const cli = (args: string[]): Promise<CliRun> => opsCli(mesh, args, { maxBuffer: 64 * 1024 * 1024 });

  it(
    'ledgers exactly --total, and says which month it pinned',
    async () => {
      const r = await cli([
        'seed-history',
        '--from',
        '2021-01-01',
        '--to',
        '2021-10-31',
        '--total',
        String(TOTAL),
        '--month',
        `2021-10=${OCTOBER}`,
        '--seed',
        'pin',
      ]);
      process.stderr.write(`seed-history pinned: ${r.stdout}`);
      expect(r.stdout).toContain(`seed-history pin: ${int(TOTAL)} events ledgered in `);
      expect(r.stdout).toContain(`2021-01-01 .. 2021-10-31, shape source, 2021-10 pinned at ${int(OCTOBER)}\n`);
      expect(r.code).toBe(0);
    },
    SEED_TIMEOUT_MS,
  );

  it(
    'report monthly prints the pinned October and the total exactly, with growth over September and per-day averages',
    async () => {
      const table = await cli(['report', 'monthly', '--from', '2021-01-01', '--to', '2021-10-31']);
      process.stderr.write(`report monthly:\n${table.stdout}`);
      expect(table.code).toBe(0);
      const lines = table.stdout.trimEnd().split('\n');
      const row = (key: string): string[] => lines.find((l) => l.startsWith(`${key} `))!.split(/\s{2,}/);
      const [, octCount, octGrowth, octFactor, octPerDay] = row('2021-10');
      const [, sepCount, , , sepPerDay] = row('2021-09');
      const sep = Number(sepCount!.replace(/,/g, ''));
      expect(octCount).toBe(int(OCTOBER));
      expect(row('total 2021-01-01 .. 2021-10-31')[1]).toBe(int(TOTAL));
      // "More than 3 times" September, as a percentage and as a factor of two decimals.
      expect(octGrowth).toBe(`+${(((OCTOBER - sep) / sep) * 100).toFixed(1)}%`);
      expect(octFactor).toBe(`×${(OCTOBER / sep).toFixed(2)}`);
      expect(OCTOBER / sep).toBeGreaterThan(3);
      expect([octPerDay, sepPerDay]).toEqual([int(Math.round(OCTOBER / 31)), int(Math.round(sep / 30))]);
      expect(row('2021-01')[2]).toBe('-');
    },
    REPORT_TIMEOUT_MS,
  );
});
