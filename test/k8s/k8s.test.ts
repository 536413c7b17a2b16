// deploy/k8s checked offline: each overlay renders with the real kustomize (kustomize.ts, rendered.ts), every
// object is valid against the Kubernetes (and KEDA, Prometheus Operator) schemas, every service of the repository
// has a Deployment, every variable a service cannot run without in a pod is set, and every ConfigMap, Secret,
// volume and port referred to exists (the NetworkPolicies: network-policies.test.ts). Without kubectl or
// kustomize (or with NDXP_KUSTOMIZE=/nonexistent) the checks of rendered output are skipped, with the reason in
// their title; the checks of the sources still run.
import { EnvDiscovery, Unknown, type ServiceEnv } from './env-discovery';
import { isObj, type K8sObject, type Obj } from './objects';
import { describeRendered, objectsOf, OVERLAYS, ROOT, type Overlay } from './rendered';
import { containers, entryDir, podSpec, repoServices, type RepoService } from './repo-services';
import { schemaErrors } from './schemas';

/** Read by Node.js itself, not by the services' code. */
const PROCESS_VARIABLES = new Set(['NODE_ENV', 'NODE_OPTIONS', 'TZ']);
/** The standard OpenTelemetry variables: the SDK that startTelemetry starts reads them from process.env itself. */
const OPENTELEMETRY_VARIABLE = /^OTEL_[A-Z0-9_]+$/;
/** Set in the manifests ahead of the code that reads them (none now: every variable set is read). */
const ANNOUNCED = new Set<string>([]);
const LOOPBACK = /127\.0\.0\.1|localhost|\[::1\]/;

const services = repoServices(ROOT);
const discovery = new EnvDiscovery(ROOT);
const envOf = new Map<string, ServiceEnv>(services.map((s) => [s.dir, discovery.discover(s.dir)]));

const find = (objects: K8sObject[], kind: string, name: string): K8sObject | undefined =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);
const deploymentsOf = (objects: K8sObject[]): K8sObject[] => objects.filter((o) => o.kind === 'Deployment');
const servicesIn = (overlay: Overlay): RepoService[] => services.filter((s) => s.kind !== 'simulator' || overlay === 'small');
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});

/** Keys of a ConfigMap or Secret. */
function keysOf(o: K8sObject | undefined): string[] {
  if (!o) return [];
  return [...Object.keys(obj(o['data'])), ...Object.keys(obj(o['stringData']))];
}

/** Every variable a container gets, with its literal value where it has one (ConfigMap or value:). */
function containerEnv(objects: K8sObject[], container: Obj): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const from of list(container['envFrom'])) {
    const cm = obj(from['configMapRef'])['name'];
    const secret = obj(from['secretRef'])['name'];
    if (typeof cm === 'string') for (const [k, v] of Object.entries(obj(find(objects, 'ConfigMap', cm)?.['data']))) out.set(k, String(v));
    if (typeof secret === 'string') for (const k of keysOf(find(objects, 'Secret', secret))) out.set(k, undefined);
  }
  for (const e of list(container['env'])) {
    const name = String(e['name']);
    const ref = obj(obj(e['valueFrom'])['configMapKeyRef']);
    const value =
      typeof e['value'] === 'string'
        ? e['value']
        : typeof ref['name'] === 'string'
          ? obj(find(objects, 'ConfigMap', ref['name'])?.['data'])[String(ref['key'])]
          : undefined;
    out.set(name, typeof value === 'string' ? value : undefined);
  }
  return out;
}

/** Whether a variable must be set in a pod: required, or its default cannot work there (loopback, port 0, not unique per pod). */
function mustSet(read: { required: boolean; fallback: unknown }, name: string): boolean {
  if (read.required) return true;
  const f = read.fallback;
  if (typeof f === 'string' && LOOPBACK.test(f)) return true;
  if (f instanceof Unknown && /process\.pid/.test(f.text)) return true;
  return /_PORT$/.test(name) && f === 0;
}

