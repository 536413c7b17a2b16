// connectNats on a broker with TLS and authorization: the service's creds, the CA it trusts and its
// role's inbox prefix come from the environment, and ReplyMux replies arrive under that prefix.
import { connect } from '@nats-io/transport-node';
import { credsAuthenticator, type NatsConnection } from '@nats-io/nats-core';
import { inboxPrefixFor } from '@ndxp/broker-auth';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { readFileSync } from 'node:fs';
import { loadCommonConfig } from './config';
import { createLogger } from './logger';
import { connectNats } from './nats';
import { ReplyMux } from './reply-mux';

describe('connectNats with TLS, credentials and an inbox prefix', () => {
  let server: NatsServerHandle;
  const open: NatsConnection[] = [];
  beforeAll(async () => {
    server = await startNatsServer({ auth: true, tls: true });
  });
  afterAll(async () => {
    for (const nc of open) await nc.close().catch(() => undefined);
    await server?.stop();
  });

  it('connects as routing over TLS and gets adapter replies on its own inbox with no violation', async () => {
    const provider = 'BO-BKHDT-DKDN';
    const adapter = await connect({
      servers: server.url,
      tls: { caFile: server.caFile! },
      inboxPrefix: inboxPrefixFor({ kind: 'adapter', provider }),
      authenticator: credsAuthenticator(readFileSync(await server.credsFile({ kind: 'adapter', provider }))),
    });
    open.push(adapter);
    adapter.subscribe(`ndxp.svc.${provider}.GetEnterprise`, {
      callback: (_e, m) => {
        m.respond(m.data);
      },
    });
    await adapter.flush();
    const config = loadCommonConfig(
      {
        NATS_URL: server.url,
        NATS_CREDS: await server.credsFile({ kind: 'routing' }),
        NATS_TLS_CA: server.caFile,
        NATS_INBOX_PREFIX: inboxPrefixFor({ kind: 'routing' }),
      },
      'routing',
    );
    const nc = await connectNats(config, 'routing-test', createLogger({ service: 'routing-test', level: 'silent' }));
    open.push(nc);
    const mux = new ReplyMux(nc);
    try {
      const reply = await mux.request(`ndxp.svc.${provider}.GetEnterprise`, new TextEncoder().encode('hi'), undefined, 3000);
      expect(new TextDecoder().decode(reply.data)).toBe('hi');
      expect(reply.subject.startsWith('_INBOX.routing.')).toBe(true);
    } finally {
      mux.close();
    }
    await nc.flush();
    expect(server.log()).not.toMatch(/Violation/);
  });
});
