import { status } from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, ERROR_TABLE, grpcStatusOf, httpStatusOf, isClientError, isErrorCode, isReplayed, isRetryable } from './error-codes';
import { MeshError } from './mesh-error';

class MapHeaders {
  readonly m = new Map<string, string>();
  get(k: string): string {
    return this.m.get(k) ?? '';
  }
  set(k: string, v: string): void {
    this.m.set(k, v);
  }
}

describe('error table', () => {
  it('classifies every code as client.* or server.* with a gRPC status', () => {
    for (const code of ERROR_CODES) {
      expect(code).toMatch(/^(client|server)\.[a-z_]+$/);
      expect(typeof grpcStatusOf(code)).toBe('number');
      expect(ERROR_TABLE[code].message.length).toBeGreaterThan(0);
    }
  });

  it('documents every code in docs/errors.md with its gRPC and HTTP status and its retry and replay policy', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/errors.md'), 'utf8');
    const rows = new Map(
      [...doc.matchAll(/^\| `([a-z_.]+)` \| (client|server) \| `[A-Z_]+` \((\d+)\) \| (\d{3}) \| (yes|no) \| (yes|no) \|/gm)].map((m) => [
        m[1],
        [Number(m[3]), Number(m[4]), m[5] === 'yes', m[6] === 'yes'],
      ]),
    );
    expect([...rows.keys()].sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES)
      expect(rows.get(code)).toEqual([grpcStatusOf(code), httpStatusOf(code), isRetryable(code), ERROR_TABLE[code].replayed]);
  });

  it('maps no final error to UNAVAILABLE, the status standard gRPC retry policies retry', () => {
    for (const code of ERROR_CODES) if (!isRetryable(code)) expect([code, grpcStatusOf(code)]).not.toEqual([code, status.UNAVAILABLE]);
    expect(grpcStatusOf('server.upstream_failure')).toBe(status.UNKNOWN);
  });

  it('asks again only after server.* failures the mesh may not have served, and never replays a server.* answer', () => {
    expect(ERROR_CODES.filter(isRetryable).sort()).toEqual([
      'server.metering_unavailable',
      'server.no_adapter',
      'server.timeout',
      'server.unavailable',
    ]);
    for (const code of ERROR_CODES) if (!isClientError(code)) expect([code, isReplayed(code)]).toEqual([code, false]);
    expect(['ok', 'client.not_found', 'client.access_denied'].map(isReplayed)).toEqual([true, true, true]);
    expect(['client.rate_limited', 'client.deadline_exceeded', 'server.timeout'].map(isReplayed)).toEqual([false, false, false]);
    // A status no table knows: forgotten when it claims to be the server's fault.
    expect([isReplayed('server.novel'), isReplayed('weird')]).toEqual([false, true]);
    expect(isRetryable('server.novel')).toBe(false);
  });

  it('refuses the unauthenticated with 401 and the unauthorized with 403, on gRPC as on HTTP', () => {
    expect([grpcStatusOf('client.unauthenticated'), httpStatusOf('client.unauthenticated')]).toEqual([status.UNAUTHENTICATED, 401]);
    expect([grpcStatusOf('client.permission_denied'), httpStatusOf('client.permission_denied')]).toEqual([status.PERMISSION_DENIED, 403]);
  });

  it('maps the codes the mesh promises to their gRPC statuses', () => {
    expect(grpcStatusOf('client.access_denied')).toBe(status.PERMISSION_DENIED);
    expect(grpcStatusOf('client.unknown_service')).toBe(status.NOT_FOUND);
    expect(grpcStatusOf('client.malformed')).toBe(status.INVALID_ARGUMENT);
    expect(grpcStatusOf('server.no_adapter')).toBe(status.UNAVAILABLE);
    expect(grpcStatusOf('server.timeout')).toBe(status.DEADLINE_EXCEEDED);
    expect(isClientError('client.invalid_argument')).toBe(true);
    expect(isClientError('server.upstream_failure')).toBe(false);
    expect(isErrorCode('client.nonsense')).toBe(false);
  });

  it('carries code, message and field through NATS headers', () => {
    const h = new MapHeaders();
    new MeshError('client.invalid_argument', 'bad check digit\r\nsecond line', { field: 'tax_code' }).writeHeaders(h);
    const back = MeshError.fromHeaders(h)!;
    expect(back.code).toBe('client.invalid_argument');
    expect(back.field).toBe('tax_code');
    expect(back.message).toBe('bad check digit second line');
  });

  it('writes the NATS micro error headers beside the Ndxp ones: the message and the HTTP status', () => {
    const h = new MapHeaders();
    new MeshError('client.rate_limited').writeHeaders(h);
    expect(Object.fromEntries(h.m)).toEqual({
      'Ndxp-Status': 'client.rate_limited',
      'Ndxp-Error-Message': 'rate limit exceeded',
      'Nats-Service-Error': 'rate limit exceeded',
      'Nats-Service-Error-Code': '429',
    });
    new MeshError('server.timeout', 'line one\nline two').writeHeaders(h);
    expect([h.get('Nats-Service-Error'), h.get('Nats-Service-Error-Code')]).toEqual(['line one line two', '504']);
  });

  it('carries the retry delay of a rate limit through NATS headers, rounded up to whole ms, and ignores a malformed one', () => {
    const h = new MapHeaders();
    new MeshError('client.rate_limited', 'slow down', { retryAfterMs: 249.2 }).writeHeaders(h);
    expect(h.get('Ndxp-Retry-After-Ms')).toBe('250');
    expect(MeshError.fromHeaders(h)!.retryAfterMs).toBe(250);
    h.set('Ndxp-Retry-After-Ms', '-5');
    expect(MeshError.fromHeaders(h)!.retryAfterMs).toBeUndefined();
    expect(new MeshError('client.rate_limited', 'x', { retryAfterMs: Number.NaN }).retryAfterMs).toBeUndefined();
  });

  it('reads an unknown status code as server.internal and ok as no error', () => {
    const h = new MapHeaders();
    h.set('Ndxp-Status', 'weird.code');
    expect(MeshError.fromHeaders(h)!.code).toBe('server.internal');
    h.set('Ndxp-Status', 'ok');
    expect(MeshError.fromHeaders(h)).toBeUndefined();
  });
});
