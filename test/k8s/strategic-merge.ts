// The part of Kubernetes' strategic merge patch the overlays use: maps merge, null deletes a key,
// lists of named things merge by their key (containers by name, volumeMounts by mountPath...), other
// lists are replaced.

/** A parsed YAML mapping. */
export type Obj = Record<string, unknown>;

/** Merge key of each list the patches touch, by field name (as in the Kubernetes API's patchMergeKey). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
};

/** Whether v is a plain mapping. */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Returns base with patch applied (neither argument is changed). */
export function strategicMerge(base: Obj, patch: Obj): Obj {
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === null) delete out[key];
    else if (isObj(value) && isObj(current)) out[key] = strategicMerge(current, value);
    else if (Array.isArray(value) && Array.isArray(current) && MERGE_KEYS[key] !== undefined)
      out[key] = mergeList(current, value, MERGE_KEYS[key]);
    else out[key] = structuredClone(value);
  }
  return out;
}

/** Patched items replace-merge the base item with the same key; new ones come first, as kustomize puts them. */
function mergeList(base: unknown[], patch: unknown[], mergeKey: string): unknown[] {
  const out = [...base];
  const added: unknown[] = [];
  for (const item of patch) {
    const i = isObj(item) ? out.findIndex((b) => isObj(b) && b[mergeKey] === item[mergeKey]) : -1;
    if (i >= 0 && isObj(item)) out[i] = strategicMerge(out[i] as Obj, item);
    else added.push(structuredClone(item));
  }
  return [...added, ...out];
}
