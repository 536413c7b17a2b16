// Every name the scaffold derives from the system's kebab-case name and the owner's identity.

/** Why the generator refuses its input: printed with the usage text, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What the developer gives the generator. */
export interface ScaffoldInput {
  /** kebab-case system name, e.g. land-registry. */
  name: string;
  /** Owner member as CLASS-CODE, e.g. BO-BTNMT. */
  owner: string;
  /** Subsystem code of the national system under its owner, e.g. DATDAI. */
  subsystem: string;
  /** The system's own (Vietnamese) name, e.g. "CSDL quốc gia về đất đai". */
  title: string;
  /** Member classes whose LGSPs are granted the lookup, e.g. ['TINH', 'BO']. */
  consumers: string[];
  /** Prefix of the adapter's variables (<PREFIX>_UPSTREAM_URL); initials of the name by default. */
  envPrefix?: string | undefined;
  /** Registry name of the lookup service; a generic Vietnamese phrase by default. */
  serviceTitle?: string | undefined;
}

/** The names used across the generated files. */
export interface Names {
  name: string;
  pascal: string;
  camel: string;
  snake: string;
  constant: string;
  /** Proto package folder and token: land-registry → landregistry. */
  protoDir: string;
  protoPackage: string;
  protoFile: string;
  memberClass: string;
  memberCode: string;
  subsystemCode: string;
  provider: string;
  providerConst: string;
  /** Proto service, e.g. LandRegistry. */
  protoService: string;
  /** The lookup method and mesh service name, e.g. GetLandRegistryRecord. */
  service: string;
  /** ts-proto's key of the method in the generic definition, e.g. getLandRegistryRecord. */
  methodKey: string;
  serviceConst: string;
  request: string;
  record: string;
  statusEnum: string;
  statusPrefix: string;
  envPrefix: string;
  upstreamUrlEnv: string;
  /** Path of the records on the national system's API, e.g. /datdai/v1/records. */
  apiPath: string;
  title: string;
  serviceTitle: string;
  consumers: string[];
  adapterPackage: string;
  simulatorPackage: string;
  adapterName: string;
  simulatorName: string;
  /** Default port of the simulator and default of <PREFIX>_UPSTREAM_URL. */
  defaultPort: number;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PART = /^[A-Z0-9]+$/;
const ENV_PREFIX = /^[A-Z][A-Z0-9]*$/;

/** Checks a system name: kebab-case, starting with a letter, at most 40 characters. */
export function checkName(name: string): void {
  if (!KEBAB.test(name)) {
    throw new UsageError(`name ${JSON.stringify(name)} must be kebab-case: lower-case letters and digits in words joined by "-"`);
  }
  if (name.length > 40) throw new UsageError(`name ${JSON.stringify(name)} is longer than 40 characters`);
}

const words = (name: string): string[] => name.split('-');
const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** Initials of a multi-word name (land-registry → LR), or the one word upper-cased (vnpost → VNPOST). */
export function defaultEnvPrefix(name: string): string {
  const w = words(name);
  return (w.length === 1 ? w[0]! : w.map((x) => x.charAt(0)).join('')).toUpperCase();
}

/** Derives every name; throws UsageError on a malformed input (existence is checked elsewhere). */
export function deriveNames(input: ScaffoldInput, defaultPort: number): Names {
  checkName(input.name);
  const [memberClass, memberCode, ...rest] = input.owner.split('-');
  if (!memberClass || !memberCode || rest.length > 0 || !PART.test(memberClass) || !PART.test(memberCode)) {
    throw new UsageError(`--owner ${JSON.stringify(input.owner)} must be CLASS-CODE, e.g. BO-BTNMT`);
  }
  if (!PART.test(input.subsystem)) throw new UsageError(`--subsystem ${JSON.stringify(input.subsystem)} must be [A-Z0-9]+, e.g. DATDAI`);
  if (input.title.trim() === '') throw new UsageError('--title must name the national system');
  if (input.consumers.length === 0 || !input.consumers.every((c) => PART.test(c))) {
    throw new UsageError(`--consumers ${JSON.stringify(input.consumers.join(','))} must be member classes, e.g. TINH,BO`);
  }
  const envPrefix = input.envPrefix ?? defaultEnvPrefix(input.name);
  if (!ENV_PREFIX.test(envPrefix)) throw new UsageError(`--env-prefix ${JSON.stringify(envPrefix)} must be [A-Z][A-Z0-9]*`);
  const pascal = words(input.name).map(cap).join('');
  const snake = words(input.name).join('_');
  const constant = snake.toUpperCase();
  const protoDir = words(input.name).join('');
  const provider = `${memberClass}-${memberCode}-${input.subsystem}`;
  return {
    name: input.name,
    pascal,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    snake,
    constant,
    protoDir,
    protoPackage: `ndxp.${protoDir}.v1`,
    protoFile: `proto/ndxp/${protoDir}/v1/${snake}.proto`,
    memberClass,
    memberCode,
    subsystemCode: input.subsystem,
    provider,
    providerConst: `${constant}_PROVIDER`,
    protoService: pascal,
    service: `Get${pascal}Record`,
    methodKey: `get${pascal}Record`,
    serviceConst: `get${pascal}RecordService`,
    request: `Get${pascal}RecordRequest`,
    record: `${pascal}Record`,
    statusEnum: `${pascal}RecordStatus`,
    statusPrefix: `${constant}_RECORD_STATUS`,
    envPrefix,
    upstreamUrlEnv: `${envPrefix}_UPSTREAM_URL`,
    apiPath: `/${input.subsystem.toLowerCase()}/v1/records`,
    title: input.title.trim(),
    serviceTitle: input.serviceTitle?.trim() || `Tra cứu bản ghi của ${input.title.trim()} theo mã số`,
    consumers: [...new Set(input.consumers)],
    adapterPackage: `@ndxp/adapter-${input.name}`,
    simulatorPackage: `@ndxp/simulator-${input.name}`,
    adapterName: `adapter-${input.name}`,
    simulatorName: `simulator-${input.name}`,
    defaultPort,
  };
}

/** Names the generated contract exports, to refuse a system whose types would clash with existing ones. */
export function exportedNames(n: Names): string[] {
  return [
    n.providerConst,
    n.serviceConst,
    `compute${n.pascal}CheckDigit`,
    `isValid${n.pascal}Id`,
    `${n.camel}IdOf`,
    `validate${n.pascal}Id`,
    `${n.pascal}IdResult`,
    n.statusEnum,
    n.request,
    n.record,
    `${n.protoService}Definition`,
    `${n.protoService}Service`,
    `${n.protoService}Client`,
    `${n.protoService}Server`,
  ];
}
