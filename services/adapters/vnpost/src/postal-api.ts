// The calls to the national system's REST API, on the SDK's upstream client (timeouts, retries,
// circuit breaker, failures mapped to stable codes).
import type { RequestContext, Upstream } from '@ndxp/adapter-sdk';

const JSON_TYPE = 'application/json';

/** The national system's operations, answering its JSON. */
export interface PostalApi {
  /** POST /don-hang. Retried on failure: the national system dedupes by (maKhachHang, soDonHang). */
  createOrder(ctx: RequestContext, body: Record<string, unknown>): Promise<unknown>;
  /**
   * POST /don-hang/{soHieu}/huy. Retried: cancelling a cancelled order changes nothing. Resolves
   * CANCEL_REFUSED when the national system refuses (409: the order is delivered already).
   */
  cancelOrder(ctx: RequestContext, itemNumber: string, reason: string): Promise<unknown>;
  /** GET /don-hang/{soHieu}: {donHang, lichSu}. */
  trackOrder(ctx: RequestContext, itemNumber: string): Promise<unknown>;
  /** POST /cuoc. Retried: a quote changes nothing. */
  quote(ctx: RequestContext, body: Record<string, unknown>): Promise<unknown>;
  /** GET /thay-doi?sau=&gioiHan=: {thayDoi, cuoi, conNua}. */
  changes(ctx: RequestContext, after: number, limit: number): Promise<unknown>;
}

/** What cancelOrder resolves when the national system refuses to cancel (HTTP 409). */
export const CANCEL_REFUSED = Symbol('cancel refused');

/** The API over an upstream whose baseUrl is the national system's root. */
export function postalApi(upstream: Upstream): PostalApi {
  const base = '/bccI/v1';
  const post = async (ctx: RequestContext, path: string, body: unknown): Promise<unknown> =>
    (await upstream.call(ctx, { method: 'POST', path, body: JSON.stringify(body), contentType: JSON_TYPE, idempotent: true })).json();
  const get = async (ctx: RequestContext, path: string): Promise<unknown> => (await upstream.call(ctx, { path })).json();
  return {
    createOrder: (ctx, body) => post(ctx, `${base}/don-hang`, body),
    cancelOrder: async (ctx, item, reason) => {
      const res = await upstream.call(ctx, {
        method: 'POST',
        path: `${base}/don-hang/${encodeURIComponent(item)}/huy`,
        body: JSON.stringify({ lyDo: reason }),
        contentType: JSON_TYPE,
        idempotent: true,
        acceptStatus: [409],
      });
      return res.status === 409 ? CANCEL_REFUSED : res.json();
    },
    trackOrder: (ctx, item) => get(ctx, `${base}/don-hang/${encodeURIComponent(item)}`),
    quote: (ctx, body) => post(ctx, `${base}/cuoc`, body),
    changes: (ctx, after, limit) => get(ctx, `${base}/thay-doi?sau=${after}&gioiHan=${limit}`),
  };
}
