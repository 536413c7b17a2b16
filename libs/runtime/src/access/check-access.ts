// The one check of a call off NATS, for gRPC and HTTP alike: authenticate its bearer token, then
// authorize it against the method's or route's rule; a refusal is logged (identity and reason,
// never the token), reported (the registry appends it to its audit trail) and rethrown.
import { MeshError } from '@ndxp/contracts';
import type { Logger } from 'pino';
import { authorize, type AccessRules } from './access-rule';
import type { Caller } from './roles';
import { bearerToken } from './token-verifier';

/** A call that was refused, for an audit trail. */
export interface Refusal {
  method: string;
  peer: string;
  via: Caller['via'];
  /** Who it was, when authentication succeeded and authorization did not. */
  caller: Caller | undefined;
  error: MeshError;
}

/** How a server checks its callers. */
export interface ApiAccess {
  /** A rule for every method key; serving refuses to start when one is missing. */
  rules: AccessRules;
  /** The caller a bearer token (undefined: none presented) proves; throws client.unauthenticated. */
  authenticate(token: string | undefined, peer: string, via: Caller['via']): Promise<Caller>;
  /** Told of each refused call, after it is logged; the refusal is answered once this settles. */
  onRefused?(refusal: Refusal): void | Promise<void>;
}

/** Authenticates and authorizes one call; logs and reports a refusal, and rethrows it. */
export async function checkAccess(
  access: ApiAccess,
  logger: Logger,
  call: { method: string; key: string; peer: string; via: Caller['via']; authorization: readonly string[]; request: unknown },
): Promise<Caller | undefined> {
  const rule = access.rules[call.key];
  if (rule?.public) return undefined;
  let caller: Caller | undefined;
  try {
    if (!rule) throw new MeshError('client.permission_denied', `${call.method} has no access rule`);
    caller = await access.authenticate(bearerToken(call.authorization), call.peer, call.via);
    authorize(caller, rule, call.request, call.method);
    return caller;
  } catch (err) {
    const error = MeshError.from(err);
    // The identity and the reason, never the token.
    logger.warn(
      { method: call.method, peer: call.peer, via: call.via, identity: caller?.identity ?? null, code: error.code, reason: error.message },
      'call refused',
    );
    await access.onRefused?.({ method: call.method, peer: call.peer, via: call.via, caller, error });
    throw error;
  }
}
