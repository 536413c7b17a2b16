// `ndxp credentials` and `ndxp limits` against a registry process on an auth-enabled nats-server:
// an issued creds file works and is held to its consumer's subjects; revoke drops it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { credsAuthenticator, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { createTrust, issueCreds, permissionsFor, saveTrust, serverAuthConfig, systemUserCreds, type Role } from '@ndxp/broker-auth';
import { REPO_ROOT, serviceEntry, startNatsServer, startProcess, type NatsServerHandle, type ServiceProcess } from '@ndxp/testing';

const CLI = join(REPO_ROOT, 'tools/ndxp/dist/main.js');
const run = promisify(execFile);
const LGSP = 'TINH-01-LGSP';
const trust = createTrust();

let dir: string;
let server: NatsServerHandle;
let registry: ServiceProcess;
let opsCreds: string;
let routing: NatsConnection;

async function credsFile(role: Role, name: string): Promise<string> {
  const file = join(dir, `${name}.creds`);
  writeFileSync(file, (await issueCreds(trust, name, permissionsFor(role))).creds, { mode: 0o600 });
  return file;
}

const cli = (args: string[]) =>
  run(process.execPath, [CLI, ...args], { env: { ...process.env, NATS_URL: server.url, NATS_CREDS: opsCreds } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

function connectWithFile(file: string, reconnect = false): Promise<NatsConnection> {
  return connect({
    servers: server.url,
    authenticator: credsAuthenticator(readFileSync(file)),
    inboxPrefix: `_INBOX.${LGSP}`,
    reconnect,
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ndxp-e2e-creds-'));
  server = await startNatsServer({ private: true, config: await serverAuthConfig(trust, { resolverDir: join(dir, 'jwt') }) });
  const trustFile = saveTrust(join(dir, 'auth'), trust);
  const systemFile = join(dir, 'system.creds');
  writeFileSync(systemFile, await systemUserCreds(trust), { mode: 0o600 });
  opsCreds = await credsFile({ kind: 'ops' }, 'ops');
  registry = await startProcess({
    name: 'registry',
    script: join(REPO_ROOT, serviceEntry('registry')),
    env: {
      NATS_URL: server.url,
      NATS_CREDS: await credsFile({ kind: 'registry' }, 'registry'),
      NATS_INBOX_PREFIX: '_INBOX.registry',
      REGISTRY_DB: join(dir, 'registry.sqlite'),
      REGISTRY_GRPC_ADDR: 'off',
      REGISTRY_AUTH_TRUST: trustFile,
      REGISTRY_AUTH_SYSTEM_CREDS: systemFile,
      LOG_LEVEL: 'info',
    },
  });
  routing = await connect({
    servers: server.url,
    authenticator: credsAuthenticator(readFileSync(await credsFile({ kind: 'routing' }, 'routing'))),
    inboxPrefix: '_INBOX.routing',
  });
  routing.subscribe('ndxp.req.>', {
    callback: (_e, m) => {
      m.respond(new TextEncoder().encode(m.subject));
    },
  });
  await routing.flush();
}, 60_000);

afterAll(async () => {
  await routing?.close();
  await registry?.stop();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('credentials and limits print help, and a bad argument is a usage error (exit 2)', async () => {
  for (const cmd of ['credentials', 'limits']) expect((await cli([cmd, '--help'])).stdout).toMatch(/Usage: ndxp/);
  const bad = await cli(['credentials', 'issue', LGSP, '--expires-in', 'soon']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--expires-in must look like/);
  expect((await cli(['limits', 'set', LGSP, '--rate', 'fast'])).code).toBe(2);
});

test('credentials issue writes a 0600 creds file that connects and may publish only as its consumer; revoke drops it', async () => {
  const file = join(dir, 'tinh-01.creds');
  const issued = await cli(['credentials', 'issue', LGSP, '--out', file, '--expires-in', '30d']);
  expect(issued.stderr).toBe('');
  expect(issued.code).toBe(0);
  const keyId = /key id: (U[A-Z0-9]+)/.exec(issued.stdout)?.[1];
  expect(keyId).toBeDefined();
  expect(issued.stdout).not.toMatch(/SU[A-Z0-9]{50,}/);
  expect(statSync(file).mode & 0o777).toBe(0o600);

  const lgsp = await connectWithFile(file);
  const own = await lgsp.request(`ndxp.req.${LGSP}.BO-BKHDT-DKDN.GetEnterprise`, undefined, { timeout: 3000 });
  expect(new TextDecoder().decode(own.data)).toBe(`ndxp.req.${LGSP}.BO-BKHDT-DKDN.GetEnterprise`);
  await expect(lgsp.request('ndxp.req.TINH-79-LGSP.BO-BKHDT-DKDN.GetEnterprise', undefined, { timeout: 1000 })).rejects.toThrow();

  const listed = await cli(['credentials', 'list', LGSP]);
  expect(listed.stdout).toMatch(new RegExp(`${LGSP}\\s+nats\\s+${keyId}\\s.*valid`));

  const started = Date.now();
  const revoked = await cli(['credentials', 'revoke', LGSP, '--key', keyId!]);
  expect(revoked.stdout).toContain(`revoked nats ${keyId} of ${LGSP}`);
  await lgsp.closed();
  expect(Date.now() - started).toBeLessThan(5000);
  await expect(connectWithFile(file)).rejects.toThrow(/Authorization Violation/);
  expect((await cli(['credentials', 'list', LGSP])).stdout).toMatch(/revoked \d{4}-/);
}, 60_000);

test('credentials issue --kind token prints a token once; limits set and show round-trip', async () => {
  const token = await cli(['credentials', 'issue', 'TINH-79-LGSP', '--kind', 'token']);
  expect(token.code).toBe(0);
  expect(token.stdout).toMatch(/\nndxp_[A-Za-z0-9_-]{43}\n/);
  const set = await cli(['limits', 'set', LGSP, '--rate', '50/s', '--burst', '100', '--daily-quota', '200000']);
  expect(set.stdout).toMatch(/limits of TINH-01-LGSP: 50\/s, burst 100, 200000 a day/);
  expect((await cli(['limits', 'show'])).stdout).toMatch(/TINH-01-LGSP\s+50\/s\s+100\s+200000/);
  const unknown = await cli(['limits', 'set', 'TINH-99-LGSP', '--rate', '5']);
  // A client.* refusal exits 3 (the README's exit status table), a server.* failure 4.
  expect(unknown.code).toBe(3);
  expect(unknown.stderr).toMatch(/client\.not_found/);
});
