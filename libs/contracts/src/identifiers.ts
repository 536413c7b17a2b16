// The one mapping between X-Road style identifiers (instance/class/code/subsystem) and the
// NATS-token form used in subjects: CLASS-CODE-SUBSYSTEM, e.g. TINH-01-LGSP.

/** The X-Road instance of this platform. */
export const INSTANCE = 'VN';

/** A subsystem identifier in its full form. */
export interface SubsystemId {
  instance: string;
  memberClass: string;
  memberCode: string;
  subsystemCode: string;
}

const PART = /^[A-Z0-9]+$/;
const TOKEN = /^[A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+$/;

/** True when s is a well-formed subsystem token (safe as one NATS subject token). */
export function isSubsystemToken(s: string): boolean {
  return TOKEN.test(s);
}

/** Writes the token form of a subsystem id; throws on parts that are not [A-Z0-9]+. */
export function toSubsystemToken(id: Omit<SubsystemId, 'instance'>): string {
  for (const p of [id.memberClass, id.memberCode, id.subsystemCode]) {
    if (!PART.test(p)) throw new RangeError(`identifier part ${JSON.stringify(p)} must match [A-Z0-9]+`);
  }
  return `${id.memberClass}-${id.memberCode}-${id.subsystemCode}`;
}

/** Reads a token back into the full form, or returns undefined when it is not a token. */
export function parseSubsystemToken(token: string): SubsystemId | undefined {
  if (!TOKEN.test(token)) return undefined;
  const [memberClass, memberCode, subsystemCode] = token.split('-') as [string, string, string];
  return { instance: INSTANCE, memberClass, memberCode, subsystemCode };
}

/** The X-Road path form, e.g. VN/TINH/01/LGSP. */
export function formatSubsystemPath(id: SubsystemId): string {
  return `${id.instance}/${id.memberClass}/${id.memberCode}/${id.subsystemCode}`;
}

const SERVICE = /^[A-Za-z][A-Za-z0-9_]*$/;

/** True when s can be a service name token (a proto method name, e.g. GetEnterprise). */
export function isServiceToken(s: string): boolean {
  return SERVICE.test(s);
}
