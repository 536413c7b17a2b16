// Reconciliation finding a deleted tail (issue 14, "Nothing acknowledged is lost without being
// found"): routing answers a consumer only after JetStream stored its meter event, so what clients
// saw answered is in the meter stream. On an intact mesh `ndxp audit reconcile` finds every one of
// them in the ledger; after the ledger's last 25 rows are deleted with the chain's tail moved back
// (so that the chain itself walks clean, as a restored backup or a lost write would leave it), it
// names exactly those 25 request ids missing (exit status 1).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getEnterpriseService, MeshError } from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { openSqlite } from '@ndxp/store';
import { REPO_ROOT, startMesh, type Mesh } from '@ndxp/testing';

const CLI = join(REPO_ROOT, 'tools/ndxp/dist/main.js');
const run = promisify(execFile);
const REQUESTS = 200;
const DELETED = 25;

describe('reconciliation of the ledger against the meter stream', () => {
  let mesh: Mesh;
  let client: MeshClient;
  const taxCodes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(20);

  beforeAll(async () => {
    mesh = await startMesh({ systems: ['business-registration'], adapterUpstream: 'memory' });
    client = await createClient({ ...(await mesh.clientOptions('TINH-01-LGSP')), timeoutMs: 5_000 });
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await mesh?.stop();
  });

  const cli = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    run(process.execPath, [CLI, ...args], { env: { ...process.env, NATS_URL: mesh.nats.url, NATS_CREDS: await mesh.opsCredsFile() } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  /** Polls the CLI until check() holds on its parsed JSON output; fails with the last one otherwise. */
  const until = async <T>(args: string[], check: (v: T) => boolean, timeoutMs = 20_000): Promise<T> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const out = JSON.parse((await cli([...args, '--json'])).stdout) as T;
      if (check(out)) return out;
      if (Date.now() > end) throw new Error(`ndxp ${args.join(' ')} never got there; last: ${JSON.stringify(out)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  it('finds every answered request in an intact ledger, and exactly the 25 rows of a deleted tail once they are gone', async () => {
    // 200 requests with unique ids, 8 at a time; what each client saw is kept.
    const saw = new Map<string, string>();
    for (let i = 0; i < REQUESTS; i += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, REQUESTS - i) }, async (_, j) => {
          const requestId = `reconcile-${i + j}`;
          const answer = await client.call(getEnterpriseService, { taxCode: taxCodes[(i + j) % taxCodes.length]! }, { requestId }).then(
            () => 'ok',
            (err: unknown) => (err instanceof MeshError ? err.code : 'no answer'),
          );
          saw.set(requestId, answer);
        }),
      );
    }
    const answered = [...saw.entries()].filter(([, code]) => code !== 'no answer');
    expect(answered.length).toBe(REQUESTS);

    // The ledger holds them, and the durable has acknowledged them all (its ack floor reached them).
    await until<{ total: number }>(['usage'], (u) => u.total === REQUESTS);
    await until<{ eventsScanned: number }>(['audit', 'reconcile'], (r) => r.eventsScanned === REQUESTS);
    const intact = await cli(['audit', 'reconcile']);
    expect(intact.stdout).toMatch(
      new RegExp(
        `^OK ${REQUESTS} events in the meter stream since \\S+ are all in the ledger \\(stream seq \\d+\\.\\.\\d+, ack floor \\d+\\)\\n$`,
      ),
    );
    expect(intact.code).toBe(0);

    // Metering stopped, the ledger's last 25 rows go, and the tail moves back to the row before them.
    await mesh.processes.get('metering')!.stop();
    const db = openSqlite(join(mesh.dataDir, 'ledger.sqlite'));
    let deleted: string[];
    try {
      deleted = db.transaction(() => {
        const tail = (db.prepare(`SELECT MAX(seq) AS s FROM ledger`).get() as { s: number }).s;
        const ids = (
          db.prepare(`SELECT request_id FROM ledger WHERE seq > ? ORDER BY seq`).all(tail - DELETED) as { request_id: string }[]
        ).map((r) => r.request_id);
        db.prepare(`DELETE FROM ledger WHERE seq > ?`).run(tail - DELETED);
        db.prepare(`DELETE FROM ledger_updates WHERE seq > ?`).run(tail - DELETED);
        const last = db.prepare(`SELECT seq, hash FROM ledger WHERE seq = ?`).get(tail - DELETED) as { seq: number; hash: Buffer };
        db.prepare(`UPDATE ledger_chain SET seq = ?, hash = ? WHERE name = 'tail'`).run(last.seq, last.hash);
        return ids;
      })();
    } finally {
      db.close();
    }
    expect(deleted.length).toBe(DELETED);
    expect(deleted.every((id) => saw.get(id) === 'ok')).toBe(true);
    await mesh.start('metering');

    // The chain of what is left walks clean: only the stream knows what is gone.
    expect((await cli(['audit', 'verify'])).stdout).toMatch(new RegExp(`^OK ${REQUESTS - DELETED} records checked`));

    const gap = await cli(['audit', 'reconcile']);
    expect(gap.code).toBe(1);
    const lines = gap.stdout.split('\n');
    expect(lines[0]).toBe(`GAP ${DELETED} of ${REQUESTS} events are missing from the ledger:`);
    const reported = lines
      .slice(1)
      .map((l) => /^ {2}(\S+) {2}code ok {2}stream seq \d+ {2}received \S+ {2}routing \S+/.exec(l)?.[1])
      .filter((id): id is string => id !== undefined);
    expect([...reported].sort()).toEqual([...deleted].sort());
    const json = JSON.parse((await cli(['audit', 'reconcile', '--json'])).stdout) as {
      missing: number;
      eventsScanned: number;
      firstMissing: { requestId: string }[];
    };
    expect(json.missing).toBe(DELETED);
    expect(json.eventsScanned).toBe(REQUESTS);
    expect(json.firstMissing.map((m) => m.requestId).sort()).toEqual([...deleted].sort());
  }, 180_000);
});
