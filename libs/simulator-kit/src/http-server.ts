// The HTTP plumbing every simulator repeats: listen, /healthz, added latency and error rate, replies, close.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@ndxp/runtime';

/**
 * Runs `answer` after the added latency, unless the client has gone by then; at the error rate it
 * answers the simulated outage instead (draining the request body first).
 */
export type Simulate = (req: IncomingMessage, res: ServerResponse, answer: () => void | Promise<void>) => void;

/** Where a simulator listens and how it misbehaves: what every simulator's options start with. */
export interface SimulatorServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Added before every answer given through `simulate`, in ms. */
  latencyMs?: number;
  /** Fraction 0..1 of answers given through `simulate` replaced by `unavailable`. */
  errorRate?: number;
  /** Source of randomness for the error rate (default Math.random). */
  random?: () => number;
  logger?: Logger;
}

/** How to run a simulator that serves a generated dataset. */
export interface DatasetSimulatorOptions<D> extends SimulatorServerOptions {
  dataset: D;
}

/** How to run a simulator's HTTP server; the simulator brings its routes in `handle`. */
export interface SimulatorHttpOptions extends SimulatorServerOptions {
  /** Body of the 200 JSON answer to GET /healthz (never delayed nor failed); absent: `handle` sees /healthz. */
  health?: () => unknown;
  /** Answers one request; a throw or a rejection is logged and answered by `internalError` if nothing was sent. */
  handle(req: IncomingMessage, res: ServerResponse, simulate: Simulate): void | Promise<void>;
  /** Answers the simulated outage, in the system's own words (default: 503 JSON `HE_THONG_BAN`). */
  unavailable?: (res: ServerResponse) => void;
  /** Answers an unexpected failure, in the system's own words (default: 500 JSON `LOI_HE_THONG`). */
  internalError?: (res: ServerResponse) => void;
  /** Called first by close(), e.g. to stop the simulator's own timers. */
  onClose?: () => void;
}

/** A listening simulator server. */
export interface SimulatorHttpServer {
  url: string;
  port: number;
  /** Requests handed to `simulate`: the calls on the national system's paths (tests prove no call was made). */
  readonly lookups: number;
  /** Cancels delayed answers, closes every connection and resolves once the server has stopped. */
  close(): Promise<void>;
}

/** Sends a JSON body with its length. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}

/** Sends a text body of the given content type with its length. */
export function sendText(res: ServerResponse, status: number, body: string, contentType: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const busy = (res: ServerResponse): void =>
  sendJson(res, 503, { maLoi: 'HE_THONG_BAN', thongBao: 'Hệ thống đang bận, vui lòng thử lại sau' });
const broken = (res: ServerResponse): void => sendJson(res, 500, { maLoi: 'LOI_HE_THONG', thongBao: 'Lỗi hệ thống' });

/** Starts the HTTP server (127.0.0.1 and a free port by default) and resolves once it listens. */
export async function startSimulatorHttp(options: SimulatorHttpOptions): Promise<SimulatorHttpServer> {
  const { logger, health } = options;
  const unavailable = options.unavailable ?? busy;
  const internalError = options.internalError ?? broken;
  const host = options.host ?? '127.0.0.1';
  const latency = options.latencyMs ?? 0;
  const errorRate = options.errorRate ?? 0;
  const random = options.random ?? Math.random;
  // Delayed answers not yet sent: close() cancels them so no timer outlives the server.
  const pending = new Set<NodeJS.Timeout>();
  let lookups = 0;

  const failed = (res: ServerResponse, err: unknown): void => {
    logger?.error({ err }, 'simulator request failed');
    if (!res.headersSent) internalError(res);
  };
  const run = (res: ServerResponse, answer: () => void | Promise<void>): void => {
    try {
      const done = answer();
      if (done) done.catch((err: unknown) => failed(res, err));
    } catch (err) {
      failed(res, err);
    }
  };
  const simulate: Simulate = (req, res, answer) => {
    lookups++;
    const reply = (): void | Promise<void> => {
      if (res.destroyed) return;
      if (errorRate > 0 && random() < errorRate) {
        req.resume();
        return unavailable(res);
      }
      return answer();
    };
    if (latency <= 0) return run(res, reply);
    const timer = setTimeout(() => {
      pending.delete(timer);
      run(res, reply);
    }, latency);
    pending.add(timer);
  };

  const server = createServer((req, res) => {
    if (health && req.method === 'GET' && (req.url ?? '/').split('?')[0] === '/healthz') return sendJson(res, 200, health());
    run(res, () => options.handle(req, res, simulate));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    get lookups() {
      return lookups;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        options.onClose?.();
        for (const timer of pending) clearTimeout(timer);
        pending.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
