// A retry that succeeds after an outage is billed as ok (issue 14, row 5): with the adapter down,
// calls with fixed request ids fail server.no_adapter; with the adapter back, the same ids succeed;
// the ledger holds each id once with its final outcome ok, usage counts them ok and never
// server.no_adapter, and the hash chain (with the outcome updates appended to it) verifies.
import {
  getEnterpriseService,
  MeshError,
  type MeteringClient,
  Outcome,
  type GetTransactionResponse,
  type UsageReport,
  type VerifyLedgerResponse,
} from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { startMesh, type Mesh } from '@ndxp/testing';

const CONSUMER = 'TINH-01-LGSP';
const ADAPTER = 'adapter-business-registration';
const N = 10;

describe('a retry that succeeds after server.no_adapter (real processes, real nats-server)', () => {
  let mesh: Mesh;
  let client: MeshClient;
  let metering: MeteringClient;
  const taxCodes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(N);
  const ids = Array.from({ length: N }, (_, i) => `retry-outcome-${Date.now()}-${i}`);

  beforeAll(async () => {
    mesh = await startMesh({ systems: ['business-registration'], adapterUpstream: 'memory' });
    client = await createClient({ ...(await mesh.clientOptions(CONSUMER)), timeoutMs: 5_000, retries: 0 });
    metering = await mesh.meteringClient();
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await mesh?.stop();
  });

  const callAll = (): Promise<string[]> =>
    Promise.all(
      ids.map((requestId, i) =>
        client.call(getEnterpriseService, { taxCode: taxCodes[i]! }, { requestId }).then(
          () => 'ok',
          (err: unknown) => (err instanceof MeshError ? err.code : String(err)),
        ),
      ),
    );
  const transaction = (requestId: string): Promise<GetTransactionResponse> =>
    new Promise((res, rej) => metering.getTransaction({ requestId }, (e, r) => (e ? rej(e) : res(r))));

  it('ledgers each request id once with its final outcome ok, counted ok, on a chain that verifies', async () => {
    await mesh.processes.get(ADAPTER)!.stop();
    const down = await callAll();
    expect(down).toEqual(ids.map(() => 'server.no_adapter'));
    // Metering has ledgered the failures before the retries (so the retries really update them).
    for (const id of ids) {
      for (let t = Date.now(); (await transaction(id)).event?.code !== 'server.no_adapter';) {
        if (Date.now() - t > 10_000) throw new Error(`${id} not ledgered as server.no_adapter`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    await mesh.start(ADAPTER);
    const up = await callAll();
    expect(up).toEqual(ids.map(() => 'ok'));

    // Compare what the client saw last with the ledger.
    const ledgered = new Map<string, string>();
    for (const id of ids) {
      for (let t = Date.now(); ;) {
        const tx = await transaction(id);
        if (tx.found && tx.event?.code === 'ok') {
          expect(tx.event.outcome).toBe(Outcome.OUTCOME_OK);
          ledgered.set(id, 'ok');
          break;
        }
        if (Date.now() - t > 10_000) {
          ledgered.set(id, tx.found ? (tx.event?.code ?? '') : 'missing');
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const lost = ids.filter((id) => ledgered.get(id) === 'missing').length;
    const unexpected = ids.filter((id, i) => ledgered.get(id) !== 'missing' && ledgered.get(id) !== up[i]).length;
    const usage = await new Promise<UsageReport>((res, rej) =>
      metering.getUsage({ consumer: CONSUMER, fromDay: '', toDay: '', provider: '', groupBy: ['code'] }, (e, r) => (e ? rej(e) : res(r))),
    );
    const byCode = Object.fromEntries(usage.rows.map((r) => [r.code, r.count]));
    // Only this test's calls went through this mesh: each id counted once, all ok.
    const duplicated = usage.total - N;
    expect({ lost, duplicated, unexpected }).toEqual({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(byCode).toEqual({ ok: N });

    const verified = await new Promise<VerifyLedgerResponse>((res, rej) =>
      metering.verifyLedger({ fromSeq: 0 }, (e, r) => (e ? rej(e) : res(r))),
    );
    // N failures and N outcome updates on the chain.
    expect(verified).toMatchObject({ ok: true, problem: '' });
    expect(Number(verified.checked)).toBe(2 * N);
  }, 90_000);
});
