// The flows a set of NetworkPolicies allows, worked out from the rendered objects the way a CNI enforces them,
// and the table of docs/security.md that lists them: parsed, expanded and compared.
//
// A flow is "from → to port/protocol". An end inside the namespace is a pod template, named by its workload
// (e.g. registry); an end outside it is named from the policy's peer: `namespace kube-system: k8s-app=kube-dns`
// (a namespace selected by its name, then the pods' labels, or "every pod"), `namespaces ndxp.vn/access=ops:
// every pod` (namespaces selected by labels), `ipBlock 0.0.0.0/0 except ...`, or `anywhere` (a rule without
// from/to). A pod that no policy of a type selects is not isolated for that type: it lets anything in (or out).
// Between two pods of the namespace a flow needs both ends: the source's egress and the destination's
// ingress; one end without the other is reported as half-open.
import { isObj, type K8sObject, type Obj } from './objects';
import { containers, podSpec } from './repo-services';

/** A pod template of the namespace: its workload's name, its labels and the ports its containers declare. */
export interface Pod {
  name: string;
  labels: Record<string, string>;
  ports: { name?: string; port: number; protocol: string }[];
}

/** One allowed connection: from, to, and "port/protocol" (or "any port"). */
export interface Flow {
  from: string;
  to: string;
  port: string;
}

/** One row of the table in docs/security.md. */
export interface FlowRow {
  /** Line number in the file (1-based), for messages. */
  line: number;
  from: string[];
  to: string[];
  ports: string[];
  overlays: string[];
  why: string;
}

export const ANYWHERE = 'anywhere';
export const ANY_PORT = 'any port';
export const TABLE_START = '<!-- network-flows:start -->';
export const TABLE_END = '<!-- network-flows:end -->';
export const TABLE_COLUMNS = ['from', 'to', 'port', 'overlays', 'why'];

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
export const flowKey = (f: Flow): string => `${f.from} → ${f.to} ${f.port}`;

/** The pod templates of the rendered objects (Deployments, StatefulSets, ...), one per workload. */
export function podsOf(objects: K8sObject[]): Pod[] {
  return objects
    .filter((o) => podSpec(o) !== undefined)
    .map((o) => {
      const labels = obj(obj(obj(o['spec'])['template'])['metadata'])['labels'];
      return {
        name: o.metadata.name,
        labels: Object.fromEntries(Object.entries(obj(labels)).map(([k, v]) => [k, String(v)])),
        ports: containers(o).flatMap((c) =>
          list(c['ports']).map((p) => ({
            ...(typeof p['name'] === 'string' ? { name: p['name'] } : {}),
            port: Number(p['containerPort']),
            protocol: typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP',
          })),
        ),
      };
    });
}

