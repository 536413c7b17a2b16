import { requestIdOf } from './forward';

describe('requestIdOf: the request id of a gateway call', () => {
  it("keeps the caller's own id, whatever the method", () => {
    expect(requestIdOf('lgsp-48-0001', true)).toBe('lgsp-48-0001');
    expect(requestIdOf('lgsp-48-0001', false)).toBe('lgsp-48-0001');
  });

  it('mints a fresh UUID for a method that is safe to repeat', () => {
    const a = requestIdOf(undefined, true);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf('', true)).not.toBe(a);
  });

  it('gives none (the call is refused) for a method that changes state, an empty id included', () => {
    expect(requestIdOf(undefined, false)).toBeUndefined();
    expect(requestIdOf('', false)).toBeUndefined();
  });
});
