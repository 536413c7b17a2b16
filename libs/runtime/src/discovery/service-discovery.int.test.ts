import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { MeshError } from '@ndxp/contracts';
import { gatherSrvAnswers, microSchemaErrors, startNatsServer, type MicroVerb, type NatsServerHandle } from '@ndxp/testing';
import pino from 'pino';
import { NATS_OPS_CALLER } from '../access/nats-caller';
import { ConfigError } from '../config-error';
import type { MethodEntry } from '../proto-api/method-table';
import { serveNatsApi, type NatsApi } from '../proto-api/nats-api';
import { startServiceDiscovery, type ServiceDiscovery } from './service-discovery';

const logger = pino({ level: 'silent' });
const enc = new TextEncoder();
const dec = new TextDecoder();

/** Echoes its request; "refuse" is a client error, "boom" an unexpected failure. */
const echo: MethodEntry = {
  key: 'echo',
  name: 'Echo',
  decode: (bytes) => dec.decode(bytes),
  encode: (text) => enc.encode(String(text)),
  handle: (req) => {
    if (req === 'refuse') return Promise.reject(new MeshError('client.invalid_argument', 'no refusals', { field: 'text' }));
    if (req === 'boom') return Promise.reject(new Error('disk on fire'));
    return Promise.resolve(req);
  },
};
const quiet: MethodEntry = { ...echo, key: 'quiet', name: 'Quiet' };

interface StatsEndpoint {
  name: string;
  subject: string;
  queue_group?: string;
  num_requests: number;
  num_errors: number;
  last_error: string;
}

describe('NATS service discovery of the runtime', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let client: NatsConnection;
  let presence: ServiceDiscovery;
  let api: NatsApi;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    client = await connect({ servers: server.url });
    presence = await startServiceDiscovery(nc, {
      name: 'toy-presence',
      version: '1.0.0',
      description: 'no endpoints',
      metadata: { instance: 'p-1' },
    });
    api = await serveNatsApi(nc, [echo, quiet], {
      subject: (m) => `toy.api.${m}`,
      queue: 'toy-api',
      logger,
      caller: NATS_OPS_CALLER,
      discovery: { name: 'toy-api', version: '0.3.0', description: 'toy API' },
    });
  });
  afterAll(async () => {
    await api?.stop();
    presence?.stop();
    await client?.close();
    await nc?.close();
    await server?.stop();
  });

  const ask = (verb: MicroVerb, name?: string) => gatherSrvAnswers(client, verb, name ? { name } : {});

  it('answers PING, INFO and STATS of every service, by name and by instance, each valid by the official schema', async () => {
    for (const verb of ['PING', 'INFO', 'STATS'] as const) {
      const all = (await ask(verb)) as Array<{ name: string; id: string }>;
      expect(all.map((a) => a.name).sort()).toEqual(['toy-api', 'toy-presence']);
      for (const a of all) expect(microSchemaErrors(verb, a)).toEqual([]);
      expect(((await ask(verb, 'toy-presence')) as Array<{ id: string }>).map((a) => a.id)).toEqual([presence.id]);
      const one = await client.request(`$SRV.${verb}.toy-api.${api.discoveryId ?? ''}`, undefined, { timeout: 2000 });
      expect(one.json<{ id: string }>().id).toBe(api.discoveryId);
    }
  });

  it('describes a presence without endpoints, and an API with one endpoint per method in its queue group', async () => {
    const [info] = await ask('INFO', 'toy-presence');
    expect(info).toEqual({
      type: 'io.nats.micro.v1.info_response',
      name: 'toy-presence',
      id: presence.id,
      version: '1.0.0',
      metadata: { instance: 'p-1' },
      description: 'no endpoints',
      endpoints: [],
    });
    const [apiInfo] = (await ask('INFO', 'toy-api')) as Array<{ endpoints: unknown[] }>;
    expect(apiInfo?.endpoints).toEqual([
      { name: 'Echo', subject: 'toy.api.Echo', queue_group: 'toy-api', metadata: null },
      { name: 'Quiet', subject: 'toy.api.Quiet', queue_group: 'toy-api', metadata: null },
    ]);
  });

  it('counts requests and server errors in STATS, last_error empty until an endpoint failed', async () => {
    const before = (await ask('STATS', 'toy-api')) as Array<{ endpoints: StatsEndpoint[] }>;
    expect(before[0]?.endpoints.map((e) => [e.name, e.num_requests, e.num_errors, e.last_error])).toEqual([
      ['Echo', 0, 0, ''],
      ['Quiet', 0, 0, ''],
    ]);
    for (const text of ['hi', 'refuse', 'boom']) await client.request('toy.api.Echo', enc.encode(text), { timeout: 2000 });
    const [after] = (await ask('STATS', 'toy-api')) as Array<{ endpoints: StatsEndpoint[] }>;
    expect(microSchemaErrors('STATS', after)).toEqual([]);
    expect(after?.endpoints.map((e) => [e.name, e.num_requests, e.num_errors, e.last_error])).toEqual([
      ['Echo', 3, 1, 'server.internal: internal error'],
      ['Quiet', 0, 0, ''],
    ]);
  });

  it('sends Nats-Service-Error and Nats-Service-Error-Code beside the Ndxp headers of an error answer', async () => {
    const refused = await client.request('toy.api.Echo', enc.encode('refuse'), { timeout: 2000 });
    expect(
      ['Ndxp-Status', 'Ndxp-Error-Field', 'Nats-Service-Error', 'Nats-Service-Error-Code'].map((k) => refused.headers?.get(k)),
    ).toEqual(['client.invalid_argument', 'text', 'no refusals', '400']);
    const failed = await client.request('toy.api.Echo', enc.encode('boom'), { timeout: 2000 });
    expect([failed.headers?.get('Ndxp-Status'), failed.headers?.get('Nats-Service-Error-Code')]).toEqual(['server.internal', '500']);
    const ok = await client.request('toy.api.Echo', enc.encode('fine'), { timeout: 2000 });
    expect([ok.headers?.get('Ndxp-Status'), ok.headers?.has('Nats-Service-Error')]).toEqual(['ok', false]);
  });

  it('refuses a service name or version the schemas would refuse', async () => {
    await expect(startServiceDiscovery(nc, { name: 'ndxp.registry', version: '1.0.0', description: '' })).rejects.toThrow(ConfigError);
    await expect(startServiceDiscovery(nc, { name: 'ndxp-registry', version: 'v1', description: '' })).rejects.toThrow(/not semantic/);
    await expect(
      startServiceDiscovery(nc, { name: 'x', version: '1.0.0', description: '', endpoints: [{ name: 'a b', subject: 'x.y' }] }),
    ).rejects.toThrow(/letters, digits/);
  });

  it('answers no more once stopped', async () => {
    const extra = await startServiceDiscovery(nc, { name: 'toy-leaving', version: '1.0.0', description: '' });
    expect(await ask('PING', 'toy-leaving')).toHaveLength(1);
    extra.stop();
    expect(await ask('PING', 'toy-leaving')).toEqual([]);
  });
});
