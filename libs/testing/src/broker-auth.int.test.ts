// The trust chain on a real nats-server (2.10, as bootstrap installs it): permissions hold, and a revocation pushed at run time
// drops a connected user and refuses the next connection.
import { connect } from '@nats-io/transport-node';
import { credsAuthenticator, type NatsConnection } from '@nats-io/nats-core';
import { createUser } from '@nats-io/nkeys';
import { startNatsServer, type NatsServerHandle } from './nats-server';
import { waitUntil } from './wait-until';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  accountJwt,
  createTrust,
  credsText,
  issueCreds,
  permissionsFor,
  pushAccountJwt,
  serverAuthConfig,
  systemUserCreds,
  userJwt,
} from '@ndxp/broker-auth';

const trust = createTrust();
let server: NatsServerHandle;
const open: NatsConnection[] = [];

async function as(creds: string, inboxPrefix?: string): Promise<NatsConnection> {
  const nc = await connect({
    servers: server.url,
    authenticator: credsAuthenticator(new TextEncoder().encode(creds)),
    reconnect: false,
    ...(inboxPrefix ? { inboxPrefix } : {}),
  });
  open.push(nc);
  return nc;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ndxp-auth-'));
  server = await startNatsServer({ private: true, config: await serverAuthConfig(trust, { resolverDir: join(dir, 'jwt') }) });
});
afterAll(async () => {
  for (const nc of open) await nc.close().catch(() => undefined);
  await server.stop();
});

test('an anonymous connection is refused', async () => {
  await expect(connect({ servers: server.url, reconnect: false })).rejects.toThrow(/Authorization Violation/);
});

test('an LGSP may publish under its own consumer token and is refused under another', async () => {
  const routing = await as((await issueCreds(trust, 'routing', permissionsFor({ kind: 'routing' }))).creds, '_INBOX.routing');
  routing.subscribe('ndxp.req.>', {
    callback: (_e, m) => {
      m.respond(new TextEncoder().encode(m.subject));
    },
  });
  await routing.flush();
  const a = await as(
    (await issueCreds(trust, 'TINH-01-LGSP', permissionsFor({ kind: 'lgsp', consumer: 'TINH-01-LGSP' }))).creds,
    '_INBOX.TINH-01-LGSP',
  );
  const own = await a.request('ndxp.req.TINH-01-LGSP.BO-BKHDT-DKDN.GetEnterprise', undefined, { timeout: 2000 });
  expect(new TextDecoder().decode(own.data)).toBe('ndxp.req.TINH-01-LGSP.BO-BKHDT-DKDN.GetEnterprise');
  const errors: string[] = [];
  void (async () => {
    for await (const s of a.status()) if (s.type === 'error') errors.push(String(s.error?.message ?? ''));
  })();
  a.publish('ndxp.req.TINH-79-LGSP.BO-BKHDT-DKDN.GetEnterprise');
  await a.flush();
  await waitUntil(() => errors.some((e) => /Permissions Violation for Publish to "ndxp.req.TINH-79-LGSP/.test(e)), { timeoutMs: 3000 });
});

test('a revocation pushed at run time drops the connected user and refuses its credentials', async () => {
  const user = createUser();
  const jwt = await userJwt(trust, 'TINH-02-LGSP', user.getPublicKey(), permissionsFor({ kind: 'lgsp', consumer: 'TINH-02-LGSP' }));
  const creds = credsText(jwt, user);
  const lgsp = await as(creds, '_INBOX.TINH-02-LGSP');
  const sys = await as(await systemUserCreds(trust));
  const started = Date.now();
  await pushAccountJwt(sys, await accountJwt(trust, { [user.getPublicKey()]: Math.floor(Date.now() / 1000) }));
  const closedWith = await lgsp.closed();
  expect(Date.now() - started).toBeLessThan(5000);
  expect(String(closedWith?.message ?? '')).toMatch(/Revoked|Authorization/);
  await expect(as(creds)).rejects.toThrow(/Authorization Violation/);
});
