// An answer the consumer was never sent is not billed as ok (issue 14, row 5). A process frozen
// (SIGSTOP) under steady load of plain NATS requests with a 2 s budget and no retry: what the broker
// sent it meanwhile waits in its socket buffer, and when it runs again it reads those requests as if
// they had just come. Routing and the adapter SDK charge a request read right after a stall the
// whole stall (LoopStall of @ndxp/runtime), so they answer them server.timeout (the mesh lost the
// time, not the consumer) instead of calling the national system for answers nobody waits for.
// - routing frozen 5 s: every ok a client saw is ledgered ok, and no request a client gave up on is
//   ledgered ok;
// - the adapter frozen 3 s: routing answers server.timeout in time; the adapter, thawed, does the
//   work only of requests whose clients got ok (its own count of ok answers).
import { GetEnterpriseRequest, Header, subjects, type GetTransactionResponse, type MeteringClient } from '@ndxp/contracts';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { startMesh, waitUntil, type Mesh, type ServiceProcess } from '@ndxp/testing';
import { headers, type NatsConnection } from '@nats-io/nats-core';

const CONSUMER = 'TINH-01-LGSP';
const RATE_PER_S = 20;
const BUDGET_MS = 2000;
const WARM_MS = 1500;
const FROZEN_MS = 5000;
const AFTER_MS = 3000;

describe('a process frozen with requests in its socket buffer', () => {
  let mesh: Mesh;
  let nc: NatsConnection;
  let metering: MeteringClient;
  const taxCodes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(50);

  beforeAll(async () => {
    // The national system answers in 300 ms: about six requests are in flight at any moment, some of
    // them answered by the adapter while routing is frozen.
    mesh = await startMesh({ systems: ['business-registration'], adapterUpstream: 'http', env: { SIM_LATENCY_MS: '300' } });
    nc = await mesh.connect({ kind: 'lgsp', consumer: CONSUMER });
    metering = await mesh.meteringClient();
  }, 120_000);
  afterAll(async () => {
    mesh?.processes.get('routing')?.child.kill('SIGCONT');
    await mesh?.stop();
  });

  it('answers what it read after the freeze server.timeout, and the ledger bills ok only what clients got ok', async () => {
    const { outcomes, frozenAt, thawedAt } = await loadWhileFrozen(mesh.processes.get('routing')!, FROZEN_MS);
    const get = (requestId: string): Promise<GetTransactionResponse> =>
      new Promise((res, rej) => metering.getTransaction({ requestId }, (e, r) => (e ? rej(e) : res(r))));
    // Everything routing read is metered within seconds of the thaw.
    const last = outcomes.at(-1)!;
    await waitUntil(async () => (await get(last.id)).found, { timeoutMs: 20_000, what: 'the ledger' });
    const ledger = new Map<string, string | undefined>();
    for (const o of outcomes) {
      const t = await get(o.id);
      ledger.set(o.id, t.found ? t.event?.code : undefined);
    }
    const sentWhileFrozen = outcomes.filter((o) => o.sentAt >= frozenAt && o.sentAt < thawedAt);
    const staleAnswered = sentWhileFrozen.filter((o) => ledger.get(o.id) === 'server.timeout').length;
    console.log(
      `frozen routing: ${sentWhileFrozen.length} requests sent while frozen; clients saw ` +
        `${[...new Set(sentWhileFrozen.map((o) => o.code))].join(', ')}; ledgered server.timeout ${staleAnswered}, ` +
        `ok ${sentWhileFrozen.filter((o) => ledger.get(o.id) === 'ok').length}, absent ${sentWhileFrozen.filter((o) => ledger.get(o.id) === undefined).length}`,
    );
    // Every ok a client saw is ledgered ok (nothing lost) ...
    expect(outcomes.filter((o) => o.code === 'ok' && ledger.get(o.id) !== 'ok')).toEqual([]);
    // ... and nothing a client gave up on is ledgered ok (no answer billed that nobody received).
    expect(outcomes.filter((o) => o.code !== 'ok' && ledger.get(o.id) === 'ok').map((o) => [o.id, o.code])).toEqual([]);
    // Routing did read requests sent while it was frozen, and answered them server.timeout.
    expect(staleAnswered).toBeGreaterThan(0);
    // Before and well after the freeze, every request is served (those in flight when it froze, sent
    // up to the national system's 300 ms before, are answered after their deadline: server.timeout).
    expect(outcomes.filter((o) => (o.sentAt < frozenAt - 1000 || o.sentAt > thawedAt + 1000) && o.code !== 'ok')).toEqual([]);
  }, 120_000);

  it('makes a thawed adapter refuse what it read after the freeze: it answers ok only as often as clients got ok', async () => {
    const adapter = mesh.processes.get('adapter-business-registration')!;
    const answers = (code: string): Promise<number> => mesh.metricSum(adapter.name, 'ndxp_requests_total', { code });
    const okBefore = await answers('ok');
    const { outcomes } = await loadWhileFrozen(adapter, 3000);
    const clientsOk = outcomes.filter((o) => o.code === 'ok').length;
    // The thawed adapter answers what it read within moments; its counter says how.
    await waitUntil(async () => (await answers('server.timeout')) > 0, { timeoutMs: 10_000, what: 'stale refusals' }).catch(
      () => undefined,
    );
    const stale = await answers('server.timeout');
    console.log(`frozen adapter: ${outcomes.length} requests, ${clientsOk} ok; the thawed adapter refused ${stale} stale ones`);
    expect(stale).toBeGreaterThan(0);
    expect((await answers('ok')) - okBefore).toBe(clientsOk);
  }, 120_000);

  type Outcome = { id: string; sentAt: number; code: string };

  /** Sends RATE_PER_S plain requests a second for WARM_MS + frozenMs + AFTER_MS, `target` frozen after WARM_MS. */
  async function loadWhileFrozen(
    target: ServiceProcess,
    frozenMs: number,
  ): Promise<{ outcomes: Outcome[]; frozenAt: number; thawedAt: number }> {
    const calls: Array<Promise<Outcome>> = [];
    const start = Date.now();
    let frozenAt = 0;
    let thawedAt = 0;
    const freeze = (async () => {
      await new Promise((r) => setTimeout(r, WARM_MS));
      target.child.kill('SIGSTOP');
      frozenAt = Date.now();
      await new Promise((r) => setTimeout(r, frozenMs));
      target.child.kill('SIGCONT');
      thawedAt = Date.now();
    })();
    let n = 0;
    while (Date.now() - start < WARM_MS + frozenMs + AFTER_MS) {
      const id = `frozen-${target.name}-${start}-${++n}`;
      const sentAt = Date.now();
      const h = headers();
      h.set(Header.RequestId, id);
      h.set(Header.Timeout, String(BUDGET_MS));
      const payload = GetEnterpriseRequest.encode({ taxCode: taxCodes[n % taxCodes.length]! }).finish();
      calls.push(
        nc.request(subjects.request(CONSUMER, 'BO-BKHDT-DKDN', 'GetEnterprise'), payload, { timeout: BUDGET_MS, headers: h }).then(
          (m) => ({ id, sentAt, code: m.headers?.get(Header.Status) ?? 'no-status' }),
          (e: unknown) => ({ id, sentAt, code: `transport:${(e as Error).message}` }),
        ),
      );
      const next = start + (n * 1000) / RATE_PER_S;
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
    await freeze;
    return { outcomes: await Promise.all(calls), frozenAt, thawedAt };
  }
});
