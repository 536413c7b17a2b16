// One rule for every listener a service opens off NATS: plaintext binds loopback; any other address
// needs TLS, or an explicit <SERVICE>_ALLOW_PLAINTEXT=true, which is then warned about at every start.
import { envBool, type Env } from './config';
import { ConfigError } from './config-error';
import type { Logger } from './logger';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** A listener as its configuration names it. */
export interface ListenerSetting {
  /** The variable that sets the address, e.g. REGISTRY_GRPC_ADDR. */
  variable: string;
  /** host:port as configured. */
  addr: string;
  /** Whether the listener serves TLS. */
  tls: boolean;
}

/** A plaintext listener on a non-loopback address that the configuration allowed explicitly. */
export interface InsecureListener {
  variable: string;
  addr: string;
  /** The variable that allowed it. */
  allowedBy: string;
}

/** True for 127.0.0.1, localhost and ::1 (bracketed or not). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.trim().toLowerCase());
}

/** The host of host:port ([v6]:port keeps its brackets). */
export function hostOfAddr(addr: string): string {
  const i = addr.lastIndexOf(':');
  return i <= 0 ? addr : addr.slice(0, i);
}

/**
 * Applies the rule to a service's listeners: throws ConfigError for a plaintext listener off loopback
 * unless env[allowVariable] is true; returns the listeners so allowed. `alternative` names another
 * way out for the error message (e.g. the TLS settings).
 */
export function checkListeners(env: Env, listeners: ListenerSetting[], allowVariable: string, alternative?: string): InsecureListener[] {
  const exposed = listeners.filter((l) => !l.tls && !isLoopbackHost(hostOfAddr(l.addr)));
  if (exposed.length > 0 && !envBool(env, allowVariable, false)) {
    const l = exposed[0]!;
    throw new ConfigError(
      `${l.variable}=${l.addr} is not a loopback address and serves plaintext: bind 127.0.0.1, or set ${allowVariable}=true for a closed network (warned at every start)${alternative ? `; or ${alternative}` : ''}`,
    );
  }
  return exposed.map((l) => ({ variable: l.variable, addr: l.addr, allowedBy: allowVariable }));
}

/** Logs one warning per insecure listener; services call it at every start. */
export function warnInsecureListeners(logger: Logger, listeners: InsecureListener[]): void {
  for (const l of listeners) {
    logger.warn(
      { listener: l.variable, addr: l.addr, allowedBy: l.allowedBy },
      `${l.variable}=${l.addr} serves plaintext off loopback (${l.allowedBy}=true): anyone who reaches this address can call it`,
    );
  }
}
