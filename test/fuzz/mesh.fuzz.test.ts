// Fuzz: a seeded flood of bad requests at routing (ndxp.req.*) and straight at the Business
// Registration adapter (ndxp.svc.*), good requests interleaved, against the mesh as real processes.
// Every bad request must get a client.* answer it may carry, every good one ok, both services must
// stay up, and neither event loop may stall for more than 100 ms.
import { headers as newHeaders, type NatsConnection } from '@nats-io/nats-core';
import { Header } from '@ndxp/contracts';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { createRng, hashSeed } from '@ndxp/simulator-kit';
import { startMesh, type Mesh } from '@ndxp/testing';
import { badAdapterCase, badRoutingCase, goodAdapterCase, goodCase, type FuzzCase, type FuzzContext } from './bad-requests';
import { startPingProbe, type PingProbe } from './ping-probe';

const BAD_REQUESTS = Number(process.env['FUZZ_BAD_REQUESTS'] ?? 100_000);
const SEED = process.env['FUZZ_SEED'] ?? 'ndxp-fuzz-1';
/** Requests in flight at once. */
const CONCURRENCY = 16;
/** The flood stops here whatever its count (the count assertion then fails). */
const SEND_LIMIT_MS = 150_000;
const GOOD_SHARE = 0.05;
const ADAPTER = 'adapter-business-registration';
const STALL_MS = 100;

interface Tally {
  byCode: Map<string, number>;
  byKind: Map<string, Map<string, number>>;
  unexpected: Array<{ kind: string; code: string; expected: readonly string[] }>;
  bad: number;
  good: number;
  goodNotOk: Array<{ kind: string; code: string }>;
}

const inc = <K>(m: Map<K, number>, k: K): void => void m.set(k, (m.get(k) ?? 0) + 1);
const json = <T>(data: Uint8Array): T => JSON.parse(new TextDecoder().decode(data)) as T;

