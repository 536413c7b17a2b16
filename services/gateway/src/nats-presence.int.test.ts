import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { createLogger, type ServiceDiscovery } from '@ndxp/runtime';
import { gatherSrvAnswers, microSchemaErrors, startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { GATEWAY_SERVICE_NAME, startNatsPresence } from './nats-presence';

const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

describe("the gateway's presence in NATS service discovery", () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let presence: ServiceDiscovery;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    presence = await startNatsPresence(nc, createLogger({ service: 'gateway-test', level: 'silent' }), {
      instanceId: 'gw-7',
      grpcPort: 50070,
    });
  });
  afterAll(async () => {
    presence?.stop();
    await nc?.close();
    await server?.stop();
  });

  it('answers PING, INFO and STATS as ndxp-gateway with its package version and no endpoints, valid by the schemas', async () => {
    for (const verb of ['PING', 'INFO', 'STATS'] as const) {
      const answers = await gatherSrvAnswers(nc, verb, { name: GATEWAY_SERVICE_NAME });
      expect(answers).toHaveLength(1);
      expect(microSchemaErrors(verb, answers[0])).toEqual([]);
      expect(answers[0]).toMatchObject({
        name: 'ndxp-gateway',
        id: presence.id,
        version: VERSION,
        metadata: { instance: 'gw-7', grpc_port: '50070' },
        ...(verb === 'PING' ? {} : { endpoints: [] }),
      });
    }
  });
});
