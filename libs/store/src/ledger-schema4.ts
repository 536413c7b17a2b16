// A schema 4 ledger file (counters on UTC days) made from a current one, for the upgrade's test and
// benchmark (test/bench/src/ledger-upgrade-main.ts), never for a ledger in service: the records and their chain stay as they are; the counters and first-ok days are
// counted again on the UTC day of each record's receipt, with its final outcome, as schema 4 did.
import { dayOfNumber, MeterEvent, Outcome } from '@ndxp/contracts';
import { openSqlite } from './sqlite';
import { LATENCY_BUCKETS, encodeHistogram, latencyBucket } from './sqlite-ledger-latency';

/** Rewrites the ledger at path as schema 4 wrote it. */
export function rewriteAsSchema4(path: string): void {
  const db = openSqlite(path);
  try {
    const counters = new Map<string, { key: unknown[]; n: number; hist: Uint32Array }>();
    const firstOk = new Map<string, [string, string, string]>();
    const rows = db.prepare<[], { received_at_ms: number; event: Buffer; latest: Buffer | null }>(
      `SELECT l.received_at_ms, l.event,
         (SELECT u.event FROM ledger_updates u WHERE u.request_id = l.request_id ORDER BY u.seq DESC LIMIT 1) AS latest
       FROM ledger l`,
    );
    for (const r of rows.iterate()) {
      const e = MeterEvent.decode(r.latest ?? r.event);
      const day = dayOfNumber(Math.floor(r.received_at_ms / 86_400_000));
      const key = [day, e.consumer, e.provider, e.service, e.outcome, e.code];
      const id = key.join('\u0000');
      let c = counters.get(id);
      if (!c) counters.set(id, (c = { key, n: 0, hist: new Uint32Array(LATENCY_BUCKETS) }));
      c.n++;
      c.hist[latencyBucket(e.durationUs)]!++;
      if (e.outcome === Outcome.OUTCOME_OK) {
        const pair = `${e.consumer}\u0000${e.provider}`;
        const f = firstOk.get(pair);
        if (!f || day < f[2]) firstOk.set(pair, [e.consumer, e.provider, day]);
      }
    }
    db.transaction(() => {
      db.exec(`DELETE FROM ledger_counters; DELETE FROM ledger_first_ok`);
      const insert = db.prepare(
        `INSERT INTO ledger_counters (day, consumer, provider, service, outcome, code, count, hist) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const c of counters.values()) insert.run(...c.key, c.n, encodeHistogram(c.hist));
      const first = db.prepare(`INSERT INTO ledger_first_ok (consumer, provider, day) VALUES (?, ?, ?)`);
      for (const f of firstOk.values()) first.run(...f);
      db.exec(`UPDATE ledger_totals SET value = 4 WHERE name = 'schema_version'`);
    })();
  } finally {
    db.close();
  }
}
