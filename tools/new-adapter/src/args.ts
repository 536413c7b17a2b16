// The generator's command line: one positional name and a few flags.
import { UsageError, type ScaffoldInput } from './names';

/** What the command line asks for. */
export interface Command {
  help: boolean;
  dryRun: boolean;
  install: boolean;
  /** Repository root; the one this tool lives in by default. */
  root: string | undefined;
  input: ScaffoldInput;
}

const VALUE_FLAGS = ['--owner', '--subsystem', '--title', '--consumers', '--env-prefix', '--service-title', '--root'] as const;
const BOOLEAN_FLAGS = ['--dry-run', '--no-install', '--help', '-h'] as const;

/** Parses argv (without node and script); throws UsageError on anything unknown or missing. */
export function parseArgs(argv: readonly string[]): Command {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const key = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if ((VALUE_FLAGS as readonly string[]).includes(key)) {
      const value = eq > 0 && key !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${key} needs a value`);
      values.set(key, value);
    } else if ((BOOLEAN_FLAGS as readonly string[]).includes(arg)) {
      flags.add(arg);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  const help = flags.has('--help') || flags.has('-h');
  if (!help && positional.length !== 1) throw new UsageError('give exactly one system name, e.g. land-registry');
  const required = (flag: string): string => {
    const v = values.get(flag);
    if (v === undefined && !help) throw new UsageError(`${flag} is required`);
    return v ?? '';
  };
  return {
    help,
    dryRun: flags.has('--dry-run'),
    install: !flags.has('--no-install'),
    root: values.get('--root'),
    input: {
      name: positional[0] ?? '',
      owner: required('--owner'),
      subsystem: required('--subsystem'),
      title: required('--title'),
      consumers: (values.get('--consumers') ?? 'TINH,BO')
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== ''),
      envPrefix: values.get('--env-prefix'),
      serviceTitle: values.get('--service-title'),
    },
  };
}
