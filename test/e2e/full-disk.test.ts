// A full disk under the broker (issue 14, row 1), on nats-server 2.10 as production runs it: the
// JetStream store lives on a small tmpfs made for the test, which is then filled behind the
// broker's back. The broker keeps serving core request-reply, the mesh answers every request within
// its budget, ok while a block's last page still takes an event and then server.metering_unavailable
// (fail closed: nothing unmetered is served), and once
// space is freed JetStream stores again and requests are served and ledgered; SIGTERM still stops
// the broker. (2.9.10 deadlocked here for good.) Needs root to mount a tmpfs; skipped by name otherwise.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEnterpriseService, MeshError, type MeteringClient, subjects, type GetTransactionResponse } from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { startMesh, startNatsServer, type Mesh, type NatsServerHandle } from '@ndxp/testing';

const root = process.getuid?.() === 0;
const mountDir = root ? mkdtempSync(join(tmpdir(), 'ndxp-full-disk-')) : '';
const mounted = ((): string => {
  if (!root) return 'not root';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', mountDir], { stdio: 'pipe' });
    return '';
  } catch (err) {
    return `mount -t tmpfs failed: ${
      String((err as { stderr?: Buffer }).stderr ?? err)
        .trim()
        .split('\n')[0]
    }`;
  }
})();
const describeIfMounted = mounted === '' ? describe : describe.skip;
const SKIP = mounted === '' ? '' : ` (skipped: ${mounted}; a small tmpfs for the JetStream store is needed)`;

describeIfMounted(`a full disk under the broker${SKIP}`, () => {
  let nats: NatsServerHandle;
  let mesh: Mesh;
  let client: MeshClient;
  let metering: MeteringClient;
  const taxCodes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(20);
  const filler = join(mountDir, 'filler');
  const served: string[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    nats = await startNatsServer({ private: true, config: `jetstream { store_dir: "${join(mountDir, 'js')}", sync_interval: "1s" }` });
    mesh = await startMesh({ nats, auth: false, systems: ['business-registration'], adapterUpstream: 'memory' });
    client = await createClient({ ...(await mesh.clientOptions('TINH-01-LGSP')), timeoutMs: 5_000, retries: 0, attemptTimeoutMs: 0 });
    metering = await mesh.meteringClient();
  }, 120_000);
  let stopped = false;
  afterAll(async () => {
    try {
      if (!stopped) {
        await client?.close();
        await mesh?.stop();
        await nats?.stop();
      }
    } finally {
      execFileSync('umount', [mountDir]);
      rmSync(mountDir, { recursive: true, force: true });
    }
  });

  const call = (requestId: string, i: number): Promise<string> =>
    client.call(getEnterpriseService, { taxCode: taxCodes[i % taxCodes.length]! }, { requestId }).then(
      () => 'ok',
      (err: unknown) => (err instanceof MeshError ? err.code : String(err)),
    );

  it('serves while there is space, answers fail-closed within the budget while the disk is full, and serves again once space is freed', async () => {
    for (let i = 0; i < 20; i++) {
      expect(await call(`disk-before-${i}`, i)).toBe('ok');
      served.push(`disk-before-${i}`);
    }
    try {
      writeFileSync(filler, Buffer.alloc(64 * 1024 * 1024));
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    // The last page of a block file may still take a few small events; then every store fails.
    let refusedInARow = 0;
    for (let i = 0; i < 300 && refusedInARow < 20; i++) {
      const t0 = Date.now();
      const code = await call(`disk-full-${i}`, i);
      // Fail closed at once: JetStream's refusal to store is final for this transaction.
      expect([code, Date.now() - t0 < 1_000]).toEqual([expect.stringMatching(/^(ok|server\.metering_unavailable)$/), true]);
      if (code === 'ok') served.push(`disk-full-${i}`);
      else refused.push(`disk-full-${i}`);
      refusedInARow = code === 'ok' ? 0 : refusedInARow + 1;
    }
    expect(refusedInARow).toBe(20);
    // Core request-reply still works: the registry answers over NATS.
    const nc = await mesh.connect({ kind: 'ops' });
    const snap = await nc.request(subjects.registry('Snapshot'), new Uint8Array(0), { timeout: 2_000 });
    expect(snap.data.length).toBeGreaterThan(1_000);

    rmSync(filler, { force: true });
    let after = '';
    for (let i = 0, until = Date.now() + 20_000; after !== 'ok' && Date.now() < until; i++) after = await call(`disk-after-probe-${i}`, i);
    expect(after).toBe('ok');
    for (let i = 0; i < 20; i++) {
      expect(await call(`disk-after-${i}`, i)).toBe('ok');
      served.push(`disk-after-${i}`);
    }
  }, 90_000);

  it('ledgers every request that was served ok, once, and none that was refused for want of metering', async () => {
    const get = (requestId: string): Promise<GetTransactionResponse> =>
      new Promise((res, rej) => metering.getTransaction({ requestId }, (e, r) => (e ? rej(e) : res(r))));
    for (const until = Date.now() + 20_000; !(await get(served.at(-1)!)).found && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 200));
    for (const id of served) expect([id, (await get(id)).event?.code]).toEqual([id, 'ok']);
    for (const id of refused) expect([id, (await get(id)).found]).toEqual([id, false]);
  }, 60_000);

  it('still stops on SIGTERM', async () => {
    const t0 = Date.now();
    stopped = true;
    await client.close();
    await mesh.stop();
    await nats.stop();
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 60_000);
});
