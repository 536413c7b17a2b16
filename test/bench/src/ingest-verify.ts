// `node test/bench/dist/ingest-verify.js <ledger.sqlite>`: times the whole-chain walk (what
// VerifyLedger does) and the Jan-Oct 2021 rollups on an existing ledger file, e.g. one that
// `ndxp seed-history` filled through metering. Run it with metering stopped or idle: the walk is one
// read transaction and takes minutes at tens of millions of records.
import { statSync } from 'node:fs';
import { openSqliteLedgerStore } from '@ndxp/store';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || file === '--help' || file === '-h') {
    process.stdout.write('Usage: node test/bench/dist/ingest-verify.js <ledger.sqlite> [--from-day YYYY-MM-DD] [--to-day YYYY-MM-DD]\n');
    return file ? 0 : 2;
  }
  const opt = (name: string, fallback: string): string => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
  };
  const fromDay = opt('--from-day', '2021-01-01');
  const toDay = opt('--to-day', '2021-10-31');
  const store = openSqliteLedgerStore(file);
  try {
    const { entries } = await store.stats();
    const reportMs: Record<string, number> = {};
    for (const group of ['month', 'consumer', 'provider', 'total'] as const) {
      const s = process.hrtime.bigint();
      await store.rollup({ fromDay, toDay, group });
      reportMs[group] = Number(process.hrtime.bigint() - s) / 1e6;
    }
    const cpu0 = process.cpuUsage();
    const v0 = process.hrtime.bigint();
    const verified = await store.verifyChain();
    const verifySeconds = Number(process.hrtime.bigint() - v0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const out = {
      kind: 'ledger-verify',
      file,
      fileBytes: statSync(file).size,
      entries,
      reportMs,
      verifySeconds,
      verifyCpuSeconds: (cpu.user + cpu.system) / 1e6,
      verifyRecordsPerSecond: verified.checked / verifySeconds,
      verified,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return verified.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench verify: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
