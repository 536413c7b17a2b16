// Deadlines that survive skewed clocks (issue 14, row 4): routing, then the adapter, runs with its
// clock 5 minutes fast and then 5 minutes slow (Debian's libfaketime on that one process), and every
// request with a 5 s budget is served normally; the ledger holds each request id exactly once, ok
// (lost = duplicated = unexpected = 0), stamped with routing's skewed clock where routing was off.
import { existsSync } from 'node:fs';
import {
  getEnterpriseService,
  MeshError,
  type MeteringClient,
  type GetTransactionResponse,
  type LedgerStatsResponse,
} from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { startMesh, type Mesh, type ServiceName } from '@ndxp/testing';

const FAKETIME = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1'].find((f) =>
  existsSync(f),
);
const describeWithFaketime = FAKETIME ? describe : describe.skip;
const SKIP = FAKETIME ? '' : ' (skipped: libfaketime not installed; apt-get install faketime, as scripts/bootstrap.sh does)';
const PER_PHASE = 100;

describeWithFaketime(`a service with its clock minutes off${SKIP}`, () => {
  let mesh: Mesh;
  let client: MeshClient;
  let metering: MeteringClient;
  const taxCodes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(50);
  const sent: string[] = [];

  beforeAll(async () => {
    mesh = await startMesh({ systems: ['business-registration'], adapterUpstream: 'memory' });
    client = await createClient({ ...(await mesh.clientOptions('TINH-01-LGSP')), timeoutMs: 5_000, retries: 0 });
    metering = await mesh.meteringClient();
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await mesh?.stop();
  });

  /** Restarts one service with its wall clock offset (e.g. "+5m"), or without an offset. */
  async function restart(name: ServiceName, offset?: string): Promise<void> {
    await mesh.processes.get(name)!.stop();
    const env: Record<string, string> = offset ? { LD_PRELOAD: FAKETIME!, FAKETIME: offset, FAKETIME_DONT_FAKE_MONOTONIC: '1' } : {};
    await mesh.start(name, name, env);
  }

  /** Sends PER_PHASE requests (5 s budget, no retries) and returns the codes the client saw. */
  async function phase(label: string): Promise<string[]> {
    const codes: string[] = [];
    for (let i = 0; i < PER_PHASE; i += 10) {
      const batch = Array.from({ length: 10 }, (_, j) => {
        const requestId = `skew-${label}-${i + j}`;
        sent.push(requestId);
        return client.call(getEnterpriseService, { taxCode: taxCodes[(i + j) % taxCodes.length]! }, { requestId }).then(
          () => 'ok',
          (err: unknown) => (err instanceof MeshError ? err.code : String(err)),
        );
      });
      codes.push(...(await Promise.all(batch)));
    }
    return codes;
  }

  it.each([
    ['routing', '+5m'],
    ['routing', '-5m'],
    ['adapter-business-registration', '+5m'],
    ['adapter-business-registration', '-5m'],
  ] as const)(
    'serves every request normally with %s %s',
    async (name, offset) => {
      await restart(name, offset);
      const codes = await phase(`${name}${offset}`);
      expect(codes.filter((c) => c !== 'ok')).toEqual([]);
      await restart(name);
    },
    90_000,
  );

  it('leaves exactly one ok ledger row for every request sent', async () => {
    const stats = (): Promise<LedgerStatsResponse> => new Promise((res, rej) => metering.ledgerStats({}, (e, r) => (e ? rej(e) : res(r))));
    for (const until = Date.now() + 20_000; (await stats()).entries < sent.length && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 200));
    expect((await stats()).entries).toBe(sent.length);
    for (const requestId of sent) {
      const t = await new Promise<GetTransactionResponse>((res, rej) =>
        metering.getTransaction({ requestId }, (e, r) => (e ? rej(e) : res(r))),
      );
      expect([requestId, t.found, t.event?.code]).toEqual([requestId, true, 'ok']);
    }
  }, 60_000);
});
