// Reading and validating the registry's seed files (JSON data in seed/): members with their
// subsystems, national systems, their services and starter grant rules, all of one data version.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTANCE, MeshError, type Member, type ServiceDefinition, type Subsystem } from '@ndxp/contracts';
import { ConfigError } from '@ndxp/runtime';
import { validateGrantKey, validateMember, validateService, validateSubsystem } from './validation';

/** A member and all its subsystems, ready for the store. */
export interface SeedMember {
  member: Member;
  subsystems: Subsystem[];
}

/** The keys of one grant. */
export interface GrantKey {
  consumer: string;
  provider: string;
  service: string;
}

/** Everything a seed folder holds, validated, with grant rules expanded to one grant per consumer. */
export interface SeedData {
  /** Data version shared by every file, e.g. "2021" (before the 2025 reorganisation). */
  version: string;
  files: string[];
  members: SeedMember[];
  services: ServiceDefinition[];
  grants: GrantKey[];
}

type Json = Record<string, unknown>;
const SECTIONS = ['version', 'description', 'members', 'subsystems', 'services', 'grants'] as const;

/** Reads every *.json file of dir; throws ConfigError naming the file and entry of the first fault. */
export function loadSeed(dir: string): SeedData {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (err) {
    throw new ConfigError(`cannot read seed folder ${dir}: ${(err as Error).message}`);
  }
  if (names.length === 0) throw new ConfigError(`seed folder ${dir} holds no .json files`);

  const files = names.map((name) => ({ name, doc: readJson(join(dir, name), name) }));
  const version = files[0]!.doc['version'];
  for (const { name, doc } of files) {
    if (doc['version'] !== version)
      throw new ConfigError(
        `${name}: version ${JSON.stringify(doc['version'])} differs from ${JSON.stringify(version)} in ${files[0]!.name}`,
      );
  }

  const members = new Map<string, SeedMember>();
  const tokens = new Set<string>();
  const addSubsystem = (entry: Json, member: Member, label: string): void => {
    const s = check(label, () =>
      validateSubsystem(
        {
          token: '',
          memberClass: member.memberClass,
          memberCode: member.memberCode,
          subsystemCode: str(entry, 'subsystemCode', label),
          name: str(entry, 'name', label),
        },
        member,
        'subsystem',
      ),
    );
    if (tokens.has(s.token)) throw new ConfigError(`${label}: subsystem ${s.token} is declared twice`);
    tokens.add(s.token);
    members.get(memberKey(member))!.subsystems.push(s);
  };

  for (const { name, doc } of files) {
    entries(doc, 'members', name).forEach((entry, i) => {
      const label = `${name} members[${i}]${idOf(entry)}`;
      const member = check(label, () =>
        validateMember({
          instance: INSTANCE,
          memberClass: str(entry, 'memberClass', label),
          memberCode: str(entry, 'memberCode', label),
          name: str(entry, 'name', label),
          kind: str(entry, 'kind', label),
        }),
      );
      if (members.has(memberKey(member))) throw new ConfigError(`${label}: member ${memberKey(member)} is declared twice`);
      members.set(memberKey(member), { member, subsystems: [] });
      const subs = entry['subsystems'] ?? [];
      if (!Array.isArray(subs)) throw new ConfigError(`${label}: subsystems must be an array`);
      subs.forEach((s: unknown, j) => addSubsystem(object(s, `${label} subsystems[${j}]`), member, `${label} subsystems[${j}]`));
    });
  }

  for (const { name, doc } of files) {
    entries(doc, 'subsystems', name).forEach((entry, i) => {
      const label = `${name} subsystems[${i}]`;
      const key = `${str(entry, 'memberClass', label)}-${str(entry, 'memberCode', label)}`;
      const owner = members.get(key);
      if (!owner) throw new ConfigError(`${label}: member ${key} is not declared in any seed file`);
      addSubsystem(entry, owner.member, label);
    });
  }

  const services: ServiceDefinition[] = [];
  const serviceNames = new Set<string>();
  for (const { name, doc } of files) {
    entries(doc, 'services', name).forEach((entry, i) => {
      const label = `${name} services[${i}]`;
      const s = check(label, () =>
        validateService({
          provider: str(entry, 'provider', label),
          service: str(entry, 'service', label),
          version: str(entry, 'version', label),
          name: str(entry, 'name', label),
          protoMethod: str(entry, 'protoMethod', label),
        }),
      );
      if (!tokens.has(s.provider)) throw new ConfigError(`${label}: provider ${s.provider} is not a subsystem declared in the seed`);
      const key = `${s.provider}/${s.service}/${s.version}`;
      if (serviceNames.has(key)) throw new ConfigError(`${label}: service ${key} is declared twice`);
      serviceNames.add(key);
      services.push(s);
    });
  }

  const subsystems = [...members.values()].flatMap((m) => m.subsystems);
  const grants = new Map<string, GrantKey>();
  for (const { name, doc } of files) {
    entries(doc, 'grants', name).forEach((entry, i) => {
      const label = `${name} grants[${i}]`;
      for (const g of expandGrantRule(entry, label, subsystems)) {
        check(label, () => validateGrantKey(g));
        if (!services.some((s) => s.provider === g.provider && s.service === g.service)) {
          throw new ConfigError(`${label}: ${g.provider} offers no service ${g.service} in the seed`);
        }
        grants.set(`${g.consumer}>${g.provider}.${g.service}`, g);
      }
    });
  }

  return { version: String(version), files: names, members: [...members.values()], services, grants: [...grants.values()] };
}

