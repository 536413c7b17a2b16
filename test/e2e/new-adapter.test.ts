// `pnpm new-adapter` end to end, on a copy of the repository (the working tree is never touched):
// install, scaffold a national system, build, then start the mesh from the copy with only that system
// and ask it for a record as a province LGSP and as a ministry LGSP without the grant.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../..');
const SYSTEM = 'land-registry';
const PROVIDER = 'BO-BTNMT-DATDAI';
const SERVICE = 'GetLandRegistryRecord';
const PNPM_LOCK = '/tmp/ndxp-pnpm.lock';

interface Outcome {
  status: string;
  field?: string;
  response?: { id: string; name: string; status: number; updatedAt: string; province: string };
}

interface MeshRun {
  id: string;
  expected: { maSo: string; ten: string; ngayCapNhat: string; tinhThanhPho: string };
  province: Outcome;
  provinceInvalid: Outcome;
  provinceUnknown: Outcome;
  ministry: Outcome;
}

/** Runs a command in `cwd`; throws with its output when it fails. Returns stdout and the time taken. */
function run(cwd: string, command: string, args: string[], timeoutMs: number): { stdout: string; stderr: string; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CI: '' },
  });
  if (r.error || r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}\n${r.stderr}`);
  }
  return { stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

/** pnpm under the shared install lock when flock exists (other checkouts share the pnpm store). */
function pnpm(cwd: string, args: string[], timeoutMs: number): ReturnType<typeof run> {
  return existsSync('/usr/bin/flock')
    ? run(cwd, '/usr/bin/flock', [PNPM_LOCK, 'pnpm', ...args], timeoutMs)
    : run(cwd, 'pnpm', args, timeoutMs);
}

/** Copies tracked and untracked-but-not-ignored files of the working tree to `to`. */
function copyRepository(to: string): number {
  const list = (extra: string[]): string[] =>
    run(REPO, 'git', ['ls-files', '-z', ...extra], 30_000)
      .stdout.split('\0')
      .filter(Boolean);
  const files = [...new Set([...list([]), ...list(['--others', '--exclude-standard'])])];
  let copied = 0;
  for (const file of files) {
    const from = join(REPO, file);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue; // deleted in the working tree
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(from, join(to, file));
    copied++;
  }
  return copied;
}

/** Started inside the copy: the mesh with the new system only, one call per case, JSON on stdout. */
const MESH_SCRIPT = `'use strict';
const { startMesh } = require('../libs/testing/dist');
const { createClient } = require('../libs/lgsp-client/dist');
const { findNationalService, landRegistryIdOf: recordIdOf } = require('../libs/contracts/dist');
const { createDataset, DEFAULT_SEED, DEFAULT_SIZE } = require('../services/simulators/${SYSTEM}/dist');

