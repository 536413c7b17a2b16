import { LatencyHistogram } from './latency-histogram';
import { CLIENT_PROCESS, meshRatios, ratio, summarize, type RoundResult } from './results';

function round(
  system: RoundResult['system'],
  concurrency: number,
  ok: number,
  ms: number,
  latencyMs: number,
  cpu: Record<string, number>,
): RoundResult {
  const h = new LatencyHistogram();
  for (let i = 0; i < 10; i++) h.record(latencyMs);
  return {
    system,
    concurrency,
    round: 1,
    elapsedMs: ms,
    ok,
    errors: 0,
    errorsByKind: {},
    latency: h.toData(),
    processes: Object.entries(cpu).map(([name, c], i) => ({
      name,
      pid: 100 + i,
      cpuSeconds: c,
      peakRssBytes: 1000 * (i + 1),
    })),
    otherCores: 0,
  };
}

describe('ratio', () => {
  it('divides, and gives null for a missing, infinite or zero side', () => {
    expect(ratio(6, 12)).toBe(0.5);
    expect(ratio(null, 1)).toBeNull();
    expect(ratio(1, undefined)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(NaN, 2)).toBeNull();
  });
});

describe('summarize', () => {
  it('computes requests/s over all rounds from total answers and total measured time', () => {
    const [s] = summarize([
      { ...round('ceiling', 16, 10_000, 1000, 1, { a: 1 }), round: 1 },
      { ...round('ceiling', 16, 20_000, 1000, 1, { a: 1 }), round: 2 },
    ]);
    expect(s!.rounds).toBe(2);
    expect(s!.rps).toBe(15_000);
    expect(s!.rpsByRound).toEqual([10_000, 20_000]);
  });

  it('sums CPU per process, turns it into cores and µs per request, and takes the highest peak RSS', () => {
    const [s] = summarize([
      round('peer', 16, 1000, 2000, 1, { adapter: 0.5, [CLIENT_PROCESS]: 0.4 }),
      round('peer', 16, 1000, 2000, 1, { adapter: 1.5, [CLIENT_PROCESS]: 0.4 }),
    ]);
    const adapter = s!.processes.find((p) => p.name === 'adapter')!;
    expect(adapter.cpuSeconds).toBe(2);
    expect(adapter.cores).toBe(0.5);
    expect(adapter.cpuUsPerRequest).toBe(1000);
    expect(adapter.peakRssBytes).toBe(1000);
  });

  it('leaves the load client out of the server CPU per request', () => {
    const [s] = summarize([
      round('mesh', 16, 1000, 1000, 1, {
        routing: 0.3,
        'nats-server': 0.1,
        [CLIENT_PROCESS]: 5,
      }),
    ]);
    expect(s!.serverCpuUsPerRequest).toBeCloseTo(400, 6);
  });

  it('reports a process CPU as unknown when any round could not read it', () => {
    const a = round('mesh', 16, 1000, 1000, 1, { routing: 0.3 });
    const b = round('mesh', 16, 1000, 1000, 1, { routing: 0.3 });
    b.processes[0]!.cpuSeconds = null;
    const [s] = summarize([a, b]);
    expect(s!.processes[0]!.cpuSeconds).toBeNull();
    expect(s!.serverCpuUsPerRequest).toBeNull();
  });

  it('adds errors by kind across rounds and keeps groups apart per system and concurrency', () => {
    const a = {
      ...round('mesh', 16, 10, 1000, 1, {}),
      errors: 2,
      errorsByKind: { 'client.rate_limited': 2 },
    };
    const b = {
      ...round('mesh', 16, 10, 1000, 1, {}),
      errors: 3,
      errorsByKind: { 'client.rate_limited': 1, 'transport:TimeoutError': 2 },
    };
    const c = round('mesh', 256, 10, 1000, 1, {});
    const out = summarize([a, c, b]);
    expect(out.map((s) => `${s.system}/${s.concurrency}`)).toEqual(['mesh/16', 'mesh/256']);
    expect(out[0]!.errors).toBe(5);
    expect(out[0]!.errorsByKind).toEqual({
      'client.rate_limited': 3,
      'transport:TimeoutError': 2,
    });
  });
});

describe('meshRatios', () => {
  it('divides the mesh by the ceiling and by the peer at the same concurrency', () => {
    const summaries = summarize([
      round('ceiling', 16, 10_000, 1000, 2, { r: 1 }),
      round('peer', 16, 8_000, 1000, 4, { r: 1 }),
      round('mesh', 16, 4_000, 1000, 8, { r: 1 }),
      round('ceiling', 256, 12_000, 1000, 20, { r: 1 }),
    ]);
    const rows = meshRatios(summaries);
    expect(rows).toHaveLength(2);
    const vsCeiling = rows.find((r) => r.versus === 'ceiling')!;
    expect(vsCeiling.rps).toBeCloseTo(0.4, 6);
    expect(vsCeiling.p50).toBeCloseTo(4, 6);
    expect(vsCeiling.serverCpuUsPerRequest).toBeCloseTo(2.5, 6);
    expect(rows.find((r) => r.versus === 'peer')!.rps).toBeCloseTo(0.5, 6);
  });

  it('divides mesh-http by peer-http (the edge against the thin HTTP peer) and by the mesh over NATS', () => {
    const summaries = summarize([
      round('mesh', 16, 4_000, 1000, 4, { routing: 1 }),
      round('peer-http', 16, 5_000, 1000, 3, { front: 1 }),
      round('mesh-http', 16, 4_000, 1000, 6, { gateway: 1, routing: 1 }),
      round('peer-http', 128, 6_000, 1000, 20, { front: 1 }),
    ]);
    const rows = meshRatios(summaries);
    expect(rows.map((r) => `${r.system}/${r.versus}@${r.concurrency}`)).toEqual(['mesh-http/peer-http@16', 'mesh-http/mesh@16']);
    const vsPeer = rows[0]!;
    expect(vsPeer.rps).toBeCloseTo(0.8, 6);
    expect(vsPeer.p50).toBeCloseTo(2, 6);
    // 2 CPU-seconds for 4,000 answers against 1 for 5,000: 500 against 200 µs a request.
    expect(vsPeer.serverCpuUsPerRequest).toBeCloseTo(2.5, 6);
    expect(rows[1]!.rps).toBeCloseTo(1, 6);
  });

  it('never pairs the NATS mesh with the HTTP peer', () => {
    const rows = meshRatios(summarize([round('mesh', 16, 4_000, 1000, 4, { r: 1 }), round('peer-http', 16, 5_000, 1000, 3, { r: 1 })]));
    expect(rows).toEqual([]);
  });

  it('gives no rows without a mesh run', () => {
    expect(meshRatios(summarize([round('ceiling', 16, 1, 1000, 1, {})]))).toEqual([]);
  });
});
