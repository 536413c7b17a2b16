// The handle the nats-server harness returns, whichever way the server was started (a local binary,
// a reused NATS_URL, a container): its own file, so the container starter and the harness share it.
import type { Role, Trust } from '@ndxp/broker-auth';

/** A running nats-server (or a reused one), disposable. */
export interface NatsServerHandle {
  url: string;
  port: number;
  /** True when this handle started the server (and so may stop and restart it). */
  owned: boolean;
  /** Process id of the server this handle started (to freeze it with SIGSTOP); undefined otherwise. */
  pid?: number | undefined;
  stop(): Promise<void>;
  /**
   * Kills the server (SIGKILL) and starts it again on the same port and store, `downMs` after the kill
   * (default 0). Resolves once the new server answers; the whole outage is then about downMs + 80 ms
   * (the start of a nats-server 2.10 with an almost empty store, measured on loopback).
   */
  restart(options?: { downMs?: number }): Promise<void>;
  /** File the server's log (stderr) goes to: permission violations appear there as "Violation". */
  logFile: string | undefined;
  /** The server's log so far ('' when there is no log file). */
  log(): string;
  /** The trust chain, when started with `auth`. */
  trust: Trust | undefined;
  /**
   * Writes a .creds file for `role` (a new user key, permissionsFor(role)) into `dir` (default: the
   * server's temporary folder) and returns its path. Only with `auth`.
   */
  credsFile(role: Role, dir?: string): Promise<string>;
  /** Writes a .creds file of a system-account user (pushes account updates) and returns its path. */
  systemCredsFile(dir?: string): Promise<string>;
  /** CA certificate to trust, when started with `tls`. */
  caFile: string | undefined;
  /** A client certificate and key signed by that CA (with `tls`; required by the server with `verify`). */
  clientCertFile: string | undefined;
  clientKeyFile: string | undefined;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The handle fields of a server this harness did not configure (reused or in a container). */
export const PLAIN_SERVER_FIELDS = {
  logFile: undefined,
  log: () => '',
  trust: undefined,
  credsFile: (): Promise<string> => Promise.reject(new Error('this nats-server was not started with auth')),
  systemCredsFile: (): Promise<string> => Promise.reject(new Error('this nats-server was not started with auth')),
  caFile: undefined,
  clientCertFile: undefined,
  clientKeyFile: undefined,
} as const;
