// Argument parsing shared by the subcommands (node:util parseArgs), with usage errors as exit 2,
// and the NATS connection settings every command that connects takes (--nats, --creds, TLS).
import { MeshError } from '@ndxp/contracts';
import { credsAuthenticator, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line usage error: printed with the command's help, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
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
export function natsUrl(value: string | boolean | undefined): string {
  return typeof value === 'string' ? value : (process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222');
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

/** Settings from --nats / --creds, else NATS_URL, NATS_CREDS, NATS_TLS_CA, NATS_TLS_CERT, NATS_TLS_KEY. */
export function natsSettings(values: { nats?: string | boolean; creds?: string | boolean }, env = process.env): NatsSettings {
  const credsFile = typeof values.creds === 'string' ? values.creds : env['NATS_CREDS'] || undefined;
  const caFile = env['NATS_TLS_CA'] || undefined;
  const certFile = env['NATS_TLS_CERT'] || undefined;
  const keyFile = env['NATS_TLS_KEY'] || undefined;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new UsageError('NATS_TLS_CERT and NATS_TLS_KEY must be set together');
  const tls = caFile || certFile ? { ...(caFile ? { caFile } : {}), ...(certFile ? { certFile, keyFile } : {}) } : undefined;
  return { servers: natsUrl(values.nats), ...(credsFile ? { credsFile } : {}), ...(tls ? { tls } : {}) };
}

/** Connects with the settings (as ops: registry and metering APIs). */
export async function connectWith(settings: NatsSettings, inboxPrefix = OPS_INBOX_PREFIX): Promise<NatsConnection> {
  let authenticator;
  try {
    authenticator = settings.credsFile ? credsAuthenticator(readFileSync(settings.credsFile)) : undefined;
  } catch (err) {
    throw new UsageError(`cannot read the credentials file ${settings.credsFile}: ${(err as Error).message}`);
  }
  return connect({
    servers: settings.servers.split(','),
    inboxPrefix,
    ...(authenticator ? { authenticator } : {}),
    ...(settings.tls ? { tls: settings.tls } : {}),
  }).catch((err: unknown) => {
    throw connectFailure(err, settings.servers, settings.credsFile);
  });
}

/** A failed connect in one line: what is missing (credentials) or unreachable (the broker). */
export function connectFailure(err: unknown, servers: string, credsFile: string | undefined): MeshError {
  const text = `${(err as Error)?.name ?? ''} ${(err as Error)?.message ?? String(err)}`;
  if (/authori[sz]ation|authentication|permissions? violation/i.test(text)) {
    return new MeshError(
      'client.unauthenticated',
      credsFile
        ? `the broker at ${servers} refused the credentials in ${credsFile} (revoked, expired, or of another trust chain)`
        : `the broker at ${servers} refused an anonymous connection: give --creds <file> or set NATS_CREDS (an ops .creds file)`,
    );
  }
  return new MeshError('server.unavailable', `cannot connect to NATS at ${servers}: ${(err as Error)?.message ?? String(err)}`);
}
