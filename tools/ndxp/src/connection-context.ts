// What the running command connects with, remembered when its settings are resolved, so that the
// one place that classifies failures (failure.ts) can name the URL, the file and where each came from.
// One command runs per ndxp process, so one remembered context is enough.

/** Where the NATS URL and the credentials of this run came from, and as whom it connects. */
export interface ConnectionContext {
  servers: string;
  serversFrom: '--nats' | 'NATS_URL' | 'the default';
  credsFile?: string;
  credsFrom?: '--creds' | 'NATS_CREDS';
  /** The user name in the credentials' JWT (e.g. TINH-01-LGSP), when it can be read. */
  credsOwner?: string;
  /** The LGSP a call is sent as (--as); absent for ops commands. */
  consumer?: string;
}

let current: ConnectionContext | undefined;

/** Remembers the context of this run (the last one wins). */
export function rememberConnection(context: ConnectionContext): void {
  current = context;
}

/** The context remembered so far, if the command got as far as resolving its settings. */
export function connectionContext(): ConnectionContext | undefined {
  return current;
}
