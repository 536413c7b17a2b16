// deploy/compose.yaml cannot run here (no container engine), so this pins what can be checked
// without one: it parses, every service entry exists in the repo, every service of the repo is in
// it, and each service has the variables it needs (NATS, MongoDB replica set, upstream URLs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');
interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[] | string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
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

  it('gives every NATS service NATS_URL and the registry and metering MONGODB_URL after the replica set is up', () => {
    for (const [name, s] of ours) {
      if (name.startsWith('sim-')) continue;
      expect({ name, nats: s.environment?.['NATS_URL'] }).toEqual({ name, nats: 'nats://nats:4222' });
    }
    for (const name of ['registry', 'metering']) {
      const s = services[name]!;
      expect(s.environment?.['MONGODB_URL']).toBe('mongodb://mongo:27017/?replicaSet=rs0');
      expect(s.environment?.['MONGODB_DB']).toBe('ndxp');
      expect(s.depends_on?.['mongo-init']?.condition).toBe('service_completed_successfully');
    }
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
