// Argument parsing shared by the subcommands (node:util parseArgs), with usage errors as exit 2,
// and the NATS connection settings every command that connects takes (--nats, --creds, TLS).
import { credsAuthenticator, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { readFileSync } from 'node:fs';
import { CliError, type CliCode } from './cli-error';
import { rememberConnection } from './connection-context';
import { credsOwner, readCredsFile } from './creds-file';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line usage error (cli.usage unless another code is given): one line, exit status 2. */
export class UsageError extends CliError {
  override readonly name = 'UsageError';

  constructor(message: string, code: CliCode = 'cli.usage') {
    super(code, message);
  }
}

/** Splits off the global --debug flag (anywhere before a `--`), also set by NDXP_DEBUG=1. */
export function globalFlags(argv: string[], env = process.env): { debug: boolean; rest: string[] } {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  const tail = end < 0 ? [] : argv.slice(end);
  return { debug: head.includes('--debug') || env['NDXP_DEBUG'] === '1', rest: [...head.filter((a) => a !== '--debug'), ...tail] };
}

/** Parses argv of one subcommand; unknown options become a UsageError. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
): ReturnType<
  typeof parseArgs<{ args: string[]; options: T & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: true; strict: true }>
> {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The NATS URL from --nats, NATS_URL, or the local default. */
export function natsUrl(value: string | boolean | undefined, env = process.env): string {
  return typeof value === 'string' ? value : env['NATS_URL'] || 'nats://127.0.0.1:4222';
}

/** The options of every command that connects: --nats <url> and --creds <file>. */
export const CONNECT_OPTIONS = { nats: { type: 'string' }, creds: { type: 'string' } } as const;

/** Help lines of CONNECT_OPTIONS and the environment they fall back on. */
export const CONNECT_HELP = `  --nats <url>        NATS server (default $NATS_URL or nats://127.0.0.1:4222)
  --creds <file>      NATS credentials file (default $NATS_CREDS); the mesh refuses anonymous connections
  (TLS: $NATS_TLS_CA, and $NATS_TLS_CERT with $NATS_TLS_KEY when the broker asks for a client certificate)`;

/** Where and how a command connects to NATS. */
export interface NatsSettings {
  servers: string;
  credsFile?: string;
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
}

/** Reply inbox prefix of the ops role (the broker lets ops subscribe only there; see @ndxp/broker-auth). */
export const OPS_INBOX_PREFIX = '_INBOX.ops';

/**
 * Settings from --nats / --creds, else NATS_URL, NATS_CREDS, NATS_TLS_CA, NATS_TLS_CERT, NATS_TLS_KEY.
 * Checks every file they name before anything connects, and remembers them for failure messages.
 */
export function natsSettings(values: { nats?: string | boolean; creds?: string | boolean }, env = process.env): NatsSettings {
  const credsFrom = typeof values.creds === 'string' ? '--creds' : env['NATS_CREDS'] ? 'NATS_CREDS' : undefined;
  const credsFile = typeof values.creds === 'string' ? values.creds : env['NATS_CREDS'] || undefined;
  const caFile = env['NATS_TLS_CA'] || undefined;
  const certFile = env['NATS_TLS_CERT'] || undefined;
  const keyFile = env['NATS_TLS_KEY'] || undefined;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new CliError('cli.tls_settings', 'NATS_TLS_CERT and NATS_TLS_KEY must be set together');
  for (const [name, file] of [
    ['NATS_TLS_CA', caFile],
    ['NATS_TLS_CERT', certFile],
    ['NATS_TLS_KEY', keyFile],
  ] as const) {
    if (file) readable(file, name);
  }
  const servers = natsUrl(values.nats, env);
  const owner = credsFile && credsFrom ? credsOwner(readCredsFile(credsFile, credsFrom)) : undefined;
  rememberConnection({
    servers,
    serversFrom: typeof values.nats === 'string' ? '--nats' : env['NATS_URL'] ? 'NATS_URL' : 'the default',
    ...(credsFile && credsFrom ? { credsFile, credsFrom } : {}),
    ...(owner ? { credsOwner: owner } : {}),
  });
  const tls = caFile || certFile ? { ...(caFile ? { caFile } : {}), ...(certFile ? { certFile, keyFile } : {}) } : undefined;
  return { servers, ...(credsFile ? { credsFile } : {}), ...(tls ? { tls } : {}) };
}

function readable(file: string, variable: string): void {
  try {
    readFileSync(file);
  } catch (err) {
    throw new CliError(
      'cli.tls_settings',
      `cannot read ${file} (${variable}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; set ${variable} to a readable PEM file`,
      { cause: err },
    );
  }
}

/** Connects with the settings (as ops: registry and metering APIs); failures are classified by main (failure.ts). */
export async function connectWith(settings: NatsSettings, inboxPrefix = OPS_INBOX_PREFIX): Promise<NatsConnection> {
  const authenticator = settings.credsFile ? credsAuthenticator(readFileSync(settings.credsFile)) : undefined;
  return connect({
    servers: settings.servers.split(','),
    inboxPrefix,
    ...(authenticator ? { authenticator } : {}),
    ...(settings.tls ? { tls: settings.tls } : {}),
  });
}
