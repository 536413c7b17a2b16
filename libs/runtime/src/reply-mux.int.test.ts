import { connect } from '@nats-io/transport-node';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { ReplyError, ReplyMux } from './reply-mux';

describe('ReplyMux on a real nats-server', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let mux: ReplyMux;
  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    mux = new ReplyMux(nc);
    nc.subscribe('echo', { callback: (_e, m) => void m.respond(m.data, { headers: m.headers }) });
    nc.subscribe('silent', { callback: () => undefined });
    await nc.flush();
  });
  afterAll(async () => {
    mux?.close();
    await nc?.close();
    await server?.stop();
  });

  it('pairs many concurrent replies with their requests', async () => {
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const h = headers();
        h.set('X-I', String(i));
        return mux.request('echo', new TextEncoder().encode(`m${i}`), h, 2000);
      }),
    );
    replies.forEach((r, i) => {
      expect(new TextDecoder().decode(r.data)).toBe(`m${i}`);
      expect(r.headers?.get('X-I')).toBe(String(i));
    });
    expect(mux.size).toBe(0);
  });

  it('rejects at once with no_responders when nobody subscribes', async () => {
    const t0 = performance.now();
    const err = await mux.request('nobody.home', new Uint8Array(1), undefined, 2000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReplyError);
    expect((err as ReplyError).reason).toBe('no_responders');
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('rejects with timeout when the responder never answers, and forgets the request', async () => {
    const err = await mux.request('silent', new Uint8Array(1), undefined, 50).catch((e: unknown) => e);
    expect((err as ReplyError).reason).toBe('timeout');
    expect(mux.size).toBe(0);
  });
});
