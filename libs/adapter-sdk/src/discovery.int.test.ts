import { connect } from '@nats-io/transport-node';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { Svcm } from '@nats-io/services';
import { Enterprise, GetEnterpriseRequest, Header, MeshError, subjects, type NationalService } from '@ndxp/contracts';
import { createLogger } from '@ndxp/runtime';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { bindService, defineAdapter } from './define-adapter';
import { serveAdapter, type RunningAdapter } from './serve-adapter';

const PROVIDER = 'BO-BTP-TOY';
const slowService: NationalService<GetEnterpriseRequest, Enterprise> = {
  provider: PROVIDER,
  service: 'Slow',
  version: 'v1',
  request: GetEnterpriseRequest,
  response: Enterprise,
  protoMethod: 'toy.Slow/Slow',
  safeToRepeat: true,
  httpPath: `/${PROVIDER}/v1/Slow`,
  httpAliases: [],
};
const SUBJECT = subjects.service(PROVIDER, 'Slow');
const logger = createLogger({ service: 'discovery-test', level: 'silent' });

// Awaits 50 ms before answering: the library would time only the synchronous start of this handler.
const adapterDef = defineAdapter({
  name: 'stats-toy',
  provider: PROVIDER,
  version: '2.0.1',
  description: 'toy for $SRV tests',
  services: [
    bindService(slowService, async (req) => {
      await new Promise((r) => setTimeout(r, 50));
      if (req.taxCode === 'missing') throw new MeshError('client.not_found');
      if (req.taxCode === 'down') throw new MeshError('server.upstream_failure', 'toy system down');
      return Enterprise.fromPartial({ taxCode: req.taxCode });
    }),
  ],
});

interface StatsAnswer {
  type: string;
  name: string;
  id: string;
  version: string;
  started: string;
  metadata: Record<string, string>;
  endpoints: Array<{
    name: string;
    subject: string;
    queue_group: string;
    num_requests: number;
    num_errors: number;
    last_error: string;
    processing_time: number;
    average_processing_time: number;
    data: { ok: number; clientErrors: number; serverErrors: number; inFlight: number };
  }>;
}

describe('$SRV discovery of an adapter', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let anc: NatsConnection;
  let adapter: RunningAdapter;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    anc = await connect({ servers: server.url });
    adapter = await serveAdapter(adapterDef, { nc: anc, logger });
  });
  afterAll(async () => {
    await adapter?.stop();
    await anc?.close();
    await nc?.close();
    await server?.stop();
  });

  const ask = async (taxCode: string): Promise<string | undefined> => {
    const h = headers();
    h.set(Header.RequestId, `r-${taxCode}`);
    h.set(Header.Deadline, String(Date.now() + 5000));
    const m = await nc.request(SUBJECT, GetEnterpriseRequest.encode({ taxCode }).finish(), { headers: h, timeout: 5000 });
    return m.headers?.get(Header.Status);
  };
  const srv = async <T>(verb: 'PING' | 'INFO' | 'STATS'): Promise<T> => {
    const m = await nc.request(`$SRV.${verb}.stats-toy.${adapter.id}`, undefined, { timeout: 2000 });
    return m.json<T>();
  };

  it('answers PING and INFO with the standard shapes', async () => {
    expect(await srv('PING')).toEqual({
      type: 'io.nats.micro.v1.ping_response',
      name: 'stats-toy',
      id: adapter.id,
      version: '2.0.1',
      metadata: { provider: PROVIDER },
    });
    expect(await srv('INFO')).toEqual({
      type: 'io.nats.micro.v1.info_response',
      name: 'stats-toy',
      id: adapter.id,
      version: '2.0.1',
      description: 'toy for $SRV tests',
      metadata: { provider: PROVIDER },
      endpoints: [
        {
          name: 'Slow',
          subject: SUBJECT,
          queue_group: subjects.serviceQueue(PROVIDER),
          metadata: { version: 'v1', method: 'toy.Slow/Slow' },
        },
      ],
    });
  });

  it('reports last_error as an empty string in STATS before any request failed, as the schema requires', async () => {
    const stats = await srv<StatsAnswer>('STATS');
    expect(stats.endpoints.map((e) => [e.num_requests, e.num_errors, e.last_error])).toEqual([[0, 0, '']]);
  });

  it('reports in STATS the whole async processing time, requests, server errors and outcome counts', async () => {
    const statuses = await Promise.all(['a', 'b', 'missing', 'down'].map(ask));
    expect(statuses).toEqual(['ok', 'ok', 'client.not_found', 'server.upstream_failure']);
    const stats = await srv<StatsAnswer>('STATS');
    expect(stats).toMatchObject({ type: 'io.nats.micro.v1.stats_response', name: 'stats-toy', id: adapter.id, version: '2.0.1' });
    expect(Number.isNaN(Date.parse(stats.started))).toBe(false);
    expect(stats.endpoints).toHaveLength(1);
    const ep = stats.endpoints[0]!;
    expect(ep).toMatchObject({
      name: 'Slow',
      subject: SUBJECT,
      queue_group: subjects.serviceQueue(PROVIDER),
      num_requests: 4,
      num_errors: 1,
      last_error: 'server.upstream_failure: toy system down',
      data: { ok: 2, clientErrors: 1, serverErrors: 1, inFlight: 0 },
    });
    expect(ep.average_processing_time).toBeGreaterThanOrEqual(50_000_000 * 0.98); // ns; timer slack
    expect(ep.processing_time).toBeGreaterThanOrEqual(4 * ep.average_processing_time - 4);
    // The same numbers through the nats.js service client, as ops tools read them.
    const client = new Svcm(nc as unknown as ConstructorParameters<typeof Svcm>[0]).client();
    const all = [];
    for await (const s of await client.stats('stats-toy')) all.push(s);
    expect(all.find((s) => s.id === adapter.id)?.endpoints?.[0]?.num_requests).toBe(4);
  });
});
