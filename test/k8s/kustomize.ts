// Renders the overlays with the real kustomize: `kubectl kustomize <dir>` (kubectl's built-in kustomize),
// or `kustomize build <dir>` where only a standalone kustomize is on PATH. No cluster is needed.
//
// NDXP_KUSTOMIZE=<path> names the binary to use instead of searching PATH: a kustomize if its file name
// starts with "kustomize", a kubectl otherwise. A path that is not an executable file counts as not found,
// so `NDXP_KUSTOMIZE=/nonexistent pnpm exec jest test/k8s --selectProjects unit` shows the tests that are
// skipped on a machine without kubectl or kustomize.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isK8sObject, isObj, type K8sObject } from './objects';

/** The kustomize to run, or why there is none. */
export type Kustomize =
  | { found: true; /** e.g. "kubectl kustomize" */ name: string; command: string; args: (dir: string) => string[] }
  | { found: false; reason: string };

/** Longest a build may take (one takes well under a second). */
const TIMEOUT_MS = 30_000;

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

const onPath = (name: string, path: string | undefined): string | undefined =>
  (path ?? '')
    .split(delimiter)
    .filter((d) => d !== '')
    .map((d) => join(d, name))
    .find(isExecutable);

const kubectl = (command: string): Kustomize => ({ found: true, name: 'kubectl kustomize', command, args: (dir) => ['kustomize', dir] });
const standalone = (command: string): Kustomize => ({ found: true, name: 'kustomize build', command, args: (dir) => ['build', dir] });

/** kubectl on PATH, else kustomize on PATH; NDXP_KUSTOMIZE overrides the search (see the top of this file). */
export function findKustomize(env: NodeJS.ProcessEnv = process.env): Kustomize {
  const override = env['NDXP_KUSTOMIZE'];
  if (override !== undefined && override !== '') {
    if (!isExecutable(override)) return { found: false, reason: `NDXP_KUSTOMIZE=${override} is not an executable file` };
    return basename(override).startsWith('kustomize') ? standalone(override) : kubectl(override);
  }
  const k = onPath('kubectl', env['PATH']);
  if (k !== undefined) return kubectl(k);
  const s = onPath('kustomize', env['PATH']);
  if (s !== undefined) return standalone(s);
  return { found: false, reason: 'neither kubectl nor kustomize is on PATH' };
}

/** Runs the build of the kustomization in dir and parses its output; throws with kustomize's stderr when it fails. */
export function kustomizeBuild(k: Extract<Kustomize, { found: true }>, dir: string): K8sObject[] {
  const r = spawnSync(k.command, k.args(dir), { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  const run = `${k.name} ${dir}`;
  if (r.error) throw new Error(`${run}: ${r.error.message}${r.stderr ? `\n${r.stderr}` : ''}`);
  if (r.status !== 0) throw new Error(`${run} exited with ${r.status ?? r.signal}:\n${r.stderr}`);
  return parseObjects(r.stdout, run);
}

/** The objects of kustomize's multi-document YAML output. */
export function parseObjects(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((d, i) => {
    if (d.errors.length > 0) throw new Error(`${source}: document ${i + 1}: ${d.errors.map((e) => e.message).join('; ')}`);
    const o: unknown = d.toJS();
    if (o === null || o === undefined) return [];
    if (!isK8sObject(o)) throw new Error(`${source}: document ${i + 1} is not a Kubernetes object`);
    return [o];
  });
}

/**
 * Renders deploy/k8s/overlays/<overlay> from a copy of deploy/ in a temporary folder, where every file a
 * secretGenerator reads is a placeholder: those files are made per installation and never committed
 * (overlays/production/secrets/README.md), and the real ones, where an operator's checkout has them, are
 * not copied.
 */
export function renderOverlay(k: Extract<Kustomize, { found: true }>, deployDir: string, overlay: string): K8sObject[] {
  const secrets = new Set(secretSources(deployDir));
  const copy = mkdtempSync(join(tmpdir(), 'ndxp-k8s-'));
  try {
    cpSync(deployDir, copy, { recursive: true, filter: (src) => !secrets.has(resolve(src)) });
    for (const file of secrets) {
      // A source outside deploy/ is left to kustomize, which refuses to read it.
      if (relative(deployDir, file).startsWith('..')) continue;
      const target = join(copy, relative(deployDir, file));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, `placeholder for ${relative(deployDir, file)} (test/k8s)\n`);
    }
    return kustomizeBuild(k, join(copy, 'k8s/overlays', overlay));
  } catch (err) {
    // Name the files of the checkout in kustomize's message, not those of the copy.
    const message = (err instanceof Error ? err.message : String(err)).split(copy).join(deployDir);
    throw new Error(`${message}\n(built from a copy of ${deployDir} in ${copy}, with placeholder secretGenerator files)`, { cause: err });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The files every secretGenerator under dir reads (`files: [key=path]` or `[path]`), as absolute paths. */
function secretSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...secretSources(path));
    else if (entry.name === 'kustomization.yaml' || entry.name === 'kustomization.yml')
      for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
        const k: unknown = doc.toJS();
        const generators: unknown = isObj(k) ? k['secretGenerator'] : undefined;
        for (const g of Array.isArray(generators) ? generators : []) {
          const files: unknown = isObj(g) ? g['files'] : undefined;
          for (const f of Array.isArray(files) ? files : [])
            if (typeof f === 'string') out.push(resolve(dir, f.includes('=') ? f.slice(f.indexOf('=') + 1) : f));
        }
      }
  }
  return out;
}