describe('the mesh under a flood of bad requests (real processes, real nats-server)', () => {
  let mesh: Mesh;
  let nc: NatsConnection;
  let probe: PingProbe | undefined;
  let adapterId: string;
  let routingId: string;
  let ops: NatsConnection;
  let asRouting: NatsConnection;

  beforeAll(async () => {
    mesh = await startMesh({ systems: ['business-registration'], adapterUpstream: 'memory' });
    // Bad requests name any consumer, so they go out as the gateway (the one role the broker lets
    // publish for every consumer); $SRV pings as ops.
    nc = await mesh.connect({ kind: 'gateway' });
    ops = await mesh.connect({ kind: 'ops' });
    asRouting = await mesh.connect({ kind: 'routing' });
    routingId = json<{ id: string }>((await ops.request('$SRV.PING.ndxp-routing', new Uint8Array(0), { timeout: 2_000 })).data).id;
    adapterId = json<{ id: string }>((await ops.request(`$SRV.PING.${ADAPTER}`, new Uint8Array(0), { timeout: 2_000 })).data).id;
  }, 60_000);

  afterAll(async () => {
    await probe?.stop().catch(() => undefined);
    await nc?.close();
    await mesh?.stop();
  });

  it(`answers ${BAD_REQUESTS} bad requests with client.* codes, every good one ok, and stays up without event-loop stalls`, async () => {
    const rng = createRng(hashSeed(SEED));
    const ctx: FuzzContext = {
      consumer: 'TINH-01-LGSP',
      taxCodes: createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(500),
      tooLargeBytes: 262_145,
    };
    const tally: Tally = { byCode: new Map(), byKind: new Map(), unexpected: [], bad: 0, good: 0, goodNotOk: [] };
    probe = await startPingProbe(mesh.nats.url, [`$SRV.PING.${ADAPTER}.${adapterId}`, `$SRV.PING.ndxp-routing.${routingId}`], {
      credsFile: await mesh.opsCredsFile(),
      inboxPrefix: '_INBOX.ops',
    });

    // The adapter's own event-loop delay, from inside (its /metrics: the max since the previous
    // scrape); this first scrape starts the window.
    const adapterOps = `http://127.0.0.1:${String(mesh.processes.get(ADAPTER)!.logs.find((r) => r['msg'] === 'ready')!['opsPort'])}/metrics`;
    const adapterLoopMaxMs = async (): Promise<number> => {
      const m = /^ndxp_event_loop_delay_max_seconds\{[^}]*\} ([\d.e+-]+)$/m.exec(await (await fetch(adapterOps)).text());
      if (!m) throw new Error('the adapter /metrics has no ndxp_event_loop_delay_max_seconds');
      return Number(m[1]) * 1000;
    };
    await adapterLoopMaxMs();

    const started = Date.now();
    let badIssued = 0;
    const send = async (c: FuzzCase, bad: boolean): Promise<void> => {
      let code: string;
      try {
        let h;
        if (c.headers) {
          h = newHeaders();
          for (const [k, v] of Object.entries(c.headers)) h.set(k, v);
        }
        // Requests to routing go out as the gateway; those aimed straight at the adapter as routing,
        // the one role the broker lets publish on ndxp.svc.>.
        const via = c.subject.startsWith('ndxp.svc.') ? asRouting : nc;
        const reply = await via.request(c.subject, c.data, { timeout: 20_000, ...(h ? { headers: h } : {}) });
        code = reply.headers?.get(Header.Status) || 'no status';
      } catch (err) {
        code = `no answer: ${(err as Error).name}`;
      }
      if (bad) {
        tally.bad++;
        inc(tally.byCode, code);
        const kinds = tally.byKind.get(c.kind) ?? new Map<string, number>();
        tally.byKind.set(c.kind, kinds);
        inc(kinds, code);
        if (!code.startsWith('client.') || !c.expect.includes(code)) tally.unexpected.push({ kind: c.kind, code, expected: c.expect });
      } else {
        tally.good++;
        if (code !== 'ok') tally.goodNotOk.push({ kind: c.kind, code });
      }
    };
    const lane = async (): Promise<void> => {
      while (badIssued < BAD_REQUESTS && Date.now() - started < SEND_LIMIT_MS) {
        if (rng.chance(GOOD_SHARE)) {
          await send(rng.chance(0.8) ? goodCase(rng, ctx) : goodAdapterCase(rng, ctx), false);
        } else {
          badIssued++;
          await send(rng.chance(0.6) ? badRoutingCase(rng, ctx) : badAdapterCase(rng, ctx), true);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    const elapsedMs = Date.now() - started;
    const pings = await probe.stop();
    probe = undefined;

    // Both services still up: processes alive and answering discovery pings.
    for (const name of ['routing', ADAPTER]) {
      const p = mesh.processes.get(name)!;
      expect([name, p.child.exitCode, p.child.signalCode]).toEqual([name, null, null]);
    }
    const routingStats = json<{ endpoints: Array<{ data: { eventLoopDelay: { maxMs: number; p99Ms: number } } }> }>(
      (await ops.request(`$SRV.STATS.ndxp-routing.${routingId}`, new Uint8Array(0), { timeout: 2_000 })).data,
    );
    const adapterPing = json<{ id: string }>(
      (await ops.request(`$SRV.PING.${ADAPTER}.${adapterId}`, new Uint8Array(0), { timeout: 2_000 })).data,
    );
    expect(adapterPing.id).toBe(adapterId);
    const routingLoop = routingStats.endpoints[0]!.data.eventLoopDelay;
    const adapterLoop = await adapterLoopMaxMs();
    // Metric labels stay bounded: random subjects, consumers and services do not become new series.
    const routingOpsPort = mesh.processes.get('routing')!.logs.find((r) => typeof r['opsPort'] === 'number')!['opsPort'];
    const routingMetrics = await (await fetch(`http://127.0.0.1:${String(routingOpsPort)}/metrics`)).text();
    const requestSeries = routingMetrics.split('\n').filter((l) => l.startsWith('ndxp_requests_total{'));

    const table = [...tally.byCode.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `  ${code.padEnd(28)} ${String(n).padStart(7)}`);
    const kinds = [...tally.byKind.entries()]
      .sort()
      .map(([kind, codes]) => `  ${kind.padEnd(40)} ${[...codes.entries()].map(([c, n]) => `${c} ${n}`).join(', ')}`);
    process.stdout.write(
      [
        `fuzz: seed ${SEED}, ${tally.bad} bad and ${tally.good} good requests in ${(elapsedMs / 1000).toFixed(1)} s (${Math.round(((tally.bad + tally.good) * 1000) / elapsedMs)}/s)`,
        'bad requests by answer code:',
        ...table,
        'bad requests by kind:',
        ...kinds,
        `routing event-loop delay (inside, monitorEventLoopDelay): max ${routingLoop.maxMs.toFixed(1)} ms, p99 ${routingLoop.p99Ms.toFixed(1)} ms`,
        `adapter event-loop delay (inside, its /metrics): max ${adapterLoop.toFixed(1)} ms`,
        `routing ndxp_requests_total series after the flood: ${requestSeries.length}`,
        ...pings.pings.map(
          (p) =>
            `$SRV.PING round trip ${p.subject}: ${p.count} pings, max ${p.maxMs.toFixed(1)} ms, p99 ${p.p99Ms.toFixed(1)} ms, ${p.failures} failed`,
        ),
        `probe worker's own event-loop delay max ${pings.probeLoopMaxMs.toFixed(1)} ms`,
        '',
      ].join('\n'),
    );

    expect(tally.bad).toBeGreaterThanOrEqual(BAD_REQUESTS);
    expect(tally.unexpected.slice(0, 20)).toEqual([]);
    expect(tally.good).toBeGreaterThan(0);
    expect(tally.goodNotOk.slice(0, 20)).toEqual([]);
    expect(routingLoop.maxMs).toBeLessThan(STALL_MS);
    const adapterPings = pings.pings[0]!;
    expect(adapterPings.count).toBeGreaterThan(10);
    expect(adapterPings.failures).toBe(0);
    // The stall criterion is each service's own event loop, measured inside it. The ping round trip
    // also holds the probe's and the machine's delays (printed above), so it only has to be answered.
    expect(adapterLoop).toBeLessThan(STALL_MS);
    // One consumer and one service known to the registry, the rest labelled "unknown": a few dozen
    // operation × consumer × code series at most, whatever the flood contained.
    expect(requestSeries.length).toBeGreaterThan(0);
    expect(requestSeries.length).toBeLessThan(60);
    expect(requestSeries.some((l) => l.includes('consumer="TINH-01-LGSP"') && l.includes('code="ok"'))).toBe(true);
  }, 240_000);
});
