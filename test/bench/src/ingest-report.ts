// `node test/bench/dist/ingest-report.js [--events N]`: seeds an embedded ledger with N events of
// the source's shape (Jan-Oct 2021, 85 agencies, their national systems, realistic error codes) by
// the store's append (the hash chain included), then times the Jan-Oct report queries: the month,
// consumer and provider rollups and the first-ok days. Report time depends on the counters' distinct
// keys (day x consumer x provider x service x outcome x code), which N of a few million already covers.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeterEvent, Outcome } from '@ndxp/contracts';
import { openSqliteLedgerStore } from '@ndxp/store';

const MONTH_WEIGHTS = [3.9, 3.3, 4.6, 4.8, 5.0, 5.3, 5.5, 5.3, 5.6, 17.637];
const ROUTES: [string, string, number][] = [
  ['BO-BKHDT-DKDN', 'GetEnterprise', 0.5],
  ['BO-BTP-HOTICH', 'GetCivilStatusRecord', 0.25],
  ['BO-BTC-MSNS', 'GetBudgetUnit', 0.05],
  ['BO-BTC-MSNS', 'SearchBudgetUnits', 0.05],
  ['DN-VNPOST-BCCI', 'CreateOrder', 0.08],
  ['DN-VNPOST-BCCI', 'TrackOrder', 0.07],
];
const CODES: [number, Outcome, string][] = [
  [0.975, Outcome.OUTCOME_OK, 'ok'],
  [0.985, Outcome.OUTCOME_CLIENT_ERROR, 'client.not_found'],
  [0.99, Outcome.OUTCOME_CLIENT_ERROR, 'client.invalid_argument'],
  [0.993, Outcome.OUTCOME_CLIENT_ERROR, 'client.rate_limited'],
  [0.997, Outcome.OUTCOME_SERVER_ERROR, 'server.timeout'],
  [1, Outcome.OUTCOME_SERVER_ERROR, 'server.upstream_failure'],
];
const PROVINCES = Array.from({ length: 63 }, (_, i) => `TINH-${String(i + 1).padStart(2, '0')}-LGSP`);
const MINISTRIES = Array.from({ length: 22 }, (_, i) => `BO-M${String(i + 1).padStart(2, '0')}-LGSP`);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const events = arg('--events', 2_000_000);
  const batch = arg('--batch', 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'ndxp-report-bench-'));
  const file = join(dir, 'ledger.sqlite');
  const store = openSqliteLedgerStore(file);
  try {
    let seed = 12345;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const monthTotal = MONTH_WEIGHTS.reduce((a, b) => a + b, 0);
    const t0 = Date.now();
    let n = 0;
    for (let m = 0; m < 10; m++) {
      const inMonth = Math.round((MONTH_WEIGHTS[m]! / monthTotal) * events);
      const days = new Date(Date.UTC(2021, m + 1, 0)).getUTCDate();
      const start = Date.UTC(2021, m, 1);
      let buf: MeterEvent[] = [];
      for (let i = 0; i < inMonth; i++) {
        const ministry = random() < 0.2;
        const consumer = ministry ? MINISTRIES[Math.floor(random() ** 2 * 22)]! : PROVINCES[Math.floor(random() ** 2 * 63)]!;
        let r = random();
        const route = ROUTES.find(([, , w]) => (r -= w) < 0) ?? ROUTES[0]!;
        if (ministry && route[0] !== 'BO-BKHDT-DKDN' && route[0] !== 'DN-VNPOST-BCCI') continue;
        const c = random();
        const code = CODES.find(([p]) => c < p)!;
        const at = start + Math.floor((i / inMonth) * days * 86_400_000);
        buf.push({
          ...MeterEvent.fromPartial({}),
          requestId: `bench-${(n++).toString(36).padStart(9, '0')}`,
          consumer,
          provider: route[0],
          service: route[1],
          version: 'v1',
          outcome: code[1],
          code: code[2],
          receivedAtMs: at,
          durationUs: Math.round(40_000 * Math.exp((random() + random() - 1) * 1.5)),
          requestBytes: 200,
          responseBytes: 1500,
        });
        if (buf.length >= batch) {
          await store.append(buf);
          buf = [];
          process.stderr.write(
            `seeded ${n.toLocaleString('en-US')} (${Math.round(n / ((Date.now() - t0) / 1000)).toLocaleString('en-US')} events/s)\r`,
          );
        }
      }
      if (buf.length) await store.append(buf);
    }
    const seedS = (Date.now() - t0) / 1000;
    const counters = (await store.rollup({ fromDay: '2021-01-01', toDay: '2021-10-31', group: 'total' }))[0]?.count ?? 0;
    const timings: Record<string, number> = {};
    for (const group of ['month', 'consumer', 'provider', 'total'] as const) {
      const s = process.hrtime.bigint();
      await store.rollup({ fromDay: '2021-01-01', toDay: '2021-10-31', group });
      timings[group] = Number(process.hrtime.bigint() - s) / 1e6;
    }
    const f = process.hrtime.bigint();
    await store.firstOkDays();
    timings['firstOk'] = Number(process.hrtime.bigint() - f) / 1e6;
    const v = process.hrtime.bigint();
    const verified = await store.verifyChain();
    const verifyMs = Number(process.hrtime.bigint() - v) / 1e6;
    const out = {
      kind: 'ledger-report',
      events: n,
      ledgered: counters,
      seedSeconds: seedS,
      ingestEventsPerSecond: n / seedS,
      fileBytes: statSync(file).size,
      reportMs: timings,
      verifyMs,
      verifyOk: verified.ok,
    };
    process.stdout.write(`\n${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench report: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
