// A lost ledger tail found (issue 14, row 6): metering exports its chain head to the registry's
// audit trail; the ledger is then put back to an older copy (as a restored backup, or a disk that
// lost its last writes in a power loss) while JetStream has already been told those events were
// ledgered. The older ledger's own chain walks clean, but `ndxp audit verify` compares it with the
// last exported head and names the lost records (exit status 1).
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getEnterpriseService } from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { REPO_ROOT, startMesh, type Mesh } from '@ndxp/testing';

const CLI = join(REPO_ROOT, 'tools/ndxp/dist/main.js');
const run = promisify(execFile);
const ENV = { METERING_HEAD_EXPORT_MS: '300' };

describe('a ledger that lost its tail', () => {
  let mesh: Mesh;
  let client: MeshClient;
  const taxCodes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(10);

  beforeAll(async () => {
    mesh = await startMesh({ systems: ['business-registration'], adapterUpstream: 'memory', env: ENV });
    client = await createClient({ ...(await mesh.clientOptions('TINH-01-LGSP')), timeoutMs: 5_000 });
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await mesh?.stop();
  });

  const cli = async (args: string[]): Promise<{ code: number; stdout: string }> =>
    run(process.execPath, [CLI, ...args], { env: { ...process.env, NATS_URL: mesh.nats.url, NATS_CREDS: await mesh.opsCredsFile() } }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
  const traffic = async (prefix: string): Promise<void> => {
    for (let i = 0; i < 10; i++) await client.call(getEnterpriseService, { taxCode: taxCodes[i]! }, { requestId: `${prefix}-${i}` });
  };
  /** Waits until the audit trail holds a head of at least seq. */
  const headAtLeast = async (seq: number): Promise<void> => {
    for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      const trail = JSON.parse((await cli(['audit', 'trail', '--limit', '1000', '--json'])).stdout) as {
        records: { entry: { action: string; target: string } }[];
      };
      const seqs = trail.records
        .filter((r) => r.entry.action === 'RecordLedgerHead')
        .map((r) => Number(/seq=(\d+)/.exec(r.entry.target)?.[1]));
      if (seqs.some((s) => s >= seq)) return;
    }
    throw new Error(`no ledger head of seq ${seq} or more was exported`);
  };

  it('verifies against the exported head while the ledger is whole, and names the lost records once it is not', async () => {
    await traffic('head-a');
    await headAtLeast(10);
    const whole = await cli(['audit', 'verify']);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(/^OK 10 records checked/);
    expect(whole.stdout).toMatch(/the ledger reaches the head exported at .* \(seq 10\)/);

    // A backup of the ledger now (metering stopped, so the file is whole).
    const db = join(mesh.dataDir, 'ledger.sqlite');
    await mesh.processes.get('metering')!.stop();
    copyFileSync(db, `${db}.backup`);
    await mesh.start('metering', 'metering', ENV);
    await traffic('head-b');
    await headAtLeast(20);

    // The backup comes back: the last 10 records are gone, JetStream will not deliver them again.
    await mesh.processes.get('metering')!.stop();
    for (const suffix of ['-wal', '-shm']) if (existsSync(`${db}${suffix}`)) rmSync(`${db}${suffix}`);
    copyFileSync(`${db}.backup`, db);
    await mesh.start('metering', 'metering', ENV);
    const lost = await cli(['audit', 'verify']);
    expect(lost.stdout).toMatch(/^OK 10 records checked/);
    expect(lost.stdout).toMatch(/BAD deleted: the ledger ends at seq 10, but metering exported seq 20 at .*: records 11 to 20 are lost/);
    expect(lost.code).toBe(1);
  }, 120_000);
});
