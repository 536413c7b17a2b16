// What a method or route requires of its caller, and the one check of a caller against it. Every
// served method and route has a rule (serveGrpcApi and the HTTP APIs refuse to start without one),
// so a new method cannot be added open.
import { MeshError } from '@ndxp/contracts';
import { scopesOf, type Caller } from './roles';

/**
 * A rule. `roles` lists the unscoped roles allowed outright; `owner` and `lgsp`, when given, say
 * which provider or consumer a request is limited to (undefined: not limited), and a caller with
 * owner:<that provider> or lgsp:<that consumer> is allowed for that request. `public` rules need no
 * caller at all and say why.
 */
export type AccessRule<Req = never> =
  | { public: true; why: string }
  | {
      public?: false;
      roles: readonly ('ops' | 'oversight')[];
      owner?: (request: Req) => string | undefined;
      lgsp?: (request: Req) => string | undefined;
    };

/** A rule per method key (or route path). */
export type AccessRules = Record<string, AccessRule<never>>;

/** Throws client.permission_denied unless the caller's roles satisfy the rule for this request. */
export function authorize(caller: Caller, rule: AccessRule<never>, request: unknown, action: string): void {
  if (rule.public) return;
  if (caller.roles.some((r) => (rule.roles as readonly string[]).includes(r))) return;
  const scoped = (kind: 'owner' | 'lgsp', limit: ((request: never) => string | undefined) | undefined): boolean => {
    if (!limit) return false;
    const target = limit(request as never);
    return target !== undefined && target !== '' && scopesOf(caller, kind).includes(target);
  };
  if (scoped('owner', rule.owner) || scoped('lgsp', rule.lgsp)) return;
  const needs = [...rule.roles, ...(rule.owner ? ['owner:<its provider>'] : []), ...(rule.lgsp ? ['lgsp:<its consumer>'] : [])];
  throw new MeshError(
    'client.permission_denied',
    `${action} needs the role ${needs.join(' or ')}; ${caller.identity} holds ${caller.roles.join(', ') || 'none'}`,
  );
}

/** The method keys (or paths) that have no rule: must be empty before anything is served. */
export function missingRules(keys: readonly string[], rules: AccessRules): string[] {
  return keys.filter((k) => !Object.prototype.hasOwnProperty.call(rules, k));
}
