// A NATS .creds file read and checked before connecting: present, readable, and holding a user JWT
// and an nkey seed; and the user name its JWT carries (the LGSP token or the role it was issued to).
import { readFileSync } from 'node:fs';
import { CliError } from './cli-error';

const BLOCK = /-{3,}[^\n]*-{3,}\r?\n\s*(\S+)\s*\r?\n\s*-{3,}[^\n]*-{3,}/g;

/** The text of a .creds file; cli.credentials_file_missing or cli.credentials_invalid naming `from` (--creds or NATS_CREDS). */
export function readCredsFile(file: string, from: '--creds' | 'NATS_CREDS'): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'a directory'
            : (code ?? (err as Error).message);
    throw new CliError(
      'cli.credentials_file_missing',
      `cannot read the credentials file ${file} (${from}): ${why}; give --creds <file> or set NATS_CREDS to a .creds file`,
      {
        cause: err,
      },
    );
  }
  const blocks = [...text.matchAll(BLOCK)].map((m) => m[1]!);
  if (blocks.length < 2 || !blocks[0]!.startsWith('eyJ') || !blocks[1]!.startsWith('S')) {
    throw new CliError(
      'cli.credentials_invalid',
      `${file} (${from}) is not a NATS .creds file (a user JWT and an nkey seed); give --creds <file> or set NATS_CREDS to one, e.g. from ndxp credentials issue`,
    );
  }
  return text;
}

/** The `name` claim of the user JWT in a .creds file's text, or undefined when it cannot be read. */
export function credsOwner(text: string): string | undefined {
  const jwt = [...text.matchAll(BLOCK)][0]?.[1];
  try {
    const claims = JSON.parse(Buffer.from(jwt?.split('.')[1] ?? '', 'base64url').toString('utf8')) as { name?: unknown };
    return typeof claims.name === 'string' && claims.name ? claims.name : undefined;
  } catch {
    return undefined;
  }
}