async function main() {
  const mesh = await startMesh({ systems: ['${SYSTEM}'] });
  try {
    const service = findNationalService('${PROVIDER}', '${SERVICE}');
    if (!service) throw new Error('${SERVICE} is not in the catalogue');
    const dataset = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE });
    const id = dataset.sampleIds(5)[2];
    let unknown = '';
    for (let i = 0; !unknown; i++) if (!dataset.get(recordIdOf(String(i).padStart(9, '0')))) unknown = recordIdOf(String(i).padStart(9, '0'));
    const call = async (consumer, request) => {
      const client = await createClient({ ...(await mesh.clientOptions(consumer)), retries: 0, timeoutMs: 5000 });
      try {
        return { status: 'ok', response: (await client.call(service, request)).response };
      } catch (err) {
        return { status: err.code ?? String(err), field: err.field };
      } finally {
        await client.close();
      }
    };
    const result = {
      id,
      expected: dataset.get(id),
      province: await call('TINH-01-LGSP', { id }),
      provinceInvalid: await call('TINH-79-LGSP', { id: '12345' }),
      provinceUnknown: await call('TINH-01-LGSP', { id: unknown }),
      ministry: await call('BO-BTP-LGSP', { id }),
    };
    process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n');
  } finally {
    await mesh.stop();
  }
}
main().then(() => process.exit(0), (err) => { process.stderr.write(String(err && err.stack || err) + '\\n'); process.exit(1); });
`;

describe('pnpm new-adapter on a copy of the repository', () => {
  let copy = '';
  const timings: Record<string, number> = {};
  let generated = '';
  let checks = '';
  let mesh: MeshRun;

  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), 'ndxp-new-adapter-'));
    const t0 = Date.now();
    copyRepository(copy);
    timings['copy'] = Date.now() - t0;
    timings['pnpm install (before)'] = pnpm(copy, ['install', '--offline', '--frozen-lockfile=false'], 300_000).ms;
    const gen = pnpm(
      copy,
      [
        'new-adapter',
        SYSTEM,
        '--owner',
        'BO-BTNMT',
        '--subsystem',
        'DATDAI',
        '--title',
        'CSDL quốc gia về đất đai',
        '--consumers',
        'TINH',
        '--no-install',
      ],
      120_000,
    );
    generated = gen.stdout;
    timings['generator'] = gen.ms;
    // The new packages name only workspace packages, so nothing of theirs needs resolving; pnpm 10's
    // non-frozen install still re-reads registry metadata of optional platform binaries and npm:
    // aliases already in the lockfile (about 34 documents), which a fresh cache does not hold, so
    // this step may ask the registry for metadata; every tarball comes from the store.
    timings['pnpm install (link)'] = pnpm(copy, ['install', '--prefer-offline', '--frozen-lockfile=false'], 300_000).ms;
    timings['pnpm build'] = run(copy, 'pnpm', ['build'], 300_000).ms;
    // The generated packages' own tests, and the deploy checks that every service has its compose entry.
    const jest = run(
      copy,
      'npx',
      [
        'jest',
        '--verbose',
        `libs/contracts/src/national/${SYSTEM}`,
        `services/simulators/${SYSTEM}`,
        `services/adapters/${SYSTEM}`,
        'libs/store/src/deploy-compose',
        'test/workspace/adapter-readmes',
      ],
      180_000,
    );
    const lint = run(
      copy,
      'npx',
      [
        'eslint',
        '--max-warnings',
        '0',
        `libs/contracts/src/national/${SYSTEM}`,
        `services/simulators/${SYSTEM}`,
        `services/adapters/${SYSTEM}`,
      ],
      180_000,
    );
    const format = run(
      copy,
      'npx',
      ['prettier', '--check', `services/simulators/${SYSTEM}`, `services/adapters/${SYSTEM}`, 'libs/contracts/src'],
      60_000,
    );
    timings['generated tests, lint, format'] = jest.ms + lint.ms + format.ms;
    checks = jest.stderr;
    mkdirSync(join(copy, '.ndxp'), { recursive: true });
    writeFileSync(join(copy, '.ndxp/new-adapter-e2e.js'), MESH_SCRIPT);
    const meshRun = run(copy, 'node', ['.ndxp/new-adapter-e2e.js'], 180_000);
    timings['mesh run'] = meshRun.ms;
    const line = meshRun.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`the mesh script printed no result:\n${meshRun.stdout}`);
    mesh = JSON.parse(line.slice('RESULT '.length)) as MeshRun;
  }, 480_000);

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
    process.stdout.write(`new-adapter e2e timings (ms): ${JSON.stringify(timings)}\n`);
  });

  it('scaffolds the contract, simulator, adapter, seed, deploy entry and references, and leaves the working tree alone', () => {
    for (const path of [
      'proto/ndxp/landregistry/v1/land_registry.proto',
      'libs/contracts/src/national/land-registry.ts',
      'services/simulators/land-registry/src/server.ts',
      'services/adapters/land-registry/src/adapter.ts',
      'services/registry/seed/national-systems.json',
      'deploy/national-systems.json',
    ]) {
      expect(generated).toContain(path);
    }
    expect(existsSync(join(REPO, 'services/adapters', SYSTEM))).toBe(false);
    expect(existsSync(join(REPO, 'proto/ndxp/landregistry'))).toBe(false);
  });

  it('generates packages whose own tests, lint and formatting pass', () => {
    // The id rule in contracts; the simulator's dataset and HTTP API; the adapter's mapper and NATS;
    // the compose file; every adapter's README settings table, the new one's included.
    expect(checks).toMatch(/Test Suites: 7 passed, 7 total/);
    expect(checks).toMatch(/✓ land-registry exports one adapter definition, and its README holds/);
    expect(checks).not.toMatch(/failed/);
  });

  it('answers a granted province LGSP through the mesh with the mapped record', () => {
    expect(mesh.province.status).toBe('ok');
    expect(mesh.province.response).toEqual({
      id: mesh.id,
      name: mesh.expected.ten,
      status: expect.any(Number),
      updatedAt: mesh.expected.ngayCapNhat.split('/').reverse().join('-'),
      province: mesh.expected.tinhThanhPho,
    });
  });

  it('answers client.invalid_argument on id for a malformed id', () => {
    expect(mesh.provinceInvalid).toEqual({ status: 'client.invalid_argument', field: 'id' });
  });

  it('answers client.not_found for a valid id the national system does not hold', () => {
    expect(mesh.provinceUnknown.status).toBe('client.not_found');
  });

  it('refuses a ministry LGSP with client.access_denied when only provinces were granted', () => {
    expect(mesh.ministry.status).toBe('client.access_denied');
  });
});
