// The national system's REST/JSON API over node:http: GET /msns/v1/don-vi/{maSo}, search, /healthz.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  sendJson as send,
  startSimulatorHttp,
  type Simulate,
  type SimulatorHttpServer,
  type DatasetSimulatorOptions,
} from '@ndxp/simulator-kit';
import type { Dataset } from './dataset';

/** How to run the simulator's HTTP server. */
export type SimulatorOptions = DatasetSimulatorOptions<Dataset>;

/** A running simulator; `lookups` counts the calls on the national system's paths. */
export type Simulator = SimulatorHttpServer;

/** Largest page the national API serves. */
export const MAX_PAGE_SIZE = 100;
/** Page size when kichThuoc is absent. */
export const DEFAULT_PAGE_SIZE = 20;

const UNIT_PATH = /^\/msns\/v1\/don-vi\/([^/]*)$/;
const SEARCH_PATH = '/msns/v1/don-vi';
const CODE_SHAPE = /^[0-9]{7}$/;

const badRequest = (res: ServerResponse, thongBao: string): void => send(res, 400, { maLoi: 'THAM_SO_KHONG_HOP_LE', thongBao });

/** An integer query parameter in [min, max], its default when absent, or undefined when malformed. */
function intParam(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number | undefined {
  const v = params.get(name);
  if (v === null || v === '') return fallback;
  if (!/^[0-9]{1,9}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

/** Answers one request on /msns paths: a unit by code, or a page of a search. */
function answerMsns(dataset: Dataset, url: URL, res: ServerResponse): void {
  if (url.pathname === SEARCH_PATH) {
    const trang = intParam(url.searchParams, 'trang', 1, 1, 1_000_000_000);
    const kichThuoc = intParam(url.searchParams, 'kichThuoc', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    if (trang === undefined) return badRequest(res, 'trang phải là số nguyên từ 1');
    if (kichThuoc === undefined) return badRequest(res, `kichThuoc phải là số nguyên từ 1 đến ${MAX_PAGE_SIZE}`);
    const ten = url.searchParams.get('ten') ?? '';
    const coQuanChuQuan = url.searchParams.get('coQuanChuQuan') ?? '';
    return send(res, 200, dataset.search({ ten, coQuanChuQuan, trang, kichThuoc }));
  }
  const m = UNIT_PATH.exec(url.pathname);
  let code = '';
  try {
    code = decodeURIComponent(m?.[1] ?? '');
  } catch {
    // A malformed escape is a malformed code.
  }
  if (!CODE_SHAPE.test(code)) return send(res, 400, { maLoi: 'MA_SO_KHONG_HOP_LE', thongBao: 'Mã số ĐVQHNS không hợp lệ' });
  const unit = dataset.get(code);
  if (!unit) return send(res, 404, { maLoi: 'KHONG_TIM_THAY', thongBao: 'Không tìm thấy đơn vị có mã số này' });
  send(res, 200, unit);
}

/** Starts the HTTP server (default 127.0.0.1, a free port) and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { dataset } = options;

  const handle = (req: IncomingMessage, res: ServerResponse, simulate: Simulate): void => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (req.method !== 'GET') return send(res, 405, { maLoi: 'PHUONG_THUC_KHONG_HO_TRO', thongBao: 'Chỉ hỗ trợ GET' });
    if (url.pathname !== SEARCH_PATH && !UNIT_PATH.test(url.pathname)) {
      return send(res, 404, { maLoi: 'KHONG_TIM_THAY', thongBao: 'Không tìm thấy đường dẫn' });
    }
    simulate(req, res, () => answerMsns(dataset, url, res));
  };

  // The kit's default outage and failure answers (HE_THONG_BAN, LOI_HE_THONG) are this system's own.
  return startSimulatorHttp({ ...options, health: () => ({ trangThai: 'ok', soDonVi: dataset.size }), handle });
}
