// The national system's REST/JSON API over node:http: GET /dkdn/v1/enterprises/{taxCode}, GET /healthz.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@ndxp/runtime';
import type { Dataset } from './dataset';

/** How to run the simulator's HTTP server. */
export interface SimulatorOptions {
  dataset: Dataset;
  host?: string;
  port?: number;
  latencyMs?: number;
  errorRate?: number;
  logger?: Logger;
  /** Source of randomness for the error rate (default Math.random). */
  random?: () => number;
}

/** A running simulator. */
export interface Simulator {
  url: string;
  port: number;
  /** Requests received on the enterprise path since start (tests use it to prove no call was made). */
  readonly lookups: number;
  close(): Promise<void>;
}

const ENTERPRISE_PATH = /^\/dkdn\/v1\/enterprises\/([^/?#]*)$/;
const CODE_SHAPE = /^[0-9]{10}(-[0-9]{3})?$/;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Starts the HTTP server on 127.0.0.1 (port 0 picks a free one) and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { dataset, logger } = options;
  const latency = options.latencyMs ?? 0;
  const errorRate = options.errorRate ?? 0;
  const random = options.random ?? Math.random;
  let lookups = 0;

  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'GET') return send(res, 405, { maLoi: 'METHOD_NOT_ALLOWED', thongBao: 'Chỉ hỗ trợ GET' });
    if (path === '/healthz') return send(res, 200, { trangThai: 'ok', soBanGhi: dataset.count });
    const m = ENTERPRISE_PATH.exec(path);
    if (!m) return send(res, 404, { maLoi: 'NOT_FOUND', thongBao: 'Không tìm thấy đường dẫn' });
    lookups++;
    let code: string;
    try {
      code = decodeURIComponent(m[1]!);
    } catch {
      code = '';
    }
    const reply = (): void => {
      if (res.destroyed) return;
      if (errorRate > 0 && random() < errorRate) {
        return send(res, 503, { maLoi: 'SERVICE_UNAVAILABLE', thongBao: 'Hệ thống đang bận, vui lòng thử lại sau' });
      }
      if (!CODE_SHAPE.test(code)) {
        return send(res, 400, { maLoi: 'INVALID_TAX_CODE', thongBao: 'Mã số doanh nghiệp không hợp lệ' });
      }
      const record = dataset.get(code);
      if (!record) return send(res, 404, { maLoi: 'NOT_FOUND', thongBao: 'Không tìm thấy doanh nghiệp' });
      send(res, 200, record);
    };
    if (latency > 0) setTimeout(reply, latency);
    else reply();
  };

  const server = createServer((req, res) => {
    try {
      answer(req, res);
    } catch (err) {
      logger?.error({ err }, 'simulator request failed');
      if (!res.headersSent) send(res, 500, { maLoi: 'INTERNAL', thongBao: 'Lỗi hệ thống' });
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    port,
    get lookups() {
      return lookups;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
