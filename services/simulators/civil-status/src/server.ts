// The national system's SOAP 1.1 web service over node:http: POST /hotich/ws, GET /healthz.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOTICH_LOOKUP_OPERATION, HOTICH_SERVICE_PATH } from '@ndxp/contracts';
import { sendText, startSimulatorHttp, type Simulate, type SimulatorHttpServer, type DatasetSimulatorOptions } from '@ndxp/simulator-kit';
import type { Dataset } from './dataset';
import { parseLookupRequest } from './soap-request';
import { faultEnvelope, fieldElements, soapEnvelope, type SoapFault } from './xml';

/** Requests larger than this are refused with a Client fault. */
export const MAX_REQUEST_BYTES = 64 * 1024;

/** How to run the simulator's HTTP server. */
export type SimulatorOptions = DatasetSimulatorOptions<Dataset>;

/** A running simulator; `lookups` counts the calls on the national system's paths. */
export type Simulator = SimulatorHttpServer;

/**
 * HTTP status of each fault. SOAP 1.1 sends every fault with 500; the ministry's gateway in front of
 * the service (as many do) maps them so that HTTP clients can tell a missing record from an outage.
 */
export function faultStatus(fault: SoapFault): number {
  if (fault.faultcode === 'Server') return 500;
  return fault.maLoi === 'KHONG_TIM_THAY' ? 404 : 400;
}

const XML_TYPE = 'text/xml; charset=utf-8';

function send(res: ServerResponse, status: number, body: string, type = XML_TYPE): void {
  sendText(res, status, body, type);
}

function sendFault(res: ServerResponse, fault: SoapFault): void {
  send(res, faultStatus(fault), faultEnvelope(fault));
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_REQUEST_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the HTTP server on 127.0.0.1 (port 0 picks a free one) and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { dataset } = options;

  const lookup = (xml: string | undefined, res: ServerResponse): void => {
    if (xml === undefined) {
      return sendFault(res, { faultcode: 'Client', maLoi: 'YEU_CAU_QUA_LON', faultstring: 'Yêu cầu vượt quá kích thước cho phép' });
    }
    const request = parseLookupRequest(xml);
    if ('maLoi' in request) return sendFault(res, request);
    const record = dataset.find(request.event, request.key);
    if (!record) {
      return sendFault(res, { faultcode: 'Client', maLoi: 'KHONG_TIM_THAY', faultstring: 'Không tìm thấy sự kiện hộ tịch' });
    }
    const result = fieldElements(record);
    send(
      res,
      200,
      soapEnvelope(`<ht:${HOTICH_LOOKUP_OPERATION}Response><ketQua>${result}</ketQua></ht:${HOTICH_LOOKUP_OPERATION}Response>`),
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, simulate: Simulate): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path !== HOTICH_SERVICE_PATH) return send(res, 404, 'Không tìm thấy đường dẫn', 'text/plain; charset=utf-8');
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(res, 405, 'Chỉ hỗ trợ POST', 'text/plain; charset=utf-8');
    }
    const xml = await readBody(req);
    simulate(req, res, () => lookup(xml, res));
  };

  return startSimulatorHttp({
    ...options,
    health: () => ({ trangThai: 'ok', soBanGhi: dataset.counts }),
    handle,
    unavailable: (res) =>
      sendFault(res, { faultcode: 'Server', maLoi: 'HE_THONG_BAN', faultstring: 'Hệ thống đang bận, vui lòng thử lại sau' }),
    internalError: (res) => sendFault(res, { faultcode: 'Server', maLoi: 'LOI_HE_THONG', faultstring: 'Lỗi hệ thống' }),
  });
}
