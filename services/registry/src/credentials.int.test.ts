// Credentials on an auth-enabled nats-server (2.10): an issued NATS credential connects and is held to
// its own subjects; a revocation drops it within seconds and refuses it after; revocations come back
// after the broker loses them; tokens and limits round-trip through the snapshot and change events.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credsAuthenticator, type NatsConnection } from '@nats-io/nats-core';
import { createUser } from '@nats-io/nkeys';
import { connect } from '@nats-io/transport-node';
import { createTrust, credsText, issueCreds, permissionsFor, serverAuthConfig, systemUserCreds, type Role } from '@ndxp/broker-auth';
import { Header, MeshError, RegistryChange, RegistryDefinition, subjects } from '@ndxp/contracts';
import { createLogger } from '@ndxp/runtime';
import { openSqliteRegistryStore, type SqliteRegistryStore } from '@ndxp/store';
import { startNatsServer, waitUntil, type NatsServerHandle } from '@ndxp/testing';
import { tokenSha256 } from './access-handlers';
import { DEFAULT_SEED_DIR } from './config';
import { startRegistry, type RunningRegistry } from './registry';
import { seedRegistry } from './seeder';
import { TokenSigner } from './token-signer';

const logger = createLogger({ service: 'registry-credentials-test', level: 'silent' });
const trust = createTrust();
const LGSP = 'TINH-01-LGSP';
const REQ = `ndxp.req.${LGSP}.BO-BKHDT-DKDN.GetEnterprise`;
const M = RegistryDefinition.methods;

let server: NatsServerHandle;
let dir: string;
let resolverDir: string;
let store: SqliteRegistryStore;
let registryNc: NatsConnection;
let systemNc: NatsConnection;
let ops: NatsConnection;
let routing: NatsConnection;
let registry: RunningRegistry;
const open: NatsConnection[] = [];

/** Connects with creds text; services reconnect forever, test clients (reconnect false) do not. */
async function connectAs(creds: string, inboxPrefix: string | undefined, reconnect: boolean): Promise<NatsConnection> {
  const nc = await connect({
    servers: server.url,
    authenticator: credsAuthenticator(new TextEncoder().encode(creds)),
    reconnect,
    ...(reconnect ? { maxReconnectAttempts: -1, reconnectTimeWait: 100 } : {}),
    ...(inboxPrefix ? { inboxPrefix } : {}),
  });
  open.push(nc);
  return nc;
}
const roleCreds = async (role: Role): Promise<string> => (await issueCreds(trust, role.kind, permissionsFor(role))).creds;

/** Calls a registry method over NATS as the ops user and decodes its answer. */
async function call<K extends keyof typeof M>(
  method: K,
  body: Parameters<(typeof M)[K]['requestType']['fromPartial']>[0],
): Promise<ReturnType<(typeof M)[K]['responseType']['decode']>> {
  const def = M[method];
  const req = (def.requestType as { encode(m: unknown): { finish(): Uint8Array }; fromPartial(o: unknown): unknown }).encode(
    (def.requestType as { fromPartial(o: unknown): unknown }).fromPartial(body),
  );
  const reply = await ops.request(subjects.registry(def.name), req.finish(), { timeout: 5000 });
  const failure = reply.headers ? MeshError.fromHeaders(reply.headers) : undefined;
  if (failure) throw failure;
  expect(reply.headers?.get(Header.Status)).toBe('ok');
  return def.responseType.decode(reply.data) as ReturnType<(typeof M)[K]['responseType']['decode']>;
}

/** Issues a NATS credential through the registry for a locally made key pair; returns the creds text. */
async function issueNats(consumer: string): Promise<{ creds: string; keyId: string }> {
  const user = createUser();
  const res = await call('issueCredential', { consumer, kind: 'nats', publicKey: user.getPublicKey() });
  return { creds: credsText(res.secret, user), keyId: user.getPublicKey() };
}

async function refused(creds: string): Promise<boolean> {
  return connectAs(creds, `_INBOX.${LGSP}`, false).then(
    async (nc) => (await nc.close(), false),
    (err: Error) => /Authorization Violation/.test(err.message),
  );
}

