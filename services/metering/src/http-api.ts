// The report API over HTTP for web pages and spreadsheets (node:http, GET only):
//   /api/report?from=&to=&group=total|month|day|consumer|provider
//   /api/connected?from=&to=      /api/compliance?date=      /healthz
//   / (the oversight dashboard: services/metering/dashboard/index.html, which calls the API above)
// JSON by default; CSV with format=csv or Accept: text/csv. Errors are JSON {code, message, field}
// with 400 for client.* and 503/500 for server.*.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { MeshError } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';
import { complianceCsv, connectedCsv, reportCsv } from '@ndxp/contracts';
import type { Reports } from './reports';

/** A listening HTTP API. */
export interface HttpApi {
  port: number;
  stop(): Promise<void>;
}

type Route = (q: URLSearchParams) => Promise<{ json: unknown; csv: () => string }>;

function routes(reports: Reports): Record<string, Route> {
  return {
    '/api/report': async (q) => {
      const r = await reports.getReport({ fromDay: q.get('from') ?? '', toDay: q.get('to') ?? '', group: q.get('group') ?? '' });
      return { json: r, csv: () => reportCsv(r) };
    },
    '/api/connected': async (q) => {
      const r = await reports.getConnected({ fromDay: q.get('from') ?? '', toDay: q.get('to') ?? '' });
      return { json: r, csv: () => connectedCsv(r) };
    },
    '/api/compliance': async (q) => {
      const r = await reports.getCompliance({ date: q.get('date') ?? '' });
      return { json: r, csv: () => complianceCsv(r) };
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function wantsCsv(req: IncomingMessage, q: URLSearchParams): boolean {
  const format = q.get('format');
  if (format) return format === 'csv';
  return /\btext\/csv\b/.test(req.headers.accept ?? '');
}

/** The dashboard page (one self-contained file, no external resources), next to src/ and dist/. */
const DASHBOARD_FILE = join(__dirname, '../dashboard/index.html');

/** Starts the HTTP API on host:port (port 0 picks a free port). */
export async function serveHttpApi(host: string, port: number, reports: Reports, logger: Logger): Promise<HttpApi> {
  const table = routes(reports);
  const dashboard = readFileSync(DASHBOARD_FILE, 'utf8');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://metering');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'application/json', JSON.stringify({ code: 'client.invalid_argument', message: 'GET only' }));
    if (url.pathname === '/healthz') return send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    if (url.pathname === '/' || url.pathname === '/dashboard') return send(res, 200, 'text/html; charset=utf-8', dashboard);
    const route = table[url.pathname];
    if (!route)
      return send(res, 404, 'application/json', JSON.stringify({ code: 'client.not_found', message: `no route ${url.pathname}` }));
    const format = url.searchParams.get('format');
    if (format && format !== 'csv' && format !== 'json') {
      return send(
        res,
        400,
        'application/json',
        JSON.stringify({ code: 'client.invalid_argument', message: 'format must be json or csv', field: 'format' }),
      );
    }
    route(url.searchParams).then(
      (out) =>
        wantsCsv(req, url.searchParams)
          ? send(res, 200, 'text/csv; charset=utf-8', out.csv())
          : send(res, 200, 'application/json; charset=utf-8', JSON.stringify(out.json)),
      (err: unknown) => {
        const e = err instanceof MeshError ? err : new MeshError('server.internal', 'report failed', { cause: err });
        if (e.code.startsWith('server.')) logger.error({ err, path: url.pathname }, 'report failed');
        const status = e.code.startsWith('client.') ? 400 : e.code === 'server.unavailable' ? 503 : 500;
        send(res, status, 'application/json', JSON.stringify({ code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
