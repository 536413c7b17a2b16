import { Header } from '@ndxp/contracts';
import { freshRequestMeta, freshTraceparent, requestHeaders } from './request-shape';

describe('request shape', () => {
  it('makes W3C traceparents with non-zero, never repeated trace ids', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const tp = freshTraceparent();
      expect(tp).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      const traceId = tp.slice(3, 35);
      expect(traceId).not.toMatch(/^0+$/);
      seen.add(traceId);
    }
    expect(seen.size).toBe(3000);
  });

  it('puts request id, version v1, an absolute deadline and the traceparent in the headers', () => {
    const meta = freshRequestMeta(5000, 1_638_316_800_000);
    const h = requestHeaders(meta);
    expect(h.get(Header.RequestId)).toBe(meta.requestId);
    expect(h.get(Header.Version)).toBe('v1');
    expect(h.get(Header.Deadline)).toBe('1638316805000');
    expect(h.get(Header.TraceParent)).toBe(meta.traceparent);
    expect(freshRequestMeta(5000).requestId).not.toBe(meta.requestId);
  });
});
