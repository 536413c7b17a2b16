// The shapes the checks read: a parsed YAML mapping, and one Kubernetes object as kustomize renders it.

/** A parsed YAML mapping. */
export type Obj = Record<string, unknown>;

/** One rendered Kubernetes object. */
export interface K8sObject extends Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> } & Obj;
}

/** Whether v is a plain mapping. */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether v has the apiVersion, kind and metadata.name every rendered object has. */
export const isK8sObject = (v: unknown): v is K8sObject =>
  isObj(v) &&
  typeof v['apiVersion'] === 'string' &&
  typeof v['kind'] === 'string' &&
  isObj(v['metadata']) &&
  typeof v['metadata']['name'] === 'string';
