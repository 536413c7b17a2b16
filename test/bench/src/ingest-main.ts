// `node test/bench/dist/ingest-main.js`: ledger ingest (events/s into the store, batched) for every
// store that is reachable: the embedded SQLite file always, MongoDB when MONGODB_URL is set.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ChainHasher, openMongoLedgerStore, openSqliteLedgerStore, redactMongoUrl, type LedgerStore } from '@ndxp/store';
import { runIngest, type IngestResult } from './ledger-ingest';

const HELP = `ndxp bench ingest: ledger ingest rate (events/s appended in batches) per reachable store

Usage: node test/bench/dist/ingest-main.js [--events N] [--batch N] [--wire-batch N] [--out FILE]

  --events N       events to append per store and path (200000)
  --batch N        events per append of objects, as METERING_BATCH (500)
  --wire-batch N   events per batch on metering's path: a batch's protobuf bytes read off the wire,
                   appended in chunks with the chain hashed ahead (20000, what metering fetches
                   from a seed-history backlog)
  --out FILE       JSON results (bench-results/ingest-<timestamp>.json)

Environment: MONGODB_URL (a replica set) adds MongoDB, in a fresh database ndxp_ingest_<time> (left for inspection).
`;

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return n;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const events = positiveInt(arg(argv, '--events'), 200_000, '--events');
  const batch = positiveInt(arg(argv, '--batch'), 500, '--batch');
  const wireBatch = positiveInt(arg(argv, '--wire-batch'), 20_000, '--wire-batch');
  const out = resolve(arg(argv, '--out') ?? `bench-results/ingest-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const progress = (line: string): void => void process.stderr.write(`${line}\n`);
  const results: IngestResult[] = [];
  const skipped: { store: string; reason: string }[] = [];

  const dir = mkdtempSync(join(tmpdir(), 'ndxp-ingest-'));
  try {
    const sqlite = openSqliteLedgerStore(join(dir, 'ledger.sqlite'));
    results.push(await measure('sqlite (objects)', sqlite, events, batch, progress));
    const hasher = new ChainHasher();
    try {
      const wired = openSqliteLedgerStore(join(dir, 'ledger-wire.sqlite'));
      results.push(await measure('sqlite (wire, hashed ahead)', wired, events, wireBatch, progress, hasher));
    } finally {
      await hasher.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env['MONGODB_URL'];
  if (url) {
    const dbName = `ndxp_ingest_${Date.now()}`;
    const mongo = await openMongoLedgerStore(url, dbName);
    results.push(await measure(`mongodb (${redactMongoUrl(url)})`, mongo, events, batch, progress));
    progress(`ingest: MongoDB database ${dbName} holds the run's events; drop it when done`);
  } else {
    skipped.push({ store: 'mongodb', reason: 'MONGODB_URL not set' });
  }

  process.stdout.write(`\nstore                              events   batch   events/s   batch p50 ms   batch max ms\n`);
  for (const r of results) {
    process.stdout.write(
      `${r.store.padEnd(32)} ${String(r.events).padStart(8)} ${String(r.batchSize).padStart(7)} ${Math.round(r.eventsPerSecond).toString().padStart(10)} ${r.batchP50Ms.toFixed(2).padStart(14)} ${r.batchMaxMs.toFixed(2).padStart(14)}\n`,
    );
  }
  for (const s of skipped) process.stdout.write(`${s.store}: skipped (${s.reason})\n`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ kind: 'ledger-ingest', at: new Date().toISOString(), results, skipped }, null, 2)}\n`);
  process.stdout.write(`results: ${out}\n`);
  return results.every((r) => r.entries === r.events) ? 0 : 1;
}

async function measure(
  name: string,
  store: LedgerStore,
  events: number,
  batch: number,
  progress: (l: string) => void,
  hasher?: ChainHasher,
): Promise<IngestResult> {
  try {
    const r = await runIngest(name, store, events, batch, progress, hasher ? { hasher } : undefined);
    if (r.entries !== events) progress(`ingest ${name}: the store reports ${r.entries} entries, expected ${events}`);
    return r;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench ingest: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
