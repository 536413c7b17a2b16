// Rows of the embedded registry's core tables (members, subsystems, services, grants) and their
// mapping to the contract's messages.
import type { Grant, Member, ServiceDefinition, Subsystem } from '@ndxp/contracts';

/** A row of registry_members (and of the other tables below). */
export interface MemberRow {
  instance: string;
  member_class: string;
  member_code: string;
  name: string;
  kind: string;
}
export interface SubsystemRow {
  token: string;
  member_class: string;
  member_code: string;
  subsystem_code: string;
  name: string;
}
export interface ServiceRow {
  provider: string;
  service: string;
  version: string;
  name: string;
  proto_method: string;
}
export interface GrantRow {
  consumer: string;
  provider: string;
  service: string;
  granted_at_ms: number;
}

/** Whether a has every column of b with the same value. */
export function sameRow<T extends object>(a: T, b: T): boolean {
  return (Object.keys(b) as (keyof T)[]).every((k) => a[k] === b[k]);
}

/** Row to message. */
export function toMember(r: MemberRow): Member {
  return { instance: r.instance, memberClass: r.member_class, memberCode: r.member_code, name: r.name, kind: r.kind };
}

export function toSubsystem(r: SubsystemRow): Subsystem {
  return { token: r.token, memberClass: r.member_class, memberCode: r.member_code, subsystemCode: r.subsystem_code, name: r.name };
}

export function toService(r: ServiceRow): ServiceDefinition {
  return { provider: r.provider, service: r.service, version: r.version, name: r.name, protoMethod: r.proto_method };
}

export function toGrant(r: GrantRow): Grant {
  return { consumer: r.consumer, provider: r.provider, service: r.service, grantedAtMs: r.granted_at_ms };
}
