// The harness's secure servers: authorization with a trust chain made at test time, violations in
// the server log, and TLS with certificates made by openssl at test time.
import { connect } from '@nats-io/transport-node';
import { credsAuthenticator, type NatsConnection } from '@nats-io/nats-core';
import { readFileSync } from 'node:fs';
import { startNatsServer, type NatsServerHandle } from './nats-server';
import { waitUntil } from './wait-until';

describe('nats-server with auth', () => {
  let server: NatsServerHandle;
  beforeAll(async () => {
    server = await startNatsServer({ auth: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses an anonymous connection', async () => {
    await expect(connect({ servers: server.url, reconnect: false })).rejects.toThrow(/Authorization Violation/);
  });

  it('accepts a creds file of a role and logs its permission violations', async () => {
    const file = await server.credsFile({ kind: 'lgsp', consumer: 'TINH-01-LGSP' });
    const nc: NatsConnection = await connect({
      servers: server.url,
      authenticator: credsAuthenticator(readFileSync(file)),
      inboxPrefix: '_INBOX.TINH-01-LGSP',
      reconnect: false,
    });
    try {
      nc.publish('ndxp.svc.BO-BKHDT-DKDN.GetEnterprise');
      await nc.flush();
      await waitUntil(() => /Publish Violation.*ndxp\.svc\.BO-BKHDT-DKDN\.GetEnterprise/.test(server.log()));
      expect(server.trust).toBeDefined();
    } finally {
      await nc.close();
    }
  });
});

describe('nats-server with TLS', () => {
  let server: NatsServerHandle;
  beforeAll(async () => {
    server = await startNatsServer({ tls: { verify: true } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves a client that trusts the CA and shows its certificate', async () => {
    expect(server.url).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);
    const nc = await connect({
      servers: server.url,
      tls: { caFile: server.caFile!, certFile: server.clientCertFile!, keyFile: server.clientKeyFile! },
      reconnect: false,
    });
    try {
      nc.subscribe('echo', { callback: (_e, m) => void m.respond(m.data) });
      expect((await nc.request('echo', 'hi', { timeout: 2000 })).string()).toBe('hi');
    } finally {
      await nc.close();
    }
  });

  it('refuses a client that does not trust the CA, and one without a client certificate', async () => {
    await expect(connect({ servers: server.url, reconnect: false, timeout: 3000 })).rejects.toThrow();
    await expect(connect({ servers: server.url, tls: { caFile: server.caFile! }, reconnect: false, timeout: 3000 })).rejects.toThrow();
  });
});
