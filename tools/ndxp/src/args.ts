// Argument parsing shared by the subcommands (node:util parseArgs), with usage errors as exit 2.
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
