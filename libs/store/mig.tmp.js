// Times the schema 2 -> 3 rewrite on a ledger of N records (made here with schema 2's layout and hashes).
const Database = require('better-sqlite3');
const fs = require('fs');
const { openSqliteLedgerStore } = require('./dist');
const { chainHash, GENESIS_HASH } = require('./dist/sqlite-ledger-chain');
const N = +process.argv[2] || 1000000;
const file = '/tmp/h8/v2.sqlite';
for (const s of ['', '-wal', '-shm']) try { fs.unlinkSync(file + s); } catch {}
const db = new Database(file); db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE ledger (request_id TEXT NOT NULL PRIMARY KEY, consumer TEXT NOT NULL, provider TEXT NOT NULL,
  service TEXT NOT NULL, version TEXT NOT NULL, outcome INTEGER NOT NULL, code TEXT NOT NULL, officer TEXT NOT NULL,
  purpose TEXT NOT NULL, received_at_ms INTEGER NOT NULL, duration_us INTEGER NOT NULL, request_bytes INTEGER NOT NULL,
  response_bytes INTEGER NOT NULL, routing_instance TEXT NOT NULL, trace_id TEXT NOT NULL,
  forwarded_at_ms INTEGER NOT NULL DEFAULT 0, answered_at_ms INTEGER NOT NULL DEFAULT 0,
  responded_at_ms INTEGER NOT NULL DEFAULT 0, adapter_instance TEXT NOT NULL DEFAULT '', seq INTEGER, prev_hash BLOB,
  hash BLOB) WITHOUT ROWID;
  CREATE INDEX ledger_by_received_at ON ledger (received_at_ms);
  CREATE INDEX ledger_by_seq ON ledger (seq) WHERE seq IS NOT NULL;
  CREATE TABLE ledger_counters (day TEXT NOT NULL, consumer TEXT NOT NULL, provider TEXT NOT NULL, service TEXT NOT NULL,
  outcome INTEGER NOT NULL, code TEXT NOT NULL, count INTEGER NOT NULL, hist BLOB,
  PRIMARY KEY (day, consumer, provider, service, outcome, code)) WITHOUT ROWID;
  CREATE TABLE ledger_totals (name TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE ledger_first_ok (consumer TEXT NOT NULL, provider TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (consumer, provider)) WITHOUT ROWID;
  CREATE TABLE ledger_chain (name TEXT NOT NULL PRIMARY KEY, seq INTEGER NOT NULL, hash BLOB NOT NULL) WITHOUT ROWID;`);
db.prepare(`INSERT INTO ledger_totals VALUES ('entries', ?), ('duplicates_ignored', 0), ('schema_version', 2)`).run(N);
const ins = db.prepare(`INSERT INTO ledger VALUES (?, 'TINH-01-LGSP', 'BO-BKHDT-DKDN', 'GetEnterprise', 'v1', 1, 'ok', ?, ?, ?, 35000, 200, 1200, 'routing-1', '', ?, ?, ?, 'dkdn-1', ?, ?, ?)`);
let prev = GENESIS_HASH;
db.transaction(() => {
  for (let seq = 1; seq <= N; seq++) {
    const t = Date.UTC(2021, 0, 1) + seq * 400;
    const e = { requestId: `v2-${seq.toString(36).padStart(8, '0')}`, consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise', version: 'v1', outcome: 1, code: 'ok', officer: `can-bo-${seq % 500}`, purpose: `HS-${seq % 997}`, receivedAtMs: t, durationUs: 35000, requestBytes: 200, responseBytes: 1200, routingInstance: 'routing-1', traceId: '', forwardedAtMs: t + 1, answeredAtMs: t + 36, respondedAtMs: t + 37, adapterInstance: 'dkdn-1' };
    const h = chainHash(prev, seq, e);
    ins.run(e.requestId, e.officer, e.purpose, t, t + 1, t + 36, t + 37, seq, prev, h);
    prev = h;
  }
  db.prepare(`INSERT INTO ledger_chain VALUES ('tail', ?, ?)`).run(N, prev);
})();
db.close();
(async () => {
  const t0 = Date.now();
  const s = openSqliteLedgerStore(file);
  const t1 = Date.now();
  const v = await s.verifyChain();
  const t2 = Date.now();
  console.log(`schema 2 -> 3 rewrite of ${N} records: ${((t1 - t0) / 1000).toFixed(1)} s; walk after: ${((t2 - t1) / 1000).toFixed(1)} s, ok=${v.ok} checked=${v.checked}`);
  await s.close();
})();
