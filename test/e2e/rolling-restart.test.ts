// Rolling restart under steady traffic: as Kubernetes would, a new replica of routing (then of the
// adapter) is started first and the old one gets SIGTERM. Nothing may be lost: every request is
// answered ok (a retryable code the client retried to ok counts as ok), and the ledger holds exactly
// one entry per request id sent.
import { credentials } from '@grpc/grpc-js';
import { getEnterpriseService, MeshError, MeteringClient, type GetTransactionResponse, type LedgerStatsResponse } from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { startMesh, type Mesh, withBearer } from '@ndxp/testing';

/** Requests a second, paced by a timer (an open loop, independent of answer times). */
const RATE_PER_S = 40;

interface Outcome {
  requestId: string;
  code: string;
  attempts: number;
}

describe('rolling restart of routing and the adapter under steady traffic (real processes)', () => {
  let mesh: Mesh;
  let client: MeshClient;
  let metering: InstanceType<typeof MeteringClient>;

  beforeAll(async () => {
    mesh = await startMesh({ systems: ['business-registration'] });
    client = await createClient({ ...(await mesh.clientOptions('TINH-01-LGSP')), timeoutMs: 20_000, retries: 6 });
    metering = new MeteringClient(
      `127.0.0.1:${mesh.meteringGrpcPort}`,
      credentials.createInsecure(),
      withBearer(await mesh.accessToken('e2e-ops', ['ops', 'oversight'])),
    );
  });

  afterAll(async () => {
    metering?.close();
    await client?.close();
    await mesh?.stop();
  });

  it('answers every request ok and meters each request id exactly once while routing and the adapter are replaced', async () => {
    const codes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(200);
    const outcomes: Array<Promise<Outcome>> = [];
    const call = async (i: number): Promise<Outcome> => {
      const requestId = `rolling-${i}`;
      try {
        const r = await client.call(getEnterpriseService, { taxCode: codes[i % codes.length]! }, { requestId });
        return { requestId, code: r.response.taxCode === codes[i % codes.length] ? 'ok' : 'wrong-answer', attempts: r.attempts };
      } catch (err) {
        return { requestId, code: err instanceof MeshError ? err.code : `thrown:${String(err)}`, attempts: 0 };
      }
    };
    let sending = true;
    const pump = (async () => {
      for (let i = 0; sending; i++) {
        outcomes.push(call(i));
        await new Promise((r) => setTimeout(r, 1000 / RATE_PER_S));
      }
    })();
    // Waits until `n` more requests have been sent (about n / RATE_PER_S seconds of traffic).
    const trafficFor = async (n: number): Promise<void> => {
      const target = outcomes.length + n;
      while (outcomes.length < target) await new Promise((r) => setTimeout(r, 20));
    };
    const replace = async (
      old: string,
      name: 'routing' | 'adapter-business-registration',
      next: string,
    ): Promise<{ exit: number | null; logs: Array<Record<string, unknown>> }> => {
      await mesh.start(name, next);
      await trafficFor(20); // the new replica takes its share before the old one leaves
      const proc = mesh.processes.get(old)!;
      const exit = await proc.stop();
      return { exit, logs: proc.logs };
    };

    await trafficFor(40);
    const stops = [
      await replace('routing', 'routing', 'routing-2'),
      await (async () => {
        await trafficFor(40);
        return replace('adapter-business-registration', 'adapter-business-registration', 'adapter-business-registration-2');
      })(),
      await (async () => {
        await trafficFor(40);
        return replace('routing-2', 'routing', 'routing-3');
      })(),
      await (async () => {
        await trafficFor(40);
        return replace('adapter-business-registration-2', 'adapter-business-registration', 'adapter-business-registration-3');
      })(),
    ];
    await trafficFor(40);
    sending = false;
    await pump;
    const results = await Promise.all(outcomes);

    // Each replaced replica drained and exited cleanly.
    for (const s of stops) {
      expect(s.exit).toBe(0);
      expect(s.logs.some((r) => r['msg'] === 'stopped')).toBe(true);
    }
    // Every request answered ok (possibly after retries with the same request id).
    const failed = results.filter((r) => r.code !== 'ok');
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(200);

    // Exactly one ledger entry per request id sent.
    const ids = results.map((r) => r.requestId);
    expect(new Set(ids).size).toBe(ids.length);
    const stats = (): Promise<LedgerStatsResponse> => new Promise((res, rej) => metering.ledgerStats({}, (e, r) => (e ? rej(e) : res(r))));
    const until = Date.now() + 20_000;
    let entries = 0;
    while (Date.now() < until && (entries = Number((await stats()).entries)) < ids.length) await new Promise((r) => setTimeout(r, 200));
    expect(entries).toBe(ids.length);
    const missing: string[] = [];
    for (const requestId of ids) {
      const t = await new Promise<GetTransactionResponse>((res, rej) =>
        metering.getTransaction({ requestId }, (e, r) => (e ? rej(e) : res(r))),
      );
      if (!t.found || t.event?.consumer !== 'TINH-01-LGSP') missing.push(requestId);
    }
    expect(missing).toEqual([]);
    expect(Number((await stats()).entries)).toBe(ids.length);
  }, 120_000);
});
