// The roles an identity can hold on the APIs off NATS, written as strings in a token's "roles"
// claim: "ops", "oversight", "owner:<provider token>" (a national system's data owner) and
// "lgsp:<consumer token>" (an LGSP, for what concerns it alone).
import { MeshError } from '@ndxp/contracts';

/** A role string as it appears in a token. */
export type AccessRole = 'ops' | 'oversight' | `owner:${string}` | `lgsp:${string}`;

/** Who is calling, once authenticated. */
export interface Caller {
  /** The identity's name, as the registry issued it ("nats:ops" for a broker-checked NATS call). */
  identity: string;
  roles: readonly AccessRole[];
  /** How the call came: "grpc", "http" or "nats". */
  via: 'grpc' | 'http' | 'nats';
  /** The caller's address, when the transport knows it. */
  peer: string;
  /** The token's id (jti), empty when no token was used. */
  keyId: string;
  /** When the token expires (ms since the epoch), 0 when no token was used. */
  expiresAtMs: number;
}

const SUBSYSTEM_TOKEN = /^[A-Z0-9]+(-[A-Z0-9]+)+$/;
/** An identity's name: lowercase letters, digits and - _ . @, 2 to 64 characters. */
export const IDENTITY_NAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

/** True when s is a role string the mesh knows. */
export function isAccessRole(s: string): s is AccessRole {
  if (s === 'ops' || s === 'oversight') return true;
  const m = /^(owner|lgsp):(.+)$/.exec(s);
  return m !== null && SUBSYSTEM_TOKEN.test(m[2]!);
}

/** Checks a list of roles (non-empty, each known, no repeats); throws client.invalid_argument (field roles). */
export function parseRoles(roles: readonly string[]): AccessRole[] {
  if (roles.length === 0) throw new MeshError('client.invalid_argument', 'at least one role is needed', { field: 'roles' });
  const bad = roles.find((r) => !isAccessRole(r));
  if (bad !== undefined) {
    throw new MeshError(
      'client.invalid_argument',
      `unknown role ${JSON.stringify(bad)}: ops, oversight, owner:<provider> or lgsp:<consumer>`,
      { field: 'roles' },
    );
  }
  if (new Set(roles).size !== roles.length) throw new MeshError('client.invalid_argument', 'a role is repeated', { field: 'roles' });
  return roles as AccessRole[];
}

/** The subsystem tokens the caller holds a scoped role for ("owner" or "lgsp"). */
export function scopesOf(caller: Caller, kind: 'owner' | 'lgsp'): string[] {
  const prefix = `${kind}:`;
  return caller.roles.filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
}
