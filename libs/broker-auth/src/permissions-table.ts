// The permissions of every role as a Markdown table (docs/security.md holds it; a unit test keeps
// the two the same), with placeholders for the per-LGSP and per-provider parts.
import { inboxPrefixFor, permissionsFor, type Role } from './permissions';

/** The roles shown in the table, with placeholder names. */
export const DOCUMENTED_ROLES: ReadonlyArray<{ role: Role; who: string }> = [
  { role: { kind: 'lgsp', consumer: '<consumer>' }, who: 'an LGSP (one user per consumer subsystem)' },
  { role: { kind: 'routing' }, who: 'routing' },
  { role: { kind: 'metering' }, who: 'metering' },
  { role: { kind: 'registry' }, who: 'registry' },
  { role: { kind: 'adapter', provider: '<provider>', kvBuckets: ['<bucket>'] }, who: 'the adapter of one national system' },
  { role: { kind: 'gateway' }, who: 'the gRPC gateway' },
  { role: { kind: 'ops' }, who: 'ops tools (ndxp usage, grant, seed-history; onboarding)' },
];

const code = (items: readonly string[] | undefined): string =>
  items && items.length > 0 ? items.map((s) => `\`${s}\``).join('<br>') : '—';

/** The Markdown table: role, inbox prefix, may publish, may subscribe, answers requests. */
export function permissionsTable(): string {
  const rows = DOCUMENTED_ROLES.map(({ role, who }) => {
    const p = permissionsFor(role);
    const resp = p.resp ? `yes (max ${p.resp.max} per request)` : 'no';
    return `| ${role.kind} | ${who} | \`${inboxPrefixFor(role)}\` | ${code(p.pub?.allow)} | ${code(p.sub?.allow)} | ${resp} |`;
  });
  return ['| role | who | inbox prefix | may publish | may subscribe | may answer requests |', '|---|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}