/** Whether a LabelSelector (matchLabels, matchExpressions) selects labels; an empty selector selects everything. */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  const s = obj(selector);
  for (const [k, v] of Object.entries(obj(s['matchLabels']))) if (labels[k] !== String(v)) return false;
  for (const e of list(s['matchExpressions'])) {
    const key = String(e['key']);
    const values = strings(e['values']);
    const has = key in labels;
    switch (e['operator']) {
      case 'In':
        if (!has || !values.includes(labels[key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new Error(`label selector operator ${String(e['operator'])} is not one of In, NotIn, Exists, DoesNotExist`);
    }
  }
  return true;
}

/** A selector as text: "k=v, k2 in (a, b)", or whenEmpty. */
export function describeSelector(selector: unknown, whenEmpty: string): string {
  const s = obj(selector);
  const labels = Object.entries(obj(s['matchLabels']))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${String(v)}`);
  const expressions = list(s['matchExpressions']).map((e) => {
    const key = String(e['key']);
    const values = strings(e['values']).join(', ');
    if (e['operator'] === 'In') return `${key} in (${values})`;
    if (e['operator'] === 'NotIn') return `${key} notin (${values})`;
    return e['operator'] === 'Exists' ? key : `!${key}`;
  });
  const parts = [...labels, ...expressions];
  return parts.length > 0 ? parts.join(', ') : whenEmpty;
}

/** A namespaceSelector as text: "namespace x" (by kubernetes.io/metadata.name alone), "namespaces k=v", "every namespace". */
export function describeNamespaces(selector: unknown): string {
  const s = obj(selector);
  const labels = obj(s['matchLabels']);
  if (list(s['matchExpressions']).length === 0 && Object.keys(labels).join() === 'kubernetes.io/metadata.name')
    return `namespace ${String(labels['kubernetes.io/metadata.name'])}`;
  const d = describeSelector(s, '');
  return d === '' ? 'every namespace' : `namespaces ${d}`;
}

/** A from/to peer: pods of the namespace (podSelector alone), or an end outside it, by name. */
type Peer = { pods: Pod[] } | { outside: string };

function peerOf(p: Obj, pods: Pod[]): Peer {
  const block = p['ipBlock'];
  if (isObj(block)) {
    const except = strings(block['except']);
    return { outside: `ipBlock ${String(block['cidr'])}${except.length > 0 ? ` except ${except.join(', ')}` : ''}` };
  }
  if ('namespaceSelector' in p)
    return { outside: `${describeNamespaces(p['namespaceSelector'])}: ${describeSelector(p['podSelector'], 'every pod')}` };
  return { pods: pods.filter((pod) => selects(p['podSelector'], pod.labels)) };
}

/** The ports of a rule as "port/protocol" (named ports looked up on the destination pod), or "any port". */
function portsOf(rule: Obj, destination: Pod | undefined): string[] {
  const ports = list(rule['ports']);
  if (ports.length === 0) return [ANY_PORT];
  return ports.map((p) => {
    const protocol = typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP';
    const given = p['port'];
    if (typeof given !== 'string' && typeof given !== 'number') return `any/${protocol}`;
    // A named port is the number the destination's container gives it (kept as a name where unknown).
    const port =
      typeof given === 'string' ? (destination?.ports.find((c) => c.name === given && c.protocol === protocol)?.port ?? given) : given;
    return typeof p['endPort'] === 'number' ? `${port}-${p['endPort']}/${protocol}` : `${port}/${protocol}`;
  });
}

/** The port both ends allow, when one is "any port" (or any port of a protocol) and the other names one. */
function meet(a: string, b: string): string | undefined {
  if (a === b || b === ANY_PORT) return a;
  if (a === ANY_PORT) return b;
  const [pa, protoA] = a.split('/');
  const [pb, protoB] = b.split('/');
  if (protoA !== protoB) return undefined;
  if (pa === 'any') return b;
  return pb === 'any' ? a : undefined;
}

/** What one side of a policy allows: an ingress (peer → pod) or an egress (pod → peer) on one port. */
interface Allowance {
  policy: string;
  pod: Pod;
  peer: Peer | typeof ANYWHERE;
  port: string;
}

const covers = (peer: Peer | typeof ANYWHERE, pod: Pod): boolean =>
  peer === ANYWHERE || ('pods' in peer && peer.pods.some((p) => p.name === pod.name));

/** The policies' types: as written, else Ingress, plus Egress when there are egress rules (the API's default). */
export function policyTypes(policy: K8sObject): string[] {
  const spec = obj(policy['spec']);
  const types = strings(spec['policyTypes']);
  if (types.length > 0) return types;
  return Array.isArray(spec['egress']) ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The flows the policies allow between the pods and the world, and the in-namespace halves without their other end. */
export function allowedFlows(policies: K8sObject[], pods: Pod[]): { flows: Flow[]; halfOpen: string[] } {
  const ingress: Allowance[] = [];
  const egress: Allowance[] = [];
  const isolated = { Ingress: new Set<string>(), Egress: new Set<string>() };
  for (const policy of policies) {
    const spec = obj(policy['spec']);
    const selected = pods.filter((p) => selects(spec['podSelector'], p.labels));
    const types = policyTypes(policy);
    for (const pod of selected) for (const t of types) if (t === 'Ingress' || t === 'Egress') isolated[t].add(pod.name);
    const name = policy.metadata.name;
    if (types.includes('Ingress'))
      for (const rule of list(spec['ingress']))
        for (const pod of selected) {
          const from = list(rule['from']);
          const peers = from.length === 0 ? [ANYWHERE as typeof ANYWHERE] : from.map((p) => peerOf(p, pods));
          for (const peer of peers) for (const port of portsOf(rule, pod)) ingress.push({ policy: name, pod, peer, port });
        }
    if (types.includes('Egress'))
      for (const rule of list(spec['egress']))
        for (const pod of selected) {
          const to = list(rule['to']);
          const peers = to.length === 0 ? [ANYWHERE as typeof ANYWHERE] : to.map((p) => peerOf(p, pods));
          for (const peer of peers) {
            // Named ports are the destination's: look them up on each destination pod.
            const destinations = peer !== ANYWHERE && 'pods' in peer ? peer.pods : [undefined];
            for (const d of destinations)
              for (const port of portsOf(rule, d)) egress.push({ policy: name, pod, peer: d ? { pods: [d] } : peer, port });
          }
        }
  }
  // Not isolated: everything is allowed on that side.
  for (const pod of pods) {
    if (!isolated.Ingress.has(pod.name)) ingress.push({ policy: '(no Ingress policy)', pod, peer: ANYWHERE, port: ANY_PORT });
    if (!isolated.Egress.has(pod.name)) egress.push({ policy: '(no Egress policy)', pod, peer: ANYWHERE, port: ANY_PORT });
  }

  const flows = new Map<string, Flow>();
  const add = (f: Flow): void => void flows.set(flowKey(f), f);
  const outside = (peer: Peer | typeof ANYWHERE): string | undefined =>
    peer === ANYWHERE ? ANYWHERE : 'outside' in peer ? peer.outside : undefined;
  for (const i of ingress) {
    const name = outside(i.peer);
    if (name !== undefined) add({ from: name, to: i.pod.name, port: i.port });
  }
  for (const e of egress) {
    const name = outside(e.peer);
    if (name !== undefined) add({ from: e.pod.name, to: name, port: e.port });
  }
  // Inside the namespace: the source's egress and the destination's ingress, on a port both allow.
  const halfOpen: string[] = [];
  const matchedEgress = new Set<string>();
  const matchedIngress = new Set<string>();
  const half = (a: Allowance, src: Pod, dst: Pod): string => `${a.policy}|${src.name}|${dst.name}|${a.port}`;
  for (const e of egress)
    for (const i of ingress) {
      if (!covers(e.peer, i.pod) || !covers(i.peer, e.pod)) continue;
      const port = meet(e.port, i.port);
      if (port === undefined) continue;
      add({ from: e.pod.name, to: i.pod.name, port });
      matchedEgress.add(half(e, e.pod, i.pod));
      matchedIngress.add(half(i, e.pod, i.pod));
    }
  for (const e of egress)
    if (e.peer !== ANYWHERE && 'pods' in e.peer)
      for (const dst of e.peer.pods)
        if (!matchedEgress.has(half(e, e.pod, dst)))
          halfOpen.push(`${e.policy}: ${e.pod.name} → ${dst.name} ${e.port} leaves ${e.pod.name}, but no policy lets it into ${dst.name}`);
  for (const i of ingress)
    if (i.peer !== ANYWHERE && 'pods' in i.peer)
      for (const src of i.peer.pods)
        if (!matchedIngress.has(half(i, src, i.pod)))
          halfOpen.push(
            `${i.policy}: ${src.name} → ${i.pod.name} ${i.port} may enter ${i.pod.name}, but no policy lets it leave ${src.name}`,
          );
  return { flows: sortFlows([...flows.values()]), halfOpen };
}

export const sortFlows = (flows: Flow[]): Flow[] => [...flows].sort((a, b) => flowKey(a).localeCompare(flowKey(b)));

/** The rows of the table between the markers of docs/security.md; throws on a table it cannot read. */
export function parseFlowTable(markdown: string, file = 'docs/security.md'): FlowRow[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === TABLE_START);
  const end = lines.findIndex((l) => l.trim() === TABLE_END);
  if (start < 0 || end < start) throw new Error(`${file}: no table between ${TABLE_START} and ${TABLE_END}`);
  const rows: FlowRow[] = [];
  let header = false;
  for (let n = start + 1; n < end; n++) {
    const text = lines[n]!.trim();
    if (!text.startsWith('|')) continue;
    const cells = text
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
    const where = `${file}:${n + 1}`;
    if (!header) {
      if (cells.map((c) => c.toLowerCase()).join() !== TABLE_COLUMNS.join())
        throw new Error(`${where}: the table's columns must be ${TABLE_COLUMNS.join(' | ')}, got ${cells.join(' | ')}`);
      header = true;
      continue;
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (cells.length !== TABLE_COLUMNS.length) throw new Error(`${where}: ${cells.length} cells, not ${TABLE_COLUMNS.length}`);
    const [from, to, port, overlays, why] = cells as [string, string, string, string, string];
    const ends = (cell: string, column: string): string[] => {
      const found = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      if (found.length === 0) throw new Error(`${where}: no \`end\` in the ${column} column: ${cell}`);
      return found;
    };
    const ports = port.split(',').map((p) => p.trim().replace(/`/g, ''));
    for (const p of ports)
      if (p !== ANY_PORT && !/^(\d+(-\d+)?|any)\/(TCP|UDP|SCTP)$/.test(p)) throw new Error(`${where}: port ${p} is not port/protocol`);
    rows.push({
      line: n + 1,
      from: ends(from, 'from'),
      to: ends(to, 'to'),
      ports,
      overlays: overlays.split(',').map((o) => o.trim()),
      why,
    });
  }
  if (!header) throw new Error(`${file}: no table between ${TABLE_START} and ${TABLE_END}`);
  return rows;
}

/** Whether a table end names pods of the namespace (a workload name, or a pattern with *) rather than an end outside. */
export const isPodPattern = (end: string): boolean => end !== ANYWHERE && /^[a-z0-9*][a-z0-9*-]*$/.test(end);

/** The flows the table's rows list for one overlay, pod patterns expanded to the overlay's pods. */
export function documentedFlows(
  rows: FlowRow[],
  overlay: string,
  pods: Pod[],
  file = 'docs/security.md',
): { flows: Flow[]; problems: string[] } {
  const problems: string[] = [];
  const flows = new Map<string, Flow>();
  const expand = (row: FlowRow, end: string): string[] => {
    if (!isPodPattern(end)) return [end];
    const pattern = new RegExp(`^${end.replace(/\*/g, '[a-z0-9-]*')}$`);
    const names = pods.map((p) => p.name).filter((n) => pattern.test(n));
    if (names.length === 0) problems.push(`${file}:${row.line}: \`${end}\` names no pod of overlays/${overlay}`);
    return names;
  };
  for (const row of rows.filter((r) => r.overlays.includes(overlay)))
    for (const from of row.from.flatMap((e) => expand(row, e)))
      for (const to of row.to.flatMap((e) => expand(row, e)))
        for (const port of row.ports) {
          const f = { from, to, port };
          flows.set(flowKey(f), f);
        }
  return { flows: sortFlows([...flows.values()]), problems };
}

/** Every difference between the flows the table lists and those the policies allow, each naming its flow. */
export function compareFlows(documented: Flow[], allowed: Flow[], file = 'docs/security.md'): string[] {
  const doc = new Set(documented.map(flowKey));
  const pol = new Set(allowed.map(flowKey));
  return [
    ...sortFlows(allowed)
      .filter((f) => !doc.has(flowKey(f)))
      .map((f) => `allowed by the NetworkPolicies, missing from ${file}: ${flowKey(f)}`),
    ...sortFlows(documented)
      .filter((f) => !pol.has(flowKey(f)))
      .map((f) => `listed in ${file}, not allowed by the NetworkPolicies: ${flowKey(f)}`),
  ];
}
