// The NetworkPolicies of each rendered overlay: a default deny for every pod, no selector that selects nothing,
// both ends of every flow inside the namespace, and exactly the flows of the table in docs/security.md
// ("Network flows"), compared both ways (network-flows.ts). Without kustomize the checks of rendered objects
// are skipped by name (rendered.ts); the checks of the comparison itself, on made-up input, always run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allowedFlows,
  compareFlows,
  documentedFlows,
  flowKey,
  parseFlowTable,
  podsOf,
  policyTypes,
  selects,
  TABLE_END,
  TABLE_START,
  type Flow,
  type FlowRow,
  type Pod,
} from './network-flows';
import { isObj, type K8sObject, type Obj } from './objects';
import { describeRendered, objectsOf, OVERLAYS, ROOT } from './rendered';

const DOC = join(ROOT, 'docs/security.md');
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const policiesOf = (objects: K8sObject[]): K8sObject[] => objects.filter((o) => o.kind === 'NetworkPolicy');
const table = (): FlowRow[] => parseFlowTable(readFileSync(DOC, 'utf8'));

/** Documented vs allowed flows of one overlay's objects, with the problems of the table's expansion first. */
function differences(objects: K8sObject[], rows: FlowRow[], overlay: string): string[] {
  const pods = podsOf(objects);
  const documented = documentedFlows(rows, overlay, pods);
  return [...documented.problems, ...compareFlows(documented.flows, allowedFlows(policiesOf(objects), pods).flows)];
}

describe('docs/security.md, network flows table', () => {
  it('has a readable table between the markers, each row for known overlays', () => {
    const rows = table();
    expect(rows.length).toBeGreaterThan(5);
    const unknown = rows.flatMap((r) =>
      r.overlays.filter((o) => !(OVERLAYS as readonly string[]).includes(o)).map((o) => `line ${r.line}: ${o}`),
    );
    expect(unknown).toEqual([]);
    expect(rows.filter((r) => r.why.length < 5).map((r) => `line ${r.line}: no reason given`)).toEqual([]);
  });
});

