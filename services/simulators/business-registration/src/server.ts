// The national system's REST/JSON API over node:http: GET /dkdn/v1/enterprises/{taxCode}, GET /healthz.
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

const ENTERPRISE_PATH = /^\/dkdn\/v1\/enterprises\/([^/?#]*)$/;
const CODE_SHAPE = /^[0-9]{10}(-[0-9]{3})?$/;

/** Starts the HTTP server on 127.0.0.1 (port 0 picks a free one) and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { dataset } = options;

  const handle = (req: IncomingMessage, res: ServerResponse, simulate: Simulate): void => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'GET') return send(res, 405, { maLoi: 'METHOD_NOT_ALLOWED', thongBao: 'Chỉ hỗ trợ GET' });
    const m = ENTERPRISE_PATH.exec(path);
    if (!m) return send(res, 404, { maLoi: 'NOT_FOUND', thongBao: 'Không tìm thấy đường dẫn' });
    let code: string;
    try {
      code = decodeURIComponent(m[1]!);
    } catch {
      code = '';
    }
    simulate(req, res, () => {
      if (!CODE_SHAPE.test(code)) {
        return send(res, 400, { maLoi: 'INVALID_TAX_CODE', thongBao: 'Mã số doanh nghiệp không hợp lệ' });
      }
      const record = dataset.get(code);
      if (!record) return send(res, 404, { maLoi: 'NOT_FOUND', thongBao: 'Không tìm thấy doanh nghiệp' });
      send(res, 200, record);
    });
  };

  return startSimulatorHttp({
    ...options,
    health: () => ({ trangThai: 'ok', soBanGhi: dataset.count }),
    handle,
    unavailable: (res) => send(res, 503, { maLoi: 'SERVICE_UNAVAILABLE', thongBao: 'Hệ thống đang bận, vui lòng thử lại sau' }),
    internalError: (res) => send(res, 500, { maLoi: 'INTERNAL', thongBao: 'Lỗi hệ thống' }),
  });
}