/** Names of the Secrets, ConfigMaps and claims a pod refers to, as [kind, name, key?]. */
function references(pod: Obj): [string, string, string?][] {
  const out: [string, string, string?][] = [];
  for (const c of list(pod['containers'])) {
    for (const from of list(c['envFrom'])) {
      const cm = obj(from['configMapRef'])['name'];
      const secret = obj(from['secretRef'])['name'];
      if (typeof cm === 'string') out.push(['ConfigMap', cm]);
      if (typeof secret === 'string') out.push(['Secret', secret]);
    }
    for (const e of list(c['env'])) {
      const vf = obj(e['valueFrom']);
      const cm = obj(vf['configMapKeyRef']);
      const secret = obj(vf['secretKeyRef']);
      if (typeof cm['name'] === 'string') out.push(['ConfigMap', cm['name'], String(cm['key'])]);
      if (typeof secret['name'] === 'string') out.push(['Secret', secret['name'], String(secret['key'])]);
    }
  }
  for (const v of list(pod['volumes'])) {
    const secret = obj(v['secret']);
    const cm = obj(v['configMap']);
    const pvc = obj(v['persistentVolumeClaim']);
    if (typeof secret['secretName'] === 'string') {
      const items = list(secret['items']);
      if (items.length === 0) out.push(['Secret', secret['secretName']]);
      for (const i of items) out.push(['Secret', secret['secretName'], String(i['key'])]);
    }
    if (typeof cm['name'] === 'string') out.push(['ConfigMap', cm['name']]);
    if (typeof pvc['claimName'] === 'string') out.push(['PersistentVolumeClaim', pvc['claimName']]);
  }
  return out;
}

describe('services sources', () => {
  it('finds every variable name in the services sources (no env read it cannot resolve)', () => {
    expect([...envOf.values()].flatMap((e) => e.unresolved)).toEqual([]);
    // The discovery itself: the common settings reach every NATS service through loadCommonConfig.
    expect(envOf.get('services/routing')?.reads.get('NATS_URL')?.fallback).toMatch(LOOPBACK);
    expect(envOf.get('services/adapters/business-registration')?.reads.has('BR_UPSTREAM_URL')).toBe(true);
  });
});

