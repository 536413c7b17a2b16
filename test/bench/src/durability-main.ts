// `node test/bench/dist/durability-main.js`: what durability costs on this machine (issue 14, row 6).
//   - the embedded ledger's SQLite file in WAL mode with synchronous NORMAL (fsync at checkpoints) and
//     FULL (fsync of the WAL at every commit), appending ledger-sized rows in transactions of 500, as
//     metering does;
//   - JetStream file storage with sync_interval at nats-server's default (2 min), 1 s and always
//     (fsync after every write), publishing meter-sized messages as routing does.
// It prints one line per setting and writes nothing else.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { openSqlite } from '@ndxp/store';
import { startNatsServer } from '@ndxp/testing';

const HELP = `ndxp bench durability: the cost of the ledger's and JetStream's sync settings

Usage: node test/bench/dist/durability-main.js [--rows N] [--messages N]

  --rows N       ledger rows appended per SQLite setting (100000, in transactions of 500)
  --messages N   messages published per JetStream setting (20000, 300 bytes, 64 in flight)
`;

function intArg(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${argv[i + 1]}`);
  return n;
}

function sqliteRate(dir: string, synchronous: 'NORMAL' | 'FULL', rows: number): number {
  const db = openSqlite(join(dir, `ledger-${synchronous}.sqlite`));
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(
    'CREATE TABLE ledger (seq INTEGER PRIMARY KEY, request_id TEXT NOT NULL UNIQUE, received_at_ms INTEGER NOT NULL, event BLOB NOT NULL, prev_hash BLOB NOT NULL, hash BLOB NOT NULL)',
  );
  db.exec('CREATE INDEX ledger_received ON ledger (received_at_ms)');
  const insert = db.prepare('INSERT INTO ledger VALUES (?, ?, ?, ?, ?, ?)');
  const event = randomBytes(180);
  const hash = randomBytes(32);
  const append = db.transaction((from: number, n: number) => {
    for (let i = from; i < from + n; i++) insert.run(i + 1, `req-${i}`, 1_700_000_000_000 + i, event, hash, hash);
  });
  const t0 = performance.now();
  for (let i = 0; i < rows; i += 500) append(i, Math.min(500, rows - i));
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return rows / seconds;
}

async function jetstreamRate(dir: string, sync: string | undefined, messages: number): Promise<number> {
  const store = join(dir, `js-${sync ?? 'default'}`);
  const nats = await startNatsServer({
    private: true,
    config: `jetstream { store_dir: "${store}"${sync ? `, sync_interval: ${sync === 'always' ? 'always' : `"${sync}"`}` : ''} }`,
  });
  const nc = await connect({ servers: nats.url });
  try {
    await (await jetstreamManager(nc)).streams.add({ name: 'DURABILITY', subjects: ['dur.>'], storage: 'file' });
    const js = jetstream(nc);
    const payload = randomBytes(300);
    const t0 = performance.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < messages) {
        next++;
        await js.publish('dur.x', payload);
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    return messages / ((performance.now() - t0) / 1000);
  } finally {
    await nc.close();
    await nats.stop();
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const rows = intArg(argv, '--rows', 100_000);
  const messages = intArg(argv, '--messages', 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'ndxp-durability-'));
  try {
    for (const s of ['NORMAL', 'FULL'] as const) {
      process.stdout.write(
        `sqlite synchronous=${s.padEnd(6)} ${Math.round(sqliteRate(dir, s, rows))
          .toLocaleString('en-US')
          .padStart(10)} rows/s (${rows} rows, 500 a transaction)\n`,
      );
    }
    for (const s of [undefined, '1s', 'always']) {
      const rate = await jetstreamRate(dir, s, messages);
      process.stdout.write(
        `jetstream sync_interval=${(s ?? 'default 2m').padEnd(10)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} msgs/s (${messages} x 300 B, 64 in flight)\n`,
      );
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench durability: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
