// One rule for a span's outcome, after OpenTelemetry's RPC conventions: a server span is an error
// only when the server failed (server.* codes; a client.* code is the caller's mistake, answered
// correctly), a client span whenever the call did not succeed.
import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { STATUS_OK } from './headers';
import { SpanAttribute } from './span-attributes';

/**
 * Records a call's outcome on its span: the code in `ndxp.code`; for an error, `error.type` and the
 * ERROR status. `kind` is the span's own kind (the API cannot read it back): SERVER by default.
 */
export function recordOutcome(span: Span, code: string, kind: SpanKind = SpanKind.SERVER): void {
  span.setAttribute(SpanAttribute.Code, code);
  if (!isSpanError(code, kind)) return;
  span.setAttribute(SpanAttribute.ErrorType, code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}

/** Whether `code` makes a span of `kind` an error: any code but ok on a client span, server.* elsewhere. */
export function isSpanError(code: string, kind: SpanKind = SpanKind.SERVER): boolean {
  if (code === STATUS_OK) return false;
  return kind === SpanKind.CLIENT || code.startsWith('server.');
}