describeRendered(OVERLAYS, (overlay) => {
  it('renders only objects that are valid against their Kubernetes or CRD schema', () => {
    const objects = objectsOf(overlay);
    expect(objects.length).toBeGreaterThan(20);
    const invalid = objects.map((o) => [`${o.kind}/${o.metadata.name}`, schemaErrors(o)]).filter(([, e]) => e !== '');
    expect(invalid).toEqual([]);
  });

  it('has one Deployment per service of the repository, running the one image with the service as argument', () => {
    const objects = objectsOf(overlay);
    const byDir = new Map(deploymentsOf(objects).map((d) => [entryDir(d), d]));
    const missing = servicesIn(overlay)
      .filter((s) => !byDir.has(s.dir))
      .map((s) => s.dir);
    expect(missing).toEqual([]);
    for (const d of deploymentsOf(objects)) {
      expect({ d: d.metadata.name, dir: entryDir(d) }).toEqual({ d: d.metadata.name, dir: expect.stringMatching(/^services\//) });
      expect(containers(d).map((c) => String(c['image']).replace(/:.*$/, ''))).toEqual(['ghcr.io/ndxp/ndxp-mesh']);
    }
    if (overlay === 'production') expect(deploymentsOf(objects).filter((d) => d.metadata.name.startsWith('sim-'))).toEqual([]);
  });

  it('sets every variable each service needs in a pod, and only variables the service reads', () => {
    const objects = objectsOf(overlay);
    const problems: string[] = [];
    for (const d of deploymentsOf(objects)) {
      const dir = entryDir(d)!;
      const discovered = envOf.get(dir);
      if (!discovered) continue;
      const env = containerEnv(objects, containers(d)[0]!);
      for (const [name, read] of discovered.reads)
        if (mustSet(read, name) && !env.has(name)) problems.push(`${d.metadata.name}: ${name} not set`);
      for (const [name, value] of env) {
        if (!discovered.reads.has(name) && !PROCESS_VARIABLES.has(name) && !OPENTELEMETRY_VARIABLE.test(name) && !ANNOUNCED.has(name))
          problems.push(`${d.metadata.name}: ${name} is set but ${dir} never reads it`);
        if (value !== undefined && LOOPBACK.test(value)) problems.push(`${d.metadata.name}: ${name}=${value} is a loopback address`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refers only to ConfigMaps, Secrets, keys and claims that the overlay defines', () => {
    const objects = objectsOf(overlay);
    const dangling: string[] = [];
    for (const w of objects.filter((o) => podSpec(o))) {
      for (const [kind, name, key] of references(podSpec(w)!)) {
        const target = find(objects, kind, name);
        if (!target) dangling.push(`${w.metadata.name} -> ${kind}/${name}`);
        else if (key !== undefined && !keysOf(target).includes(key)) dangling.push(`${w.metadata.name} -> ${kind}/${name} key ${key}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('probes, Services and the PodMonitor use ports the containers name, and OPS_ADDR listens on the ops port', () => {
    const objects = objectsOf(overlay);
    const problems: string[] = [];
    for (const w of objects.filter((o) => podSpec(o))) {
      for (const c of list(podSpec(w)!['containers'])) {
        const ports = new Map(list(c['ports']).map((p) => [String(p['name']), Number(p['containerPort'])]));
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          const get = obj(obj(c[probe])['httpGet']);
          const port = get['port'];
          if ('port' in get && (typeof port !== 'string' || !ports.has(port)))
            problems.push(`${w.metadata.name} ${probe}: not a named container port`);
        }
        if (!isObj(c['livenessProbe']) || !isObj(c['readinessProbe'])) problems.push(`${w.metadata.name}: no liveness or readiness probe`);
        const ops = containerEnv(objects, c).get('OPS_ADDR');
        if (ops !== undefined && Number(ops.split(':').pop()) !== ports.get('ops'))
          problems.push(`${w.metadata.name}: OPS_ADDR ${ops} is not the ops port`);
      }
    }
    for (const s of objects.filter((o) => o.kind === 'Service')) {
      const selector = obj(obj(s['spec'])['selector']);
      const targets = objects.filter(
        (o) =>
          podSpec(o) &&
          Object.entries(selector).every(
            ([k, v]) =>
              obj(obj(obj(o['spec'])['template'])['metadata'])['labels'] &&
              obj(obj(obj(obj(o['spec'])['template'])['metadata'])['labels'])[k] === v,
          ),
      );
      if (targets.length !== 1) problems.push(`Service ${s.metadata.name} selects ${targets.length} workloads`);
      const named = new Set(targets.flatMap((t) => containers(t).flatMap((c) => list(c['ports']).map((p) => p['name']))));
      for (const p of list(obj(s['spec'])['ports']))
        if (typeof p['targetPort'] === 'string' && !named.has(p['targetPort']))
          problems.push(`Service ${s.metadata.name} targetPort ${p['targetPort']}`);
    }
    expect(problems).toEqual([]);
  });

  it("probes the gRPC servers' readiness with kubelet's grpc probe where their port is plaintext (small), else /readyz", () => {
    const objects = objectsOf(overlay);
    const probes = ['gateway', 'registry', 'metering'].map((name) => {
      const c = containers(find(objects, 'Deployment', name)!)[0]!;
      const grpcPort = list(c['ports']).find((p) => p['name'] === 'grpc')?.['containerPort'];
      return [name, obj(c['readinessProbe'])['grpc'] ?? obj(obj(c['readinessProbe'])['httpGet'])['path'], grpcPort];
    });
    // kubelet's grpc probe speaks plaintext only: production's TLS ports keep the HTTP probe.
    expect(probes).toEqual(probes.map(([name, , port]) => [name, overlay === 'small' ? { port } : '/readyz', port]));
  });

  it('runs every mesh container as non-root on a read-only root file system, with requests and limits', () => {
    const objects = objectsOf(overlay);
    const problems: string[] = [];
    for (const d of deploymentsOf(objects)) {
      const pod = podSpec(d)!;
      if (obj(pod['securityContext'])['runAsNonRoot'] !== true) problems.push(`${d.metadata.name}: runAsNonRoot`);
      if (obj(pod['securityContext'])['runAsUser'] !== 10001) problems.push(`${d.metadata.name}: runAsUser`);
      for (const c of containers(d)) {
        if (obj(c['securityContext'])['readOnlyRootFilesystem'] !== true) problems.push(`${d.metadata.name}: readOnlyRootFilesystem`);
        const r = obj(c['resources']);
        for (const part of ['requests', 'limits'] as const)
          for (const res of ['cpu', 'memory']) if (obj(r[part])[res] === undefined) problems.push(`${d.metadata.name}: ${part}.${res}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives every core service and adapter a PodDisruptionBudget and a topology spread, routing an HPA on CPU', () => {
    const objects = objectsOf(overlay);
    const problems: string[] = [];
    const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget');
    for (const d of deploymentsOf(objects).filter((x) => !x.metadata.name.startsWith('sim-'))) {
      const labels = obj(obj(obj(d['spec'])['template'])['metadata'])['labels'];
      const covered = pdbs.some((p) =>
        Object.entries(obj(obj(obj(p['spec'])['selector'])['matchLabels'])).every(([k, v]) => obj(labels)[k] === v),
      );
      if (!covered) problems.push(`${d.metadata.name}: no PodDisruptionBudget`);
      if (list(podSpec(d)!['topologySpreadConstraints']).length === 0) problems.push(`${d.metadata.name}: no topology spread`);
    }
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'routing');
    expect(obj(obj(hpa?.['spec'])['scaleTargetRef'])).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'routing' });
    expect(list(obj(hpa?.['spec'])['metrics']).map((m) => obj(m['resource'])['name'])).toEqual(['cpu']);
    expect(problems).toEqual([]);
  });
});

describeRendered(['production'], (overlay) => {
  it('scales every adapter with a KEDA ScaledObject on a metric the adapter exports', () => {
    const objects = objectsOf(overlay);
    const adapters = deploymentsOf(objects).filter((d) => entryDir(d)?.startsWith('services/adapters/'));
    expect(adapters.length).toBe(services.filter((s) => s.kind === 'adapter').length);
    for (const a of adapters) {
      const so = objects.find((o) => o.kind === 'ScaledObject' && obj(obj(o['spec'])['scaleTargetRef'])['name'] === a.metadata.name);
      const queries = list(obj(so?.['spec'])['triggers']).map((t) => String(obj(t['metadata'])['query']));
      expect({ adapter: a.metadata.name, queries }).toEqual({
        adapter: a.metadata.name,
        queries: expect.arrayContaining([expect.stringMatching(new RegExp(`ndxp_requests_\\w+\\{[^}]*service="${a.metadata.name}"`))]),
      });
    }
  });

  it('keeps three copies of every stream, stores in MongoDB and connects to NATS with per-role credentials', () => {
    const objects = objectsOf(overlay);
    expect(obj(find(objects, 'ConfigMap', 'ndxp-common')?.['data'])['NATS_STREAM_REPLICAS']).toBe('3');
    for (const name of ['registry', 'metering']) {
      const env = containerEnv(objects, containers(find(objects, 'Deployment', name)!)[0]!);
      expect(env.has('MONGODB_URL')).toBe(true);
    }
    for (const d of deploymentsOf(objects)) {
      const env = containerEnv(objects, containers(d)[0]!);
      expect({ d: d.metadata.name, creds: env.get('NATS_CREDS'), inbox: env.get('NATS_INBOX_PREFIX') }).toEqual({
        d: d.metadata.name,
        creds: '/etc/ndxp/nats/user.creds',
        inbox: expect.stringMatching(/^_INBOX\./),
      });
    }
  });

  it('scrapes every mesh pod through a PodMonitor on the ops port and ships the alert rules', () => {
    const objects = objectsOf(overlay);
    const monitor = find(objects, 'PodMonitor', 'ndxp-mesh');
    expect(list(obj(monitor?.['spec'])['podMetricsEndpoints']).map((e) => [e['port'], e['path']])).toEqual([['ops', '/metrics']]);
    const rules = find(objects, 'PrometheusRule', 'ndxp-mesh');
    const alerts = list(obj(rules?.['spec'])['groups']).flatMap((g) => list(g['rules']).map((r) => r['alert']));
    expect(alerts).toEqual(
      expect.arrayContaining([
        'NdxpServiceDown',
        'NdxpServerErrors',
        'NdxpLatencyHigh',
        'NdxpEventLoopStalls',
        'NdxpLedgerReconcileGap',
        'NdxpQuotaStoreUnreachable',
      ]),
    );
  });
});
