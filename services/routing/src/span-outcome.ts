// How a transaction's end is recorded on its span: the one place (libs/runtime's shared
// recordOutcome is to take its place).
import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { STATUS_OK } from '@ndxp/contracts';

/** Sets `ndxp.code` on the span, and an error status for any code but ok. */
export function recordCode(span: Span, code: string): void {
  span.setAttribute('ndxp.code', code);
  if (code !== STATUS_OK) span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}
