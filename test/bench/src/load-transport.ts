// What the load client drives: one transport per kind of system, each turning a request index into
// its outcome. Shared by the NATS transports in load-client.ts and the HTTP one in http-transport.ts.

/** Outcome of one request: undefined when ok, else the error kind. */
export type Call = (index: number) => Promise<string | undefined>;

/** A connected transport of the load client. */
export interface Transport {
  call: Call;
  close(): Promise<void>;
}

/** The kind of a failure, by the error's own type, name or code (after "transport:" or "peer:"). */
export function errorKind(e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as { code?: unknown; type?: unknown; name?: unknown };
    if (typeof o.type === 'string' && o.type) return o.type;
    if (typeof o.name === 'string' && o.name && o.name !== 'Error') return o.name;
    if (typeof o.code === 'string' || typeof o.code === 'number') return String(o.code);
  }
  return 'error';
}

/** Whether an error kind means the request got no answer at all (counted as failed, not refused). */
export function unanswered(kind: string): boolean {
  return kind.startsWith('transport:') || kind.startsWith('peer:');
}
