import { SpanKind, SpanStatusCode, type Span, type SpanStatus } from '@opentelemetry/api';
import { isSpanError, recordOutcome } from './record-outcome';

/** A span that keeps what was set on it. */
interface Recorded {
  span: Span;
  attributes: Record<string, unknown>;
  status: SpanStatus | undefined;
}

function fakeSpan(): Recorded {
  const recorded = { attributes: {}, status: undefined } as Recorded;
  recorded.span = {
    setAttribute(key: string, value: unknown) {
      recorded.attributes[key] = value;
      return recorded.span;
    },
    setStatus(status: SpanStatus) {
      recorded.status = status;
      return recorded.span;
    },
  } as unknown as Span;
  return recorded;
}

describe('recordOutcome', () => {
  it('marks an ok call with its code and leaves the status unset', () => {
    const s = fakeSpan();
    recordOutcome(s.span, 'ok');
    expect(s.attributes).toEqual({ 'ndxp.code': 'ok' });
    expect(s.status).toBeUndefined();
  });

  it('makes a server span an error for a server.* code, with error.type', () => {
    const s = fakeSpan();
    recordOutcome(s.span, 'server.upstream_failure');
    expect(s.attributes).toEqual({ 'ndxp.code': 'server.upstream_failure', 'error.type': 'server.upstream_failure' });
    expect(s.status).toEqual({ code: SpanStatusCode.ERROR, message: 'server.upstream_failure' });
  });

  it('does not make a server span an error for a client.* code: the caller erred, the server did not', () => {
    const s = fakeSpan();
    recordOutcome(s.span, 'client.access_denied', SpanKind.SERVER);
    expect(s.attributes).toEqual({ 'ndxp.code': 'client.access_denied' });
    expect(s.status).toBeUndefined();
  });

  it('makes a client span an error for every code but ok', () => {
    for (const code of ['client.access_denied', 'server.timeout']) {
      const s = fakeSpan();
      recordOutcome(s.span, code, SpanKind.CLIENT);
      expect(s.attributes).toEqual({ 'ndxp.code': code, 'error.type': code });
      expect(s.status).toEqual({ code: SpanStatusCode.ERROR, message: code });
    }
    const ok = fakeSpan();
    recordOutcome(ok.span, 'ok', SpanKind.CLIENT);
    expect(ok.status).toBeUndefined();
  });

  it('treats a code it does not know by its class on a server span', () => {
    expect(isSpanError('server.novel')).toBe(true);
    expect(isSpanError('weird')).toBe(false);
    expect(isSpanError('weird', SpanKind.CLIENT)).toBe(true);
  });
});
