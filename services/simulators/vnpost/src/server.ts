// The national system's REST/JSON API over node:http (paths under /bccI/v1, Vietnamese field names).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateItemNumber } from '@ndxp/contracts';
import { sendJson as send, startSimulatorHttp, type Simulate, type SimulatorServerOptions } from '@ndxp/simulator-kit';
import { createOrderBook, type OrderBook } from './order-book';
import { isFieldProblem, parseOrderInput, parseQuoteInput } from './parse-input';
import { quote } from './tariff';

/** How to run the simulator's HTTP server (SIM_ERROR_RATE's share of API requests is answered 503). */
export interface SimulatorOptions extends SimulatorServerOptions {
  /** Seeds the item numbers (default '': a random start on every run). */
  seed?: string;
  /** Time per state step of an order (default 2000; 0 = only sim.orders.advance() moves orders). */
  stepMs?: number;
}

/** A running simulator. */
export interface Simulator {
  url: string;
  port: number;
  /** The orders, for tests (advance an order by hand, count them). */
  readonly orders: OrderBook;
  /** POST requests received on /bccI/v1/don-hang (create), to prove the adapter did or did not call. */
  readonly creates: number;
  /** API requests received, except /healthz and the change feed (tests prove no call was made). */
  readonly requests: number;
  close(): Promise<void>;
}

/** Base path of the API. */
export const API_BASE = '/bccI/v1';
const ORDER = /^\/bccI\/v1\/don-hang\/([^/]+)$/;
const CANCEL = /^\/bccI\/v1\/don-hang\/([^/]+)\/huy$/;
const MAX_BODY = 64 * 1024;
const MAX_PAGE = 1000;

const fail = (res: ServerResponse, status: number, maLoi: string, thongBao: string, truong?: string): void =>
  send(res, status, truong === undefined ? { maLoi, thongBao } : { maLoi, thongBao, truong });

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SyntaxError('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment).trim().toUpperCase();
  } catch {
    return '';
  }
}

function intParam(params: URLSearchParams, name: string, fallback: number, max: number): number | undefined {
  const v = params.get(name);
  if (v === null || v === '') return fallback;
  if (!/^\d{1,15}$/.test(v)) return undefined;
  return Math.min(Number(v), max);
}

/** Starts the HTTP server (port 0 picks a free one) and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const { logger } = options;
  const orders = createOrderBook({ seed: options.seed ?? '', stepMs: options.stepMs ?? 2000 });
  let creates = 0;
  let requests = 0;

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === `${API_BASE}/don-hang` && method === 'POST') {
      creates++;
      const input = parseOrderInput(await readJson(req));
      if (isFieldProblem(input)) return fail(res, 400, 'DU_LIEU_KHONG_HOP_LE', input.thongBao, input.truong);
      const { order, created } = orders.create(input);
      return send(res, created ? 201 : 200, order);
    }
    const cancel = CANCEL.exec(path);
    if (cancel && method === 'POST') {
      const item = validateItemNumber(decode(cancel[1]!));
      if (!item.valid) return fail(res, 400, 'DU_LIEU_KHONG_HOP_LE', 'Số hiệu bưu gửi không hợp lệ', 'soHieu');
      const body = await readJson(req);
      const lyDo = typeof (body as { lyDo?: unknown }).lyDo === 'string' ? (body as { lyDo: string }).lyDo : '';
      const outcome = orders.cancel(item.itemNumber, lyDo);
      if (outcome.kind === 'not_found') return fail(res, 404, 'KHONG_TIM_THAY', 'Không tìm thấy bưu gửi');
      if (outcome.kind === 'delivered') return fail(res, 409, 'DA_PHAT', 'Bưu gửi đã phát, không thể hủy');
      return send(res, 200, outcome.order);
    }
    const one = ORDER.exec(path);
    if (one && method === 'GET') {
      const item = validateItemNumber(decode(one[1]!));
      if (!item.valid) return fail(res, 400, 'DU_LIEU_KHONG_HOP_LE', 'Số hiệu bưu gửi không hợp lệ', 'soHieu');
      // A valid number of another post (…SG, …DE) is one this order book does not hold: 404, like an unknown VN one.
      const found = orders.get(item.itemNumber);
      if (!found) return fail(res, 404, 'KHONG_TIM_THAY', 'Không tìm thấy bưu gửi');
      return send(res, 200, { donHang: found.order, lichSu: found.history });
    }
    if (path === `${API_BASE}/cuoc` && method === 'POST') {
      const input = parseQuoteInput(await readJson(req));
      if (isFieldProblem(input)) return fail(res, 400, 'DU_LIEU_KHONG_HOP_LE', input.thongBao, input.truong);
      const q = quote(input);
      return send(res, 200, { cuocPhi: q.postageVnd, phiThuHo: q.codFeeVnd, soNgayDuKien: q.days, vung: q.distance });
    }
    if (path === `${API_BASE}/thay-doi` && method === 'GET') {
      const after = intParam(url.searchParams, 'sau', 0, Number.MAX_SAFE_INTEGER);
      const limit = intParam(url.searchParams, 'gioiHan', 100, MAX_PAGE);
      if (after === undefined) return fail(res, 400, 'DU_LIEU_KHONG_HOP_LE', 'sau phải là số nguyên không âm', 'sau');
      if (limit === undefined || limit < 1) return fail(res, 400, 'DU_LIEU_KHONG_HOP_LE', 'gioiHan phải là số nguyên dương', 'gioiHan');
      const page = orders.changes(after, limit);
      const cuoi = page.length > 0 ? page[page.length - 1]!.thuTu : after;
      return send(res, 200, { phien: orders.epoch, thayDoi: page, cuoi, conNua: cuoi < orders.lastSequence });
    }
    return fail(res, 404, 'KHONG_TIM_THAY', 'Không tìm thấy đường dẫn');
  }

  // /healthz answers any method here (the kit's `health` answers GET only), as it always has.
  const handle = (req: IncomingMessage, res: ServerResponse, simulate: Simulate): void => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname === '/healthz') return send(res, 200, { trangThai: 'ok', soDonHang: orders.size });
    if (url.pathname !== `${API_BASE}/thay-doi`) requests++;
    simulate(req, res, () =>
      route(req, res, url).catch((err: unknown) => {
        if (err instanceof SyntaxError) return fail(res, 400, 'DU_LIEU_KHONG_HOP_LE', 'Nội dung không phải JSON hợp lệ');
        logger?.error({ err }, 'simulator request failed');
        if (!res.headersSent) fail(res, 500, 'LOI_HE_THONG', 'Lỗi hệ thống');
      }),
    );
  };

  const server = await startSimulatorHttp({
    ...options,
    // The kit's default outage and failure answers (HE_THONG_BAN, LOI_HE_THONG) are this system's own.
    handle,
    onClose: () => orders.close(),
  });
  return {
    url: server.url,
    port: server.port,
    orders,
    get creates() {
      return creates;
    },
    get requests() {
      return requests;
    },
    close: () => server.close(),
  };
}
