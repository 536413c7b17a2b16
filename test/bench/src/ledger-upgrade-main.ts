// `node test/bench/dist/ledger-upgrade-main.js`: how long a ledger of schema 4 (counters on UTC
// days) takes to open as schema 5 (Vietnam days), per million records. Fills an embedded ledger
// with N transactions spread evenly over 2021 (so about 7 in 24 were received 17:00-24:00 UTC and
// move), rewrites it as schema 4 wrote it, then times the open that upgrades it and checks that
// every day's count equals the fresh ledger's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeForLedger, openSqliteLedgerStore, rewriteAsSchema4 } from '@ndxp/store';
import { UsageQuery } from '@ndxp/contracts';
import { ingestEvent } from './ledger-ingest';

const HELP = `ndxp bench ledger-upgrade: time to upgrade a UTC-day ledger (schema 4) to Vietnam days (schema 5)

Usage: node test/bench/dist/ledger-upgrade-main.js [--records N] [--verify]

  --records N   transactions in the ledger (1000000)
  --verify      also walk the hash chain after the upgrade (and time it)
`;

const YEAR_MS = 365 * 86_400_000;
const BATCH = 20_000;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const i = argv.indexOf('--records');
  const records = i >= 0 ? Number(argv[i + 1]) : 1_000_000;
  if (!Number.isInteger(records) || records < 1) {
    process.stderr.write(`bench.usage: --records must be a positive integer, got ${String(argv[i + 1])}\n`);
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ndxp-upgrade-'));
  const file = join(dir, 'ledger.sqlite');
  const base = Date.parse('2021-01-01T00:00:00Z');
  try {
    const store = openSqliteLedgerStore(file);
    {
      for (let from = 0; from < records; from += BATCH) {
        const batch = [];
        for (let n = from; n < Math.min(records, from + BATCH); n++) {
          batch.push(encodeForLedger({ ...ingestEvent('up', n, base), receivedAtMs: base + Math.floor((n * YEAR_MS) / records) }));
        }
        await store.appendEncoded(batch);
        if ((from / BATCH) % 10 === 0) process.stderr.write(`filled ${from + batch.length} of ${records}\n`);
      }
    }
    const byDay = async (s: typeof store): Promise<string> =>
      JSON.stringify((await s.usage(UsageQuery.fromPartial({ groupBy: ['day'] }))).rows.map((r) => [r.day, r.count]));
    const expected = await byDay(store);
    await store.close();
    rewriteAsSchema4(file);
    const started = performance.now();
    const upgraded = openSqliteLedgerStore(file);
    const openMs = performance.now() - started;
    const same = (await byDay(upgraded)) === expected;
    let verifyMs: number | undefined;
    if (argv.includes('--verify')) {
      const t = performance.now();
      const v = await upgraded.verifyChain();
      verifyMs = performance.now() - t;
      if (!v.ok) throw new Error(`chain broken after upgrade at ${String(v.badSeq)}`);
    }
    await upgraded.close();
    const moved = upgraded.upgrade?.vietnamDays?.moved ?? 0;
    const lines = [
      `records            ${records}`,
      `moved to next day  ${moved} (${((100 * moved) / records).toFixed(1)} %)`,
      `upgrade (open)     ${openMs.toFixed(0)} ms, ${((openMs * 1e6) / records / 1000).toFixed(2)} s per million records`,
      `days match fresh   ${same ? 'yes' : 'NO'}`,
      ...(verifyMs !== undefined ? [`chain verified     ${verifyMs.toFixed(0)} ms`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return same ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`bench.failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
