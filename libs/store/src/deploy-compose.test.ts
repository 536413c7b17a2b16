// deploy/compose.yaml cannot run here (no container engine), so this pins what can be checked
// without one: it parses, every service entry exists in the repo, every service of the repo is in
// it, each service has the variables it needs (NATS, MongoDB replica set, upstream URLs), MongoDB
// requires authentication and the services connect with credentials from variables (no password in
// the file), and every published port binds the host's loopback.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');
interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  entrypoint?: string[] | string;
  command?: string[] | string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: (string | { host_ip?: string; published?: string | number; target?: number })[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  network_mode?: string;
}
const TEXT = readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8');
const compose = parse(TEXT, { merge: true }) as Record<string, unknown> & { services: Record<string, ComposeService> };
const services = compose.services;
const systems = JSON.parse(readFileSync(join(ROOT, 'deploy/national-systems.json'), 'utf8')) as {
  system: string;
  upstreamUrlEnv: string;
}[];

/** The repo entry a service runs ("services/x/dist/main.js"), or undefined for third-party images. */
const entryOf = (s: ComposeService): string | undefined => (Array.isArray(s.command) && s.command[0] === 'node' ? s.command[1] : undefined);
const repoServices = (): string[] => {
  const out: string[] = [];
  for (const top of readdirSync(join(ROOT, 'services'))) {
    if (existsSync(join(ROOT, 'services', top, 'src/main.ts'))) out.push(`services/${top}`);
    else
      for (const sub of readdirSync(join(ROOT, 'services', top)))
        if (existsSync(join(ROOT, 'services', top, sub, 'src/main.ts'))) out.push(`services/${top}/${sub}`);
  }
  return out;
};
const commandText = (s: ComposeService | undefined): string => [s?.entrypoint ?? [], s?.command ?? []].flat().join(' ');

/** A value compose takes from a variable that must be set: `${NAME:?message}` (no default, no literal). */
const REQUIRED_VARIABLE = /^\$\{([A-Z][A-Z0-9_]*):\?[^}]*\}$/;
/** Names of settings that hold a secret. */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|_KEY$/i;

/**
 * Every secret the compose object spells out: a secret-named variable whose value is not a required
 * ${VAR:?}, and a URL whose password is not one. Walks every string, extension fields included.
 */
function literalSecrets(node: unknown, path = ''): string[] {
  if (typeof node === 'string') {
    const out: string[] = [];
    for (const m of node.matchAll(/\/\/[^/:@\s]+:(\$\{[^}]*\}|[^@\s/]+)@/g))
      if (!REQUIRED_VARIABLE.test(m[1]!)) out.push(`${path}: the URL's password is not a required variable`);
    const key = path.split('.').pop() ?? '';
    if (SECRET_NAME.test(key) && !REQUIRED_VARIABLE.test(node)) out.push(`${path}: ${key} is not a required variable`);
    return out;
  }
  if (Array.isArray(node)) return node.flatMap((v, i) => literalSecrets(v, `${path}[${i}]`));
  if (typeof node === 'object' && node !== null)
    return Object.entries(node).flatMap(([k, v]) => literalSecrets(v, path === '' ? k : `${path}.${k}`));
  return [];
}

/** Published ports that do not bind 127.0.0.1 (short "127.0.0.1:host:container" or long form with host_ip). */
function openPorts(all: Record<string, ComposeService>): string[] {
  const out: string[] = [];
  for (const [name, s] of Object.entries(all)) {
    if (s.network_mode === 'host') out.push(`${name}: network_mode host`);
    for (const p of s.ports ?? []) {
      const loopback = typeof p === 'string' ? /^127\.0\.0\.1:\d+:\d+(\/(tcp|udp))?$/.test(p) : p.host_ip === '127.0.0.1';
      if (!loopback) out.push(`${name}: ${JSON.stringify(p)}`);
    }
  }
  return out;
}