/** A rule names one consumer, or every subsystem `consumerSubsystem` of members of `consumerClass`. */
function expandGrantRule(entry: Json, label: string, subsystems: Subsystem[]): GrantKey[] {
  const provider = str(entry, 'provider', label);
  const service = str(entry, 'service', label);
  if ('consumer' in entry) {
    if ('consumerClass' in entry || 'consumerSubsystem' in entry)
      throw new ConfigError(`${label}: give consumer, or consumerClass with consumerSubsystem, not both`);
    const consumer = str(entry, 'consumer', label);
    if (!subsystems.some((s) => s.token === consumer))
      throw new ConfigError(`${label}: consumer ${consumer} is not a subsystem declared in the seed`);
    return [{ consumer, provider, service }];
  }
  const memberClass = str(entry, 'consumerClass', label);
  const subsystemCode = str(entry, 'consumerSubsystem', label);
  const matched = subsystems.filter((s) => s.memberClass === memberClass && s.subsystemCode === subsystemCode);
  if (matched.length === 0)
    throw new ConfigError(`${label}: no subsystem ${subsystemCode} of class ${memberClass} is declared in the seed`);
  return matched.map((s) => ({ consumer: s.token, provider, service }));
}

function readJson(path: string, name: string): Json {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${name}: not valid JSON: ${(err as Error).message}`);
  }
  const obj = object(doc, name);
  for (const key of Object.keys(obj)) {
    if (!(SECTIONS as readonly string[]).includes(key))
      throw new ConfigError(`${name}: unknown section ${JSON.stringify(key)} (allowed: ${SECTIONS.join(', ')})`);
  }
  if (typeof obj['version'] !== 'string' || !obj['version']) throw new ConfigError(`${name}: a "version" string is required`);
  return obj;
}

function entries(doc: Json, section: string, name: string): Json[] {
  const list = doc[section];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ConfigError(`${name}: ${section} must be an array`);
  return list.map((e: unknown, i) => object(e, `${name} ${section}[${i}]`));
}

function object(v: unknown, label: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError(`${label}: must be an object`);
  return v as Json;
}

function str(entry: Json, key: string, label: string): string {
  const v = entry[key];
  if (typeof v !== 'string') throw new ConfigError(`${label}: ${key} must be a string`);
  return v;
}

/** Runs a validator and turns its MeshError into a ConfigError that names the seed entry. */
function check<T>(label: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MeshError || err instanceof RangeError) {
      const field = err instanceof MeshError && err.field ? ` (${err.field})` : '';
      throw new ConfigError(`${label}${field}: ${err.message}`);
    }
    throw err;
  }
}

function memberKey(m: Pick<Member, 'memberClass' | 'memberCode'>): string {
  return `${m.memberClass}-${m.memberCode}`;
}

function idOf(entry: Json): string {
  const c = entry['memberClass'];
  const k = entry['memberCode'];
  return typeof c === 'string' && typeof k === 'string' ? ` (${c}-${k})` : '';
}
