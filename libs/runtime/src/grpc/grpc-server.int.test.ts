// The connection settings take effect on a real grpc-js server and client: a connection older than
// GRPC_MAX_CONNECTION_AGE_MS is sent away (the client goes idle and reconnects on its next call).
import { connectivityState, credentials, makeGenericClientConstructor, ServerCredentials, type Client } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { createGrpcServer } from './grpc-server';
import { GRPC_SERVER_DEFAULTS } from './grpc-server-settings';

type HealthClient = Client & { check(req: { service: string }, cb: (err: Error | null, res?: { status: string }) => void): void };

describe('createGrpcServer', () => {
  it('closes a connection once it reaches the maximum age, and answers health on the next one', async () => {
    const { server, health } = createGrpcServer(['test.v1.Thing'], {
      ...GRPC_SERVER_DEFAULTS,
      maxConnectionAgeMs: 800,
      maxConnectionAgeGraceMs: 200,
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    const Health = makeGenericClientConstructor(healthService, 'Health');
    const client = new Health(`127.0.0.1:${port}`, credentials.createInsecure()) as unknown as HealthClient;
    const check = (service: string): Promise<string> =>
      new Promise((resolve, reject) => client.check({ service }, (err, res) => (err ? reject(err) : resolve(String(res?.status)))));
    try {
      expect(await check('test.v1.Thing')).toBe('SERVING');
      const channel = client.getChannel();
      expect(channel.getConnectivityState(false)).toBe(connectivityState.READY);
      // Sent away within the age (plus grpc-js's jitter) and grace: the channel leaves READY.
      await new Promise<void>((resolve, reject) =>
        channel.watchConnectivityState(connectivityState.READY, Date.now() + 5_000, (err) => (err ? reject(err) : resolve())),
      );
      expect(channel.getConnectivityState(false)).not.toBe(connectivityState.READY);
      health.drain();
      expect(await check('')).toBe('NOT_SERVING');
    } finally {
      client.close();
      server.forceShutdown();
    }
  });
});
