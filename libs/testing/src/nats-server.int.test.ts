import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { startNatsServer, type NatsServerHandle } from './nats-server';

describe('test nats-server harness', () => {
  let server: NatsServerHandle;
  beforeAll(async () => {
    server = await startNatsServer({ private: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('starts a server on a free loopback port with JetStream enabled', async () => {
    expect(server.port).toBeGreaterThan(0);
    const nc = await connect({ servers: server.url });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.getAccountInfo();
      expect(info.streams).toBe(0);
      const sub = nc.subscribe('ping', { callback: (_e, m) => void m.respond('pong') });
      const r = await nc.request('ping', '', { timeout: 2000 });
      expect(r.string()).toBe('pong');
      sub.unsubscribe();
    } finally {
      await nc.close();
    }
  });

  it('restarts on the same port and keeps JetStream data', async () => {
    const nc = await connect({ servers: server.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'KEEP', subjects: ['keep.>'] });
    await nc.close();
    const port = server.port;
    await server.restart();
    expect(server.port).toBe(port);
    const nc2 = await connect({ servers: server.url });
    const jsm2 = await jetstreamManager(nc2);
    expect((await jsm2.streams.info('KEEP')).config.name).toBe('KEEP');
    await nc2.close();
  });
});
