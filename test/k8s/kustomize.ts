// Renders a kustomization the way `kustomize build` does, for what deploy/k8s uses: resources (files and
// directories), components, patches (strategic merge by kind and name), images, namespace, labels and
// ConfigMap/Secret generators. No cluster and no kustomize binary needed; anything else is refused.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isObj, strategicMerge, type Obj } from './strategic-merge';

/** One rendered Kubernetes object. */
export interface K8sObject extends Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> } & Obj;
}

interface Generator {
  name: string;
  files?: string[];
  literals?: string[];
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  components?: string[];
  patches?: { path: string }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  namespace?: string;
  labels?: { pairs: Record<string, string> }[];
  generatorOptions?: { disableNameSuffixHash?: boolean; labels?: Record<string, string> };
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
}

const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'resources',
  'components',
  'patches',
  'images',
  'namespace',
  'labels',
  'generatorOptions',
  'configMapGenerator',
  'secretGenerator',
]);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass']);

/** Every YAML document of a file, as objects (empty documents dropped). */
export function readYamlDocuments(file: string): Obj[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
      return d.toJS() as unknown;
    })
    .filter(isObj);
}

/** Renders the kustomization in dir (a Kustomization or a Component). */
export function renderKustomization(dir: string): K8sObject[] {
  const k = readKustomization(dir);
  if (k.kind === 'Component') throw new Error(`${dir} is a Component: render the kustomization that uses it`);
  return build(dir, k, []);
}

function readKustomization(dir: string): Kustomization {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`no kustomization.yaml in ${dir}`);
  const [doc] = readYamlDocuments(file);
  const unsupported = Object.keys(doc ?? {}).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) throw new Error(`${file}: fields this renderer does not support: ${unsupported.join(', ')}`);
  return doc ?? {};
}

/** Accumulates resources and generated objects, then components, then this level's transformers. */
function build(dir: string, k: Kustomization, inherited: K8sObject[]): K8sObject[] {
  let objects = [...inherited];
  for (const r of k.resources ?? []) {
    const path = resolve(dir, r);
    objects.push(...(existsSync(join(path, 'kustomization.yaml')) ? renderKustomization(path) : (readYamlDocuments(path) as K8sObject[])));
  }
  objects.push(...generated(dir, k));
  for (const c of k.components ?? []) {
    const path = resolve(dir, c);
    const component = readKustomization(path);
    if (component.kind !== 'Component') throw new Error(`${path} is listed in components but is not a Component`);
    objects = build(path, component, objects);
  }
  for (const p of k.patches ?? []) objects = applyPatchFile(objects, resolve(dir, p.path));
  for (const image of k.images ?? []) objects.forEach((o) => setImage(o, image));
  for (const l of k.labels ?? []) objects.forEach((o) => (o.metadata.labels = { ...o.metadata.labels, ...l.pairs }));
  if (k.namespace !== undefined) for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  assertUnique(objects, dir);
  return objects;
}

/** ConfigMaps (files read) and Secrets (keys only: the files are made per installation and never committed). */
function generated(dir: string, k: Kustomization): K8sObject[] {
  if (k.generatorOptions?.disableNameSuffixHash !== true && (k.configMapGenerator ?? k.secretGenerator))
    throw new Error(`${dir}: generators need generatorOptions.disableNameSuffixHash (name references are not rewritten here)`);
  const labels = k.generatorOptions?.labels ?? {};
  const entries = (g: Generator, read: boolean): Record<string, string> => {
    const data: Record<string, string> = {};
    for (const f of g.files ?? []) {
      const [key, path] = f.includes('=') ? (f.split('=', 2) as [string, string]) : [basename(f), f];
      data[key] = read ? readFileSync(resolve(dir, path), 'utf8') : '';
    }
    for (const l of g.literals ?? []) {
      const [key = '', value = ''] = l.split('=', 2);
      data[key] = value;
    }
    return data;
  };
  const meta = (name: string) => ({ name, labels: { ...labels } });
  return [
    ...(k.configMapGenerator ?? []).map((g) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(g.name), data: entries(g, true) })),
    ...(k.secretGenerator ?? []).map((g) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: meta(g.name),
      stringData: entries(g, false),
    })),
  ];
}

function applyPatchFile(objects: K8sObject[], file: string): K8sObject[] {
  const out = [...objects];
  for (const patch of readYamlDocuments(file)) {
    const kind = patch['kind'];
    const name = isObj(patch['metadata']) ? patch['metadata']['name'] : undefined;
    const i = out.findIndex((o) => o.kind === kind && o.metadata.name === name);
    if (i < 0) throw new Error(`${file}: patch target ${String(kind)}/${String(name)} not found`);
    out[i] = strategicMerge(out[i]!, patch) as K8sObject;
  }
  return out;
}

function setImage(o: K8sObject, image: { name: string; newName?: string; newTag?: string }): void {
  const spec = isObj(o['spec']) ? o['spec'] : undefined;
  const template = spec && isObj(spec['template']) ? spec['template'] : undefined;
  const podSpec = template && isObj(template['spec']) ? template['spec'] : undefined;
  for (const c of [...asArray(podSpec?.['containers']), ...asArray(podSpec?.['initContainers'])]) {
    if (!isObj(c) || typeof c['image'] !== 'string') continue;
    const [repo = '', tag] = splitImage(c['image']);
    if (repo !== image.name) continue;
    const newTag = image.newTag ?? tag;
    c['image'] = `${image.newName ?? repo}${newTag === undefined ? '' : `:${newTag}`}`;
  }
}

function splitImage(image: string): [string, string | undefined] {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? [image.slice(0, colon), image.slice(colon + 1)] : [image, undefined];
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function assertUnique(objects: K8sObject[], dir: string): void {
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata.name}`;
    if (seen.has(id)) throw new Error(`${dir}: ${id} defined twice`);
    seen.add(id);
  }
}