describe('deploy/compose.yaml', () => {
  const ours = Object.entries(services).filter(([, s]) => entryOf(s) !== undefined);

  it('runs every service of the repo, each from an entry that exists, built by deploy/Dockerfile', () => {
    expect(existsSync(join(ROOT, 'deploy/Dockerfile'))).toBe(true);
    const entries = ours.map(([, s]) => entryOf(s)!);
    for (const [name, s] of ours) {
      const entry = entryOf(s)!;
      expect({ name, entry, src: existsSync(join(ROOT, entry.replace('/dist/main.js', '/src/main.ts'))) }).toEqual({
        name,
        entry,
        src: true,
      });
      expect(s.build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
    }
    expect(entries.sort()).toEqual(
      repoServices()
        .map((p) => `${p}/dist/main.js`)
        .sort(),
    );
  });

  it('has nats-server with JetStream and a single-node MongoDB replica set that an init service initiates', () => {
    expect(services['nats']?.command).toEqual(expect.arrayContaining(['-js']));
    expect(services['mongo']?.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    const init = JSON.stringify(services['mongo-init']?.command);
    expect(init).toMatch(/rs\.initiate\(\{ _id: 'rs0'/);
    expect(services['mongo-init']?.depends_on?.['mongo']?.condition).toBe('service_healthy');
  });

  it('runs MongoDB with authentication: a keyFile made 0400 for uid 999, a root user and a user ndxp from variables', () => {
    const mongo = services['mongo']!;
    const args = mongo.command as string[];
    expect(args).toEqual(expect.arrayContaining(['--keyFile', '--auth']));
    // The keyFile sits in the volume that mongo-keyfile writes, which mongod reads only after it is done.
    const keyFile = args[args.indexOf('--keyFile') + 1]!;
    const dir = keyFile.slice(0, keyFile.lastIndexOf('/'));
    const file = keyFile.slice(keyFile.lastIndexOf('/') + 1);
    const volume = mongo.volumes?.find((v) => v.split(':')[1] === dir)?.split(':')[0];
    const maker = services['mongo-keyfile']!;
    expect(volume).toBeDefined();
    expect(maker.volumes?.map((v) => v.split(':')[0])).toContain(volume);
    expect(mongo.depends_on?.['mongo-keyfile']?.condition).toBe('service_completed_successfully');
    const script = commandText(maker);
    expect(script).toContain(`/${file}`);
    expect(script).toMatch(/chown 999:999 /);
    expect(script).toMatch(/chmod 0?400 /);
    // The root user, made by the image's entrypoint, and the services' user, made by mongo-init as root.
    expect(mongo.environment?.['MONGO_INITDB_ROOT_USERNAME']).toBeDefined();
    expect(mongo.environment?.['MONGO_INITDB_ROOT_PASSWORD']).toMatch(REQUIRED_VARIABLE);
    const init = services['mongo-init']!;
    const js = commandText(init);
    expect(js).toContain('auth(process.env.MONGO_ROOT_USERNAME, process.env.MONGO_ROOT_PASSWORD)');
    expect(js).toContain("createUser({ user: 'ndxp'");
    expect(js).toContain("pwd: process.env.MONGO_NDXP_PASSWORD, roles: [{ role: 'readWrite', db: 'ndxp' }]");
    expect(init.environment?.['MONGO_ROOT_USERNAME']).toBe(mongo.environment?.['MONGO_INITDB_ROOT_USERNAME']);
    expect(init.environment?.['MONGO_ROOT_PASSWORD']).toBe(mongo.environment?.['MONGO_INITDB_ROOT_PASSWORD']);
    expect(init.environment?.['MONGO_NDXP_PASSWORD']).toMatch(REQUIRED_VARIABLE);
    expect(mongo.healthcheck?.test).toEqual(expect.arrayContaining(['mongosh']));
  });

  it('gives every NATS service NATS_URL and the registry and metering MONGODB_URL, as ndxp, after the replica set is up', () => {
    for (const [name, s] of ours) {
      if (name.startsWith('sim-')) continue;
      expect({ name, nats: s.environment?.['NATS_URL'] }).toEqual({ name, nats: 'nats://nats:4222' });
    }
    const password = services['mongo-init']?.environment?.['MONGO_NDXP_PASSWORD']?.match(REQUIRED_VARIABLE)?.[1];
    expect(password).toBe('MONGO_NDXP_PASSWORD');
    for (const name of ['registry', 'metering']) {
      const s = services[name]!;
      // Not new URL(): the ${VAR:?message} of the password is only a URL once compose has filled it in.
      const url = /^mongodb:\/\/([^:@/]+):(\$\{[^}]*\})@([^/]+)\/([^?]*)\?(.*)$/.exec(s.environment?.['MONGODB_URL'] ?? '');
      expect({ name, user: url?.[1], password: url?.[2]?.match(REQUIRED_VARIABLE)?.[1], host: url?.[3], db: url?.[4] }).toEqual({
        name,
        user: 'ndxp',
        password,
        host: 'mongo:27017',
        db: 'ndxp',
      });
      expect(Object.fromEntries(new URLSearchParams(url?.[5]))).toEqual({ replicaSet: 'rs0', authSource: 'ndxp' });
      expect(s.environment?.['MONGODB_DB']).toBe('ndxp');
      expect(s.depends_on?.['mongo-init']?.condition).toBe('service_completed_successfully');
    }
  });

  it('holds no password: secrets and URL passwords are required variables, never defaults or literals', () => {
    expect(literalSecrets(compose)).toEqual([]);
    expect(TEXT).not.toMatch(/\$\{\w*(PASSWORD|SECRET|TOKEN)\w*:?-/);
    // The check itself finds a literal.
    expect(literalSecrets({ a: { MONGODB_URL: 'mongodb://ndxp:hunter2@mongo:27017/', ROOT_PASSWORD: 'hunter2' } })).toEqual([
      "a.MONGODB_URL: the URL's password is not a required variable",
      'a.ROOT_PASSWORD: ROOT_PASSWORD is not a required variable',
    ]);
  });

  it('publishes ports on 127.0.0.1 only, and not MongoDB at all', () => {
    expect(openPorts(services)).toEqual([]);
    expect(services['mongo']?.ports ?? []).toEqual([]);
    expect(openPorts({ x: { ports: ['4222:4222', '0.0.0.0:1:1', '127.0.0.1:2:2'] } })).toEqual(['x: "4222:4222"', 'x: "0.0.0.0:1:1"']);
  });

  it('points each adapter at its simulator on the port the simulator listens on, with probes on OPS_ADDR 0.0.0.0:9464', () => {
    for (const { system, upstreamUrlEnv } of systems) {
      const adapter = services[`adapter-${system}`];
      const sim = services[`sim-${system}`];
      expect({ system, adapter: !!adapter, sim: !!sim }).toEqual({ system, adapter: true, sim: true });
      expect(sim!.environment?.['SIM_HOST']).toBe('0.0.0.0');
      expect(adapter!.environment?.[upstreamUrlEnv]).toBe(`http://sim-${system}:${sim!.environment?.['SIM_PORT']}`);
      expect(adapter!.environment?.['OPS_ADDR']).toBe('0.0.0.0:9464');
    }
  });

  it('depends only on services it defines', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const dep of Object.keys(s.depends_on ?? {}))
        expect({ name, dep, defined: dep in services }).toEqual({ name, dep, defined: true });
    }
  });
});
