// The one place that turns whatever a command threw into what ndxp prints and its exit status:
// nats.js errors by class (found anywhere in the cause chain), Node's socket errors by code.
import {
  AuthorizationError,
  ConnectionError,
  PermissionViolationError,
  TimeoutError,
  UserAuthenticationExpiredError,
} from '@nats-io/nats-core';
import { MeshError, isClientError } from '@ndxp/contracts';
import { CliError } from './cli-error';
import type { ConnectionContext } from './connection-context';

/** What ndxp prints for a failure (one line, without the `ndxp <command>: ` prefix) and its exit status. */
export interface Failure {
  code: string;
  message: string;
  exitStatus: number;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

/** The error and its causes, outermost first (at most 8 deep). */
export function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e !== undefined && e !== null && chain.length < 8; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/** Classifies a failure; an error it does not know is an unexpected failure (exit status 1). */
export function classifyFailure(err: unknown, context: ConnectionContext | undefined): Failure {
  const chain = causeChain(err);
  const cli = chain.find((e): e is CliError => e instanceof CliError);
  if (cli) return of(cli);
  const known = fromNats(chain, context);
  if (known) return of(known);
  if (err instanceof MeshError) return { code: err.code, message: err.message, exitStatus: isClientError(err.code) ? 3 : 4 };
  const e = err instanceof Error ? err : new Error(String(err));
  return { code: 'unexpected', message: `${e.name}: ${e.message} (--debug or NDXP_DEBUG=1 prints the stack)`, exitStatus: 1 };
}

function of(e: CliError): Failure {
  return { code: e.code, message: e.message, exitStatus: e.exitStatus };
}

function fromNats(chain: unknown[], ctx: ConnectionContext | undefined): CliError | undefined {
  const at = ctx ? `${ctx.servers} (${ctx.serversFrom})` : 'the NATS URL';
  const creds = ctx?.credsFile ? `the credentials in ${ctx.credsFile} (${ctx.credsFrom})` : 'no credentials';
  const denied = chain.find((e): e is PermissionViolationError => e instanceof PermissionViolationError);
  if (denied) {
    const refused = `the broker refused ${denied.operation} on ${JSON.stringify(denied.subject)}`;
    const owner = ctx?.credsOwner;
    if (ctx?.consumer && owner !== ctx.consumer) {
      const whose = owner ? `are ${owner}'s, not ${ctx.consumer}'s` : `are not ${ctx.consumer}'s`;
      const fix = owner
        ? `give --as ${owner}, or --creds with ${ctx.consumer}'s .creds file`
        : `give --creds with ${ctx.consumer}'s .creds file, or --as the LGSP they were issued to`;
      return new CliError('cli.credentials_other_lgsp', `${creds} ${whose}: ${refused}; ${fix}`, { cause: denied });
    }
    const need = ctx?.consumer ? `${ctx.consumer}'s LGSP .creds file` : 'an ops .creds file';
    const issued = owner ? ` (issued to ${owner})` : '';
    return new CliError('cli.credentials_wrong_role', `${refused} to ${creds}${issued}: give --creds or set NATS_CREDS to ${need}`, {
      cause: denied,
    });
  }
  const auth = chain.find((e) => e instanceof AuthorizationError || e instanceof UserAuthenticationExpiredError);
  if (auth) {
    const need = ctx?.consumer ? `the LGSP's .creds file` : 'an ops .creds file';
    if (!ctx?.credsFile) {
      return new CliError(
        'cli.credentials_missing',
        `the broker at ${at} refuses anonymous connections: give --creds <file> or set NATS_CREDS (${need})`,
        { cause: auth },
      );
    }
    const why = auth instanceof UserAuthenticationExpiredError ? 'they have expired' : 'revoked, expired, or of another trust chain';
    return new CliError(
      'cli.credentials_refused',
      `the broker at ${at} refused ${creds} (${why}): give --creds or set NATS_CREDS to valid credentials (${need})`,
      {
        cause: auth,
      },
    );
  }
  const down = chain.find((e) => e instanceof ConnectionError || e instanceof TimeoutError || UNREACHABLE.has(errnoOf(e)));
  if (down && chain[0] === down) {
    const reason = errnoOf(down) === 'ENOTFOUND' ? 'unknown host' : (down as Error).message;
    return new CliError(
      'cli.nats_unreachable',
      `no NATS server answers at ${at}: ${reason}; start it, or give --nats <url> or set NATS_URL to the broker`,
      { cause: down },
    );
  }
  return undefined;
}

/** Node's error code (ECONNREFUSED, ENOTFOUND, ...) of a socket or file error, or ''. */
function errnoOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The stack of the error and of each cause, for --debug. */
export function debugStack(err: unknown): string {
  return causeChain(err)
    .map((e, i) => `${i ? 'caused by: ' : ''}${e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e)}`)
    .join('\n');
}
