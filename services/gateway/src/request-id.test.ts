import { Metadata } from '@grpc/grpc-js';
import { requestIdOf } from './forward';

describe('requestIdOf: the request id of a gateway call', () => {
  const md = (id?: string): Metadata => {
    const m = new Metadata();
    if (id !== undefined) m.set('ndxp-request-id', id);
    return m;
  };

  it("keeps the caller's own id, whatever the method", () => {
    expect(requestIdOf(md('lgsp-48-0001'), true)).toBe('lgsp-48-0001');
    expect(requestIdOf(md('lgsp-48-0001'), false)).toBe('lgsp-48-0001');
  });

  it('mints a fresh UUID for a method that is safe to repeat', () => {
    const a = requestIdOf(md(), true);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(md(''), true)).not.toBe(a);
  });

  it('gives none (the call is refused) for a method that changes state, empty metadata included', () => {
    expect(requestIdOf(md(), false)).toBeUndefined();
    expect(requestIdOf(md(''), false)).toBeUndefined();
  });
});
