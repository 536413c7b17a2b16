// Argument checks shared by the API handlers and the seeder: each failure is a MeshError
// client.invalid_argument naming the offending field.
import {
  INSTANCE,
  MeshError,
  isServiceToken,
  isSubsystemToken,
  toSubsystemToken,
  type Member,
  type ServiceDefinition,
  type Subsystem,
} from '@ndxp/contracts';

/** Member kinds the registry accepts. */
export const MEMBER_KINDS = ['ministry', 'ministry_level_agency', 'province', 'state_enterprise'] as const;

const PART = /^[A-Z0-9]+$/;
const VERSION = /^v[0-9]+$/;
const PROTO_METHOD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+\/[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws client.invalid_argument about `field`. */
export function invalid(field: string, message: string): never {
  throw new MeshError('client.invalid_argument', message, { field });
}

/** Checks a member (its class, code, name and kind); returns it with the instance filled in. */
export function validateMember(m: Member | undefined, field = 'member'): Member {
  if (!m) return invalid(field, `${field} is required`);
  if (m.instance && m.instance !== INSTANCE)
    invalid(`${field}.instance`, `instance must be ${INSTANCE}, got ${JSON.stringify(m.instance)}`);
  if (!PART.test(m.memberClass))
    invalid(`${field}.member_class`, `member class must match [A-Z0-9]+, got ${JSON.stringify(m.memberClass)}`);
  if (!PART.test(m.memberCode)) invalid(`${field}.member_code`, `member code must match [A-Z0-9]+, got ${JSON.stringify(m.memberCode)}`);
  if (!m.name.trim()) invalid(`${field}.name`, 'member name is required');
  if (!(MEMBER_KINDS as readonly string[]).includes(m.kind)) {
    invalid(`${field}.kind`, `kind must be one of ${MEMBER_KINDS.join(', ')}, got ${JSON.stringify(m.kind)}`);
  }
  return { ...m, instance: INSTANCE };
}

/** Checks a subsystem of `member`: same class and code, and a token that matches its parts. */
export function validateSubsystem(s: Subsystem, member: Member, field: string): Subsystem {
  if (s.memberClass !== member.memberClass || s.memberCode !== member.memberCode) {
    invalid(
      field,
      `subsystem ${s.token || s.subsystemCode} belongs to ${s.memberClass}/${s.memberCode}, not ${member.memberClass}/${member.memberCode}`,
    );
  }
  if (!PART.test(s.subsystemCode))
    invalid(`${field}.subsystem_code`, `subsystem code must match [A-Z0-9]+, got ${JSON.stringify(s.subsystemCode)}`);
  const token = toSubsystemToken(s);
  if (s.token && s.token !== token) invalid(`${field}.token`, `token must be ${token}, got ${JSON.stringify(s.token)}`);
  if (!s.name.trim()) invalid(`${field}.name`, 'subsystem name is required');
  return { ...s, token };
}

/** Checks a service definition's provider token, service name, version and proto method. */
export function validateService(s: ServiceDefinition | undefined, field = 'service'): ServiceDefinition {
  if (!s) return invalid(field, `${field} is required`);
  if (!isSubsystemToken(s.provider)) invalid(`${field}.provider`, `provider must be a subsystem token, got ${JSON.stringify(s.provider)}`);
  if (!isServiceToken(s.service)) invalid(`${field}.service`, `service must be a method name, got ${JSON.stringify(s.service)}`);
  if (!VERSION.test(s.version)) invalid(`${field}.version`, `version must look like v1, got ${JSON.stringify(s.version)}`);
  if (!s.name.trim()) invalid(`${field}.name`, 'service name is required');
  if (!PROTO_METHOD.test(s.protoMethod)) {
    invalid(`${field}.proto_method`, `proto_method must be package.Service/Method, got ${JSON.stringify(s.protoMethod)}`);
  }
  return s;
}

/** Checks the three keys of a grant or revoke request. */
export function validateGrantKey(g: { consumer: string; provider: string; service: string }): void {
  if (!isSubsystemToken(g.consumer)) invalid('consumer', `consumer must be a subsystem token, got ${JSON.stringify(g.consumer)}`);
  if (!isSubsystemToken(g.provider)) invalid('provider', `provider must be a subsystem token, got ${JSON.stringify(g.provider)}`);
  if (!isServiceToken(g.service)) invalid('service', `service must be a method name, got ${JSON.stringify(g.service)}`);
}

/** Checks an optional token filter ('' means any). */
export function validateTokenFilter(value: string, field: string): void {
  if (value && !isSubsystemToken(value)) invalid(field, `${field} must be a subsystem token, got ${JSON.stringify(value)}`);
}
