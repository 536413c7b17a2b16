// The registry seed and the deployment list: what exists already, and the entries a new system adds.
import type { Names } from './names';

/** A member as the registry seed files declare it. */
export interface SeedMember {
  memberClass: string;
  memberCode: string;
  name: string;
  subsystems?: Array<{ subsystemCode: string }>;
}

/** The national-systems seed file (subsystems of their owners and their services). */
export interface NationalSystemsSeed {
  subsystems: Array<{ memberClass: string; memberCode: string; subsystemCode: string; name: string }>;
  services: Array<{ provider: string; service: string; version: string; name: string; protoMethod: string }>;
  [key: string]: unknown;
}

/** The grants seed file: rules by consumer class or one consumer. */
export interface GrantsSeed {
  grants: Array<{ consumerClass?: string; consumerSubsystem?: string; consumer?: string; provider: string; service: string }>;
  [key: string]: unknown;
}

/** One entry of deploy/national-systems.json. */
export interface DeployEntry {
  system: string;
  provider: string;
  adapterPackage: string;
  simulatorPackage: string;
  upstreamUrlEnv: string;
}

/** Every subsystem token declared by the seed (member subsystems and national systems). */
export function seedTokens(members: readonly SeedMember[], systems: NationalSystemsSeed): Set<string> {
  const tokens = new Set<string>();
  for (const m of members) for (const s of m.subsystems ?? []) tokens.add(`${m.memberClass}-${m.memberCode}-${s.subsystemCode}`);
  for (const s of systems.subsystems) tokens.add(`${s.memberClass}-${s.memberCode}-${s.subsystemCode}`);
  return tokens;
}

/** The seed with the new system's subsystem and lookup service appended. */
export function withSystem(seed: NationalSystemsSeed, n: Names): NationalSystemsSeed {
  return {
    ...seed,
    subsystems: [
      ...seed.subsystems,
      { memberClass: n.memberClass, memberCode: n.memberCode, subsystemCode: n.subsystemCode, name: n.title },
    ],
    services: [
      ...seed.services,
      {
        provider: n.provider,
        service: n.service,
        version: 'v1',
        name: n.serviceTitle,
        protoMethod: `${n.protoPackage}.${n.protoService}/${n.service}`,
      },
    ],
  };
}

/** The grants with one rule per consumer class (each class's LGSP subsystems) for the lookup. */
export function withGrants(seed: GrantsSeed, n: Names): GrantsSeed {
  const rules = n.consumers.map((c) => ({ consumerClass: c, consumerSubsystem: 'LGSP', provider: n.provider, service: n.service }));
  return { ...seed, grants: [...seed.grants, ...rules] };
}

/** The deployment entry of the new system. */
export function deployEntry(n: Names): DeployEntry {
  return {
    system: n.name,
    provider: n.provider,
    adapterPackage: n.adapterPackage,
    simulatorPackage: n.simulatorPackage,
    upstreamUrlEnv: n.upstreamUrlEnv,
  };
}

/** The default port of the next system: 8081 for the first, one more for each listed already. */
export function nextDefaultPort(entries: readonly DeployEntry[]): number {
  return 8081 + entries.length;
}

/** Formats JSON as the repository keeps it (two spaces, final newline); prettier runs afterwards. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
