// The workspace's own rules, checked on every run: versions are defined once (the pnpm catalog), no
// two workspace packages depend on each other in a cycle, and every place that names Node.js names
// the same major release as .node-version, which is also the Node.js running these tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface Manifest {
  name: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
interface Workspace {
  packages: string[];
  catalog: Record<string, string>;
}

const workspace = parse(read('pnpm-workspace.yaml')) as Workspace;
/** Every package of the workspace (the root included), by its folder relative to the root. */
const manifests = new Map<string, Manifest>([
  ['.', JSON.parse(read('package.json')) as Manifest],
  ...workspace.packages.flatMap((glob) => {
    const parent = glob.replace(/\/\*$/, '');
    return readdirSync(join(ROOT, parent))
      .map((d) => `${parent}/${d}`)
      .filter((dir) => existsSync(join(ROOT, dir, 'package.json')))
      .map((dir): [string, Manifest] => [dir, JSON.parse(read(`${dir}/package.json`)) as Manifest]);
  }),
]);
const depsOf = (m: Manifest): [string, string][] => [...Object.entries(m.dependencies ?? {}), ...Object.entries(m.devDependencies ?? {})];
const nodeMajor = read('.node-version').trim().split('.')[0]!;

/** A cycle among workspace packages as a list of names, or undefined. */
function findCycle(): string[] | undefined {
  const names = new Set([...manifests.values()].map((m) => m.name));
  const edges = new Map(
    [...manifests.values()].map((m) => [
      m.name,
      depsOf(m)
        .map(([d]) => d)
        .filter((d) => names.has(d)),
    ]),
  );
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'open') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'open');
    path.push(name);
    for (const next of edges.get(name) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of names) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the workspace', () => {
  it('finds its packages', () => {
    expect(manifests.size).toBeGreaterThan(20);
    expect([...manifests.values()].map((m) => m.name)).toEqual(expect.arrayContaining(['@ndxp/testing', '@ndxp/broker-auth']));
  });

  it('has no cycle between workspace packages', () => {
    expect(findCycle()).toBeUndefined();
  });

  it('names every external dependency by the catalog, so versions are defined once and cannot drift', () => {
    const offenders = [...manifests].flatMap(([dir, m]) =>
      depsOf(m)
        .filter(([, spec]) => !spec.startsWith('workspace:') && spec !== 'catalog:')
        .map(([dep, spec]) => `${dir}: ${dep}@${spec}`),
    );
    expect(offenders).toEqual([]);
    const missing = [...manifests].flatMap(([dir, m]) =>
      depsOf(m)
        .filter(([dep, spec]) => spec === 'catalog:' && !(dep in workspace.catalog))
        .map(([dep]) => `${dir}: ${dep}`),
    );
    expect(missing).toEqual([]);
  });

  it('keeps no catalog entry that no package uses', () => {
    const used = new Set([...manifests.values()].flatMap((m) => depsOf(m).map(([d]) => d)));
    expect(Object.keys(workspace.catalog).filter((d) => !used.has(d))).toEqual([]);
  });

  it('names one Node.js major release everywhere: .node-version, engines, the container build and hosted CI', () => {
    expect(nodeMajor).toMatch(/^\d+$/);
    expect(manifests.get('.')?.engines?.['node']).toBe(`>=${nodeMajor}`);
    expect(read('deploy/Dockerfile')).toMatch(new RegExp(`^ARG NODE_IMAGE=node:${nodeMajor}-`, 'm'));
    expect(read('.github/workflows/ci.yml')).toMatch(/node-version-file: \.node-version/);
  });

  it('runs on that Node.js release (the bootstrap installs it where the machine has an older one)', () => {
    expect(process.versions.node.split('.')[0]).toBe(nodeMajor);
  });
});