async function startTheRegistry(): Promise<void> {
  systemNc = await connectAs(await systemUserCreds(trust), undefined, true);
  registry = await startRegistry({
    signer: await TokenSigner.ephemeral(),
    nc: registryNc,
    store,
    logger,
    auth: { trust, systemConnection: systemNc },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ndxp-registry-creds-'));
  resolverDir = join(dir, 'jwt');
  server = await startNatsServer({ private: true, config: await serverAuthConfig(trust, { resolverDir }) });
  store = openSqliteRegistryStore(join(dir, 'registry.sqlite'));
  await seedRegistry(store, DEFAULT_SEED_DIR);
  registryNc = await connectAs(await roleCreds({ kind: 'registry' }), '_INBOX.registry', true);
  ops = await connectAs(await roleCreds({ kind: 'ops' }), '_INBOX.ops', true);
  routing = await connectAs(await roleCreds({ kind: 'routing' }), '_INBOX.routing', true);
  routing.subscribe(subjects.requestAll, {
    callback: (_e, m) => {
      m.respond(new TextEncoder().encode(m.subject));
    },
  });
  await routing.flush();
  await startTheRegistry();
});

afterAll(async () => {
  await registry?.stop();
  for (const nc of open) await nc.close().catch(() => undefined);
  await store?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an issued NATS credential connects and may publish only under its own consumer token', async () => {
  const { creds } = await issueNats(LGSP);
  const lgsp = await connectAs(creds, `_INBOX.${LGSP}`, false);
  const own = await lgsp.request(REQ, undefined, { timeout: 3000 });
  expect(new TextDecoder().decode(own.data)).toBe(REQ);
  const errors: string[] = [];
  void (async () => {
    for await (const s of lgsp.status()) if (s.type === 'error') errors.push(String(s.error?.message ?? ''));
  })();
  lgsp.publish('ndxp.req.TINH-79-LGSP.BO-BKHDT-DKDN.GetEnterprise');
  await lgsp.flush();
  await waitUntil(async () => errors.some((e) => /Permissions Violation for Publish to "ndxp.req.TINH-79-LGSP/.test(e)));
  await lgsp.close();
});

test('revoking a NATS credential closes its live connection within 5 s and refuses the next one', async () => {
  const { creds, keyId } = await issueNats(LGSP);
  const lgsp = await connectAs(creds, `_INBOX.${LGSP}`, false);
  const started = Date.now();
  const res = await call('revokeCredentials', { consumer: LGSP, keyId });
  expect(res.revoked.map((c) => c.keyId)).toEqual([keyId]);
  const closedWith = await lgsp.closed();
  expect(Date.now() - started).toBeLessThan(5000);
  expect(String(closedWith?.message ?? '')).toMatch(/Revoked|Authorization/);
  expect(await refused(creds)).toBe(true);
});

test('after the broker loses its account folder, the registry pushes the revocations again (on reconnect and at start)', async () => {
  const { creds, keyId } = await issueNats(LGSP);
  await call('revokeCredentials', { consumer: LGSP, keyId });
  expect(await refused(creds)).toBe(true);

  // Restart with an empty resolver folder: the server knows only the preloaded account (no
  // revocations) until the registry's system connection reconnects and pushes them again.
  for (const f of readdirSync(resolverDir)) rmSync(join(resolverDir, f), { force: true });
  await server.restart();
  await waitUntil(() => refused(creds));

  // A registry started after the loss pushes them at start.
  await registry.stop();
  await systemNc.close();
  for (const f of readdirSync(resolverDir)) rmSync(join(resolverDir, f), { force: true });
  await server.restart();
  await waitUntil(async () => !(await refused(creds)));
  await startTheRegistry();
  expect(await refused(creds)).toBe(true);
}, 60_000);

test('a token credential stores only its hash in the snapshot and its revocation sets revoked_at_ms, each with a change event', async () => {
  const events = routing.subscribe(subjects.registryEvents, { max: 2 });
  await routing.flush();
  const issued = await call('issueCredential', { consumer: 'TINH-79-LGSP', kind: 'token' });
  expect(issued.secret).toMatch(/^ndxp_/);
  const keyId = issued.credential!.keyId;
  const snap = await call('snapshot', {});
  expect(snap.credentials.find((c) => c.keyId === keyId)).toMatchObject({ tokenSha256: tokenSha256(issued.secret), revokedAtMs: 0 });
  const revoked = await call('revokeCredentials', { consumer: 'TINH-79-LGSP', keyId: '' });
  expect(revoked.revoked).toEqual([expect.objectContaining({ keyId, revokedAtMs: expect.any(Number) })]);
  const after = await call('listCredentials', { consumer: 'TINH-79-LGSP' });
  expect(after.credentials[0]!.revokedAtMs).toBeGreaterThan(0);
  const seen: string[] = [];
  for await (const m of events) seen.push(RegistryChange.decode(m.data).change?.$case ?? '');
  expect(seen).toEqual(['credentialIssued', 'credentialRevoked']);
});

test('limits round-trip through the snapshot and a limits_set change event', async () => {
  const events = routing.subscribe(subjects.registryEvents, { max: 1 });
  await routing.flush();
  const limits = { consumer: 'TINH-48-LGSP', ratePerSecond: 5, burst: 10, dailyQuota: 1000 };
  const res = await call('setLimits', limits);
  for await (const m of events)
    expect(RegistryChange.decode(m.data)).toEqual({ revision: res.revision, change: { $case: 'limitsSet', value: limits } });
  expect((await call('snapshot', {})).limits).toContainEqual(limits);
});