describeRendered(OVERLAYS, (overlay) => {
  it('has a default deny for ingress and egress that selects every pod of the namespace', () => {
    const objects = objectsOf(overlay);
    const pods = podsOf(objects);
    const denies = policiesOf(objects).filter((p) => {
      const spec = obj(p['spec']);
      return (
        policyTypes(p).includes('Ingress') &&
        policyTypes(p).includes('Egress') &&
        list(spec['ingress']).length === 0 &&
        list(spec['egress']).length === 0
      );
    });
    expect(denies.map((p) => p.metadata.name)).toEqual(['default-deny']);
    const uncovered = pods.filter((pod) => !selects(obj(denies[0]!['spec'])['podSelector'], pod.labels)).map((p) => p.name);
    expect(uncovered).toEqual([]);
    expect(pods.length).toBeGreaterThan(7);
  });

  it('selects at least one pod with every policy, and with every podSelector of the namespace in from and to', () => {
    const objects = objectsOf(overlay);
    const pods = podsOf(objects);
    const empty: string[] = [];
    const none = (selector: unknown): boolean => !pods.some((p) => selects(selector, p.labels));
    for (const p of policiesOf(objects)) {
      const spec = obj(p['spec']);
      if (none(spec['podSelector'])) empty.push(`${p.metadata.name}: podSelector selects no pod`);
      const peers = [
        ...list(spec['ingress']).flatMap((r) => list(r['from']).map((peer) => ['from', peer] as const)),
        ...list(spec['egress']).flatMap((r) => list(r['to']).map((peer) => ['to', peer] as const)),
      ];
      for (const [side, peer] of peers)
        if ('podSelector' in peer && !('namespaceSelector' in peer) && none(peer['podSelector']))
          empty.push(`${p.metadata.name}: ${side} podSelector ${JSON.stringify(peer['podSelector'])} selects no pod`);
    }
    expect(empty).toEqual([]);
  });

  it('allows every flow inside the namespace at both ends, on a port the destination listens on, and names no namespace of its own by selector', () => {
    const objects = objectsOf(overlay);
    const pods = podsOf(objects);
    const problems = [...allowedFlows(policiesOf(objects), pods).halfOpen];
    const byName = new Map(pods.map((p) => [p.name, p]));
    for (const f of allowedFlows(policiesOf(objects), pods).flows) {
      const dst = byName.get(f.to);
      const [port, protocol] = f.port.split('/');
      if (dst && !dst.ports.some((p) => String(p.port) === port && p.protocol === protocol))
        problems.push(`${flowKey(f)}: ${f.to} declares no container port ${f.port}`);
    }
    // A namespaceSelector that picks the mesh's own namespace would bypass the per-pod view above.
    const namespace = objects.find((o) => o.kind === 'Namespace');
    const nsLabels = { ...namespace?.metadata.labels, 'kubernetes.io/metadata.name': namespace?.metadata.name ?? '' };
    for (const p of policiesOf(objects)) {
      const spec = obj(p['spec']);
      const peers = [...list(spec['ingress']).flatMap((r) => list(r['from'])), ...list(spec['egress']).flatMap((r) => list(r['to']))];
      for (const peer of peers)
        if ('namespaceSelector' in peer && selects(peer['namespaceSelector'], nsLabels))
          problems.push(`${p.metadata.name}: a namespaceSelector selects the namespace ${namespace?.metadata.name} itself`);
    }
    expect(problems).toEqual([]);
  });

  it('allows exactly the flows that the table of docs/security.md lists for this overlay', () => {
    expect(differences(objectsOf(overlay), table(), overlay)).toEqual([]);
  });

  it('reports a flow the table lacks, and a listed flow no policy allows (the comparison can fail)', () => {
    const objects = objectsOf(overlay);
    const rows = table();
    // A row fewer: every flow of that row is reported as allowed but missing from the table.
    const gateway = rows.findIndex((r) => r.to.includes('gateway') && r.overlays.includes(overlay));
    expect(gateway).toBeGreaterThanOrEqual(0);
    const fewerRows = rows.filter((_, i) => i !== gateway);
    expect(differences(objects, fewerRows, overlay)).toEqual([
      'allowed by the NetworkPolicies, missing from docs/security.md: anywhere → gateway 50070/TCP',
    ]);
    // A rule fewer: the registry's admin ingress goes, and its row is reported as listed but not allowed.
    const fewerRules = structuredClone(objects).map((o) =>
      o.kind === 'NetworkPolicy' && o.metadata.name === 'registry-admin-from-ops' ? { ...o, spec: { ...obj(o['spec']), ingress: [] } } : o,
    );
    expect(differences(fewerRules, rows, overlay)).toEqual([
      'listed in docs/security.md, not allowed by the NetworkPolicies: namespaces ndxp.vn/access=ops: every pod → registry 50051/TCP',
    ]);
  });
});

