// Command-line options of the benchmark: parsing with every default in one place.

/**
 * Every system the benchmark can run, in the order each round runs them. mesh-unshared: the mesh
 * with ROUTING_SHARED_LIMITS=false (each replica its own limits), to show what sharing costs.
 * peer-http and mesh-http: the same request as HTTP/JSON (a fastify front over NATS, and the
 * mesh behind its gateway's HTTP/JSON edge).
 */
export const SYSTEMS = ['ceiling', 'peer', 'mesh', 'mesh-unshared', 'peer-http', 'mesh-http'] as const;
export type SystemName = (typeof SYSTEMS)[number];
/** What runs without --systems: the NATS path only (the HTTP pair needs the gateway built and doubles the run). */
export const DEFAULT_SYSTEMS: readonly SystemName[] = ['ceiling', 'peer', 'mesh', 'mesh-unshared'];
/** The systems driven over HTTP/JSON instead of NATS. */
export const HTTP_SYSTEMS: readonly SystemName[] = ['peer-http', 'mesh-http'];

/** Everything one benchmark run needs, resolved. */
export interface BenchOptions {
  concurrencies: number[];
  durationMs: number;
  warmupMs: number;
  rounds: number;
  systems: SystemName[];
  /** Where the JSON results go. */
  out: string;
  /** Number of enterprises in the lookup data set. */
  datasetSize: number;
  quick: boolean;
  help: boolean;
}

/** A command-line option is missing or invalid; main prints it with the usage and exits 2. */
export class ArgsError extends Error {
  override readonly name = 'ArgsError';
}

/** Usage text printed by --help. */
export const HELP = `Usage: pnpm bench [options]   (or: node test/bench/dist/main.js [options])

Runs the same Business Registration GetEnterprise lookup, at the same concurrency, through up to
six systems on one nats-server, interleaved round by round:
  ceiling        raw nats.js: a router process forwarding to an adapter process, nothing else
  peer           Moleculer 0.15 over NATS: a gateway service calling an adapter service
  mesh           the real services (registry, metering, routing, business-registration adapter),
                 the bench consumer under limits held across replicas (ROUTING_SHARED_LIMITS=true)
  mesh-unshared  the same with ROUTING_SHARED_LIMITS=false (limits per replica): what sharing costs
  peer-http      HTTP/JSON: a fastify process taking POST /BO-BKHDT-DKDN/v1/GetEnterprise, forwarding
                 the proto over NATS to the ceiling's adapter process; no auth, metering or tracing
  mesh-http      HTTP/JSON: the mesh behind the real gateway's HTTP/JSON edge (OAuth2 bearer token
                 verified on every call, metering and tracing on, as the gateway defaults)
The load client is in its own process: nats.js for the NATS systems, an undici keep-alive Pool
(one connection per request in flight) for the HTTP ones.

Options:
  --concurrency <list>   requests kept in flight, comma separated        (default 16,256)
  --duration <time>      measured time per round: 10, 10s, 500ms, 1m     (default 10s)
  --warmup <time>        unmeasured load before each round               (default 2s)
  --rounds <n>           how many times each system/concurrency runs     (default 2)
  --systems <list>       any of ceiling,peer,mesh,mesh-unshared,peer-http,mesh-http
                         (default ceiling,peer,mesh,mesh-unshared: the NATS path)
  --out <file>           JSON results                (default bench-results/bench-<timestamp>.json)
  --dataset-size <n>     enterprises in the simulator's data set         (default 50000)
  --quick                smoke run: 2s rounds, 1s warm-up, 1 round (explicit options still win)
  --help                 this text

Environment: NATS_URL reuses a running nats-server instead of starting one (loopback only).
`;

const DEFAULTS = {
  concurrencies: [16, 256],
  durationMs: 10_000,
  warmupMs: 2_000,
  rounds: 2,
  datasetSize: 50_000,
};
const QUICK = { durationMs: 2_000, warmupMs: 1_000, rounds: 1 };

/** Parses argv (without node and script); `now` names the default output file. */
export function parseArgs(argv: readonly string[], now: Date = new Date()): BenchOptions {
  const given = new Map<string, string>();
  let quick = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ArgsError(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (name === 'quick' || name === 'help') {
      if (eq >= 0) throw new ArgsError(`--${name} takes no value`);
      if (name === 'quick') quick = true;
      else help = true;
      continue;
    }
    if (!VALUED.has(name)) throw new ArgsError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === '' || value.startsWith('--')) throw new ArgsError(`--${name} needs a value`);
    if (given.has(name)) throw new ArgsError(`--${name} given twice`);
    given.set(name, value);
  }
  const base = quick ? { ...DEFAULTS, ...QUICK } : DEFAULTS;
  const opt = (name: string): string | undefined => given.get(name);
  return {
    concurrencies: opt('concurrency') !== undefined ? parseConcurrencies(opt('concurrency')!) : [...base.concurrencies],
    durationMs: opt('duration') !== undefined ? parseDuration('duration', opt('duration')!) : base.durationMs,
    warmupMs: opt('warmup') !== undefined ? parseDuration('warmup', opt('warmup')!, true) : base.warmupMs,
    rounds: opt('rounds') !== undefined ? parsePositiveInt('rounds', opt('rounds')!, 1000) : base.rounds,
    systems: opt('systems') !== undefined ? parseSystems(opt('systems')!) : [...DEFAULT_SYSTEMS],
    out: opt('out') ?? defaultOut(now),
    datasetSize: opt('dataset-size') !== undefined ? parsePositiveInt('dataset-size', opt('dataset-size')!, 10_000_000) : base.datasetSize,
    quick,
    help,
  };
}

const VALUED = new Set(['concurrency', 'duration', 'warmup', 'rounds', 'systems', 'out', 'dataset-size']);

/** Parses a duration: bare seconds ("10", "0.5"), or with a unit ("500ms", "10s", "1m"); returns ms. */
export function parseDuration(name: string, text: string, allowZero = false): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new ArgsError(`--${name} must be a time like 10, 10s, 500ms or 1m, got ${JSON.stringify(text)}`);
  const n = Number(m[1]);
  const ms = Math.round(m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000);
  if (ms < (allowZero ? 0 : 1)) throw new ArgsError(`--${name} must be more than zero, got ${JSON.stringify(text)}`);
  return ms;
}

function parsePositiveInt(name: string, text: string, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new ArgsError(`--${name} must be a positive integer, got ${JSON.stringify(text)}`);
  const n = Number(text);
  if (n < 1 || n > max) throw new ArgsError(`--${name} must be between 1 and ${max}, got ${n}`);
  return n;
}

function parseConcurrencies(text: string): number[] {
  const list = text.split(',').map((s) => parsePositiveInt('concurrency', s, 100_000));
  return [...new Set(list)];
}

function parseSystems(text: string): SystemName[] {
  const out: SystemName[] = [];
  for (const raw of text.split(',')) {
    const s = raw.trim();
    if (!(SYSTEMS as readonly string[]).includes(s)) {
      throw new ArgsError(`--systems takes any of ${SYSTEMS.join(',')}, got ${JSON.stringify(s)}`);
    }
    if (!out.includes(s as SystemName)) out.push(s as SystemName);
  }
  // Keep the fixed interleaving order whatever order the list was given in.
  return SYSTEMS.filter((s) => out.includes(s));
}

function defaultOut(now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `bench-results/bench-${stamp}.json`;
}
