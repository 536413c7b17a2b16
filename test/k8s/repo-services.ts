// The services of the repository, found from its folders and deploy/national-systems.json, and the
// Deployments that run them (matched by the entry their container runs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObj, type Obj } from './objects';
import type { K8sObject } from './objects';

/** A runnable service of the repository. */
export interface RepoService {
  /** Folder relative to the repository root, e.g. services/adapters/vnpost. */
  dir: string;
  kind: 'core' | 'adapter' | 'simulator';
}

/** services/<x> with a src/main.ts, every adapter (national-systems.json and folders), every simulator. */
export function repoServices(root: string): RepoService[] {
  const out: RepoService[] = [];
  const hasMain = (dir: string): boolean => existsSync(join(root, dir, 'src/main.ts'));
  for (const top of readdirSync(join(root, 'services')).sort())
    if (!['adapters', 'simulators'].includes(top) && hasMain(`services/${top}`)) out.push({ dir: `services/${top}`, kind: 'core' });
  const systems = JSON.parse(readFileSync(join(root, 'deploy/national-systems.json'), 'utf8')) as { system: string }[];
  const adapters = new Set(systems.map((s) => `services/adapters/${s.system}`));
  for (const d of readdirSync(join(root, 'services/adapters')))
    if (hasMain(`services/adapters/${d}`)) adapters.add(`services/adapters/${d}`);
  out.push(...[...adapters].sort().map((dir) => ({ dir, kind: 'adapter' as const })));
  for (const d of readdirSync(join(root, 'services/simulators')).sort())
    if (hasMain(`services/simulators/${d}`)) out.push({ dir: `services/simulators/${d}`, kind: 'simulator' });
  return out;
}

/** The pod spec of a workload (Deployment, StatefulSet), or undefined. */
export function podSpec(o: K8sObject): Obj | undefined {
  const spec = o['spec'];
  const template = isObj(spec) ? spec['template'] : undefined;
  const pod = isObj(template) ? template['spec'] : undefined;
  return isObj(pod) ? pod : undefined;
}

/** The containers of a workload. */
export function containers(o: K8sObject): Obj[] {
  const list = podSpec(o)?.['containers'];
  return Array.isArray(list) ? list.filter(isObj) : [];
}

/** The repository folder a Deployment runs (from `args: [<dir>/dist/main.js]`), or undefined. */
export function entryDir(o: K8sObject): string | undefined {
  const args: unknown = containers(o)[0]?.['args'];
  const first: unknown = Array.isArray(args) ? (args as unknown[])[0] : undefined;
  return typeof first === 'string' && first.endsWith('/dist/main.js') ? first.slice(0, -'/dist/main.js'.length) : undefined;
}