describe('the flow comparison, on made-up policies and a made-up table', () => {
  const pod = (name: string, labels: Record<string, string>, ports: number[]): Pod => ({
    name,
    labels: { 'app.kubernetes.io/name': name, ...labels },
    ports: ports.map((port) => ({ port, protocol: 'TCP' })),
  });
  const pods = [pod('api', { tier: 'core' }, [8080]), pod('db', { tier: 'store' }, [5432]), pod('worker', { tier: 'core' }, [])];
  const policy = (name: string, spec: Obj): K8sObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name },
    spec,
  });
  const policies = [
    policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('core-to-db', {
      podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['core'] }] },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { tier: 'store' } } }], ports: [{ port: 5432 }] }],
    }),
    policy('db-from-core', {
      podSelector: { matchLabels: { tier: 'store' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'core' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
    }),
    policy('api-from-ops', {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { access: 'ops' } } }], ports: [{ port: 8080 }] }],
    }),
    policy('api-out', {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] }],
    }),
  ];
  const markdown = [
    '# x',
    '| from | to | port | overlays | why |',
    '|---|---|---|---|---|',
    '| `ignored` | `outside the markers` | 1/TCP | small | not read |',
    TABLE_START,
    '| From | To | Port | Overlays | Why |',
    '|---|---|---|---|---|',
    '| `api`, `worker` | `db` | 5432/TCP | small, production | the store |',
    '| `namespaces access=ops: every pod` | `api` | 8080/TCP | small | the admin API |',
    '| `a*` | `ipBlock 0.0.0.0/0 except 10.0.0.0/8` | 443/TCP | small | upstream |',
    TABLE_END,
  ].join('\n');
  const allowed = (): Flow[] => allowedFlows(policies, pods).flows;

  it('reads only the rows between the markers, and expands pod names and patterns for the overlay', () => {
    const rows = parseFlowTable(markdown, 'x.md');
    expect(rows.map((r) => r.line)).toEqual([8, 9, 10]);
    expect(documentedFlows(rows, 'small', pods, 'x.md').flows.map(flowKey)).toEqual([
      'api → db 5432/TCP',
      'api → ipBlock 0.0.0.0/0 except 10.0.0.0/8 443/TCP',
      'namespaces access=ops: every pod → api 8080/TCP',
      'worker → db 5432/TCP',
    ]);
    expect(documentedFlows(rows, 'production', pods, 'x.md').flows.map(flowKey)).toEqual(['api → db 5432/TCP', 'worker → db 5432/TCP']);
    expect(documentedFlows(rows, 'small', [pods[1]!], 'x.md').problems).toEqual([
      'x.md:8: `api` names no pod of overlays/small',
      'x.md:8: `worker` names no pod of overlays/small',
      'x.md:9: `api` names no pod of overlays/small',
      'x.md:10: `a*` names no pod of overlays/small',
    ]);
    expect(() => parseFlowTable(markdown.replace('5432/TCP', '5432'), 'x.md')).toThrow('x.md:8: port 5432 is not port/protocol');
    expect(() => parseFlowTable('| a |', 'x.md')).toThrow('no table between');
  });

  it('finds the flows the policies allow, and nothing more', () => {
    expect(allowedFlows(policies, pods)).toEqual({
      flows: [
        { from: 'api', to: 'db', port: '5432/TCP' },
        { from: 'api', to: 'ipBlock 0.0.0.0/0 except 10.0.0.0/8', port: '443/TCP' },
        { from: 'namespaces access=ops: every pod', to: 'api', port: '8080/TCP' },
        { from: 'worker', to: 'db', port: '5432/TCP' },
      ],
      halfOpen: [],
    });
    expect(compareFlows(documentedFlows(parseFlowTable(markdown), 'small', pods).flows, allowed())).toEqual([]);
  });

  it('names each flow that differs, either way', () => {
    const documented = documentedFlows(parseFlowTable(markdown), 'small', pods).flows;
    expect(compareFlows(documented.slice(1), allowed())).toEqual([
      'allowed by the NetworkPolicies, missing from docs/security.md: api → db 5432/TCP',
    ]);
    expect(compareFlows([...documented, { from: 'db', to: 'api', port: '8080/TCP' }], allowed())).toEqual([
      'listed in docs/security.md, not allowed by the NetworkPolicies: db → api 8080/TCP',
    ]);
  });

  it('needs both ends inside the namespace: an egress without its ingress is no flow, and is reported', () => {
    const oneEnd = policies.filter((p) => p.metadata.name !== 'db-from-core');
    const r = allowedFlows(oneEnd, pods);
    expect(r.flows.map(flowKey)).not.toContain('api → db 5432/TCP');
    expect(r.halfOpen).toEqual([
      'core-to-db: api → db 5432/TCP leaves api, but no policy lets it into db',
      'core-to-db: worker → db 5432/TCP leaves worker, but no policy lets it into db',
    ]);
    // Without the deny, db is not isolated for ingress: anything may enter it, from anywhere.
    const open = allowedFlows(oneEnd.slice(1), pods).flows.map(flowKey);
    expect(open).toEqual(expect.arrayContaining(['anywhere → db any port', 'api → db 5432/TCP', 'db → anywhere any port']));
  });
});
