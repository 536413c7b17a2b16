// The one error type that crosses package edges, and its NATS header form.
import { ERROR_TABLE, type ErrorCode, grpcStatusOf, httpStatusOf, isErrorCode } from './error-codes';
import { Header } from './headers';

/** Minimal header view, satisfied by nats.js MsgHdrs. */
export interface HeaderReader {
  get(name: string): string;
}
export interface HeaderWriter {
  set(name: string, value: string): void;
}

/** An error with a stable code; `field` names the request field it is about, if any. */
export class MeshError extends Error {
  override readonly name = 'MeshError';
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** How long the caller should wait before trying again, ms: set on client.rate_limited when it is known. */
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message?: string, options?: { field?: string; retryAfterMs?: number; cause?: unknown }) {
    super(message ?? ERROR_TABLE[code].message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = options?.field;
    const wait = options?.retryAfterMs;
    this.retryAfterMs = wait !== undefined && Number.isFinite(wait) && wait >= 0 ? Math.ceil(wait) : undefined;
  }

  /** gRPC status number of this error. */
  get grpcStatus(): number {
    return grpcStatusOf(this.code);
  }

  /**
   * Writes status, message, field and retry delay as NATS headers, and the NATS micro convention's
   * Nats-Service-Error (the message) and Nats-Service-Error-Code (the code's HTTP status) beside them.
   */
  writeHeaders(h: HeaderWriter): void {
    const message = sanitizeHeaderValue(this.message);
    h.set(Header.Status, this.code);
    h.set(Header.ErrorMessage, message);
    if (this.field) h.set(Header.ErrorField, this.field);
    if (this.retryAfterMs !== undefined) h.set(Header.RetryAfter, String(this.retryAfterMs));
    h.set(Header.ServiceError, message);
    h.set(Header.ServiceErrorCode, String(httpStatusOf(this.code)));
  }

  /** Reads an error from answer headers; undefined when the status is ok or absent. */
  static fromHeaders(h: HeaderReader): MeshError | undefined {
    const status = h.get(Header.Status);
    if (!status || status === 'ok') return undefined;
    const code: ErrorCode = isErrorCode(status) ? status : 'server.internal';
    const field = h.get(Header.ErrorField);
    const wait = h.get(Header.RetryAfter);
    const retryAfterMs = wait && /^\d{1,12}$/.test(wait) ? Number(wait) : undefined;
    return new MeshError(code, h.get(Header.ErrorMessage) || undefined, {
      ...(field ? { field } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }

  /** Wraps anything thrown into a MeshError, keeping a MeshError as it is. */
  static from(err: unknown, fallback: ErrorCode = 'server.internal'): MeshError {
    if (err instanceof MeshError) return err;
    return new MeshError(fallback, undefined, { cause: err });
  }
}

/** Header values must be one line of printable text. */
function sanitizeHeaderValue(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').slice(0, 512);
}
