// The report API over HTTP for web pages and spreadsheets (node:http or node:https):
//   GET /api/report?from=&to=&group=total|month|day|consumer|provider
//   GET /api/connected?from=&to=      GET /api/compliance?date=      GET /healthz
//   GET / (the oversight dashboard: services/metering/dashboard/index.html, which calls the API above)
//   GET|POST /signin (sign in with an access token: sets the session cookie)   POST /signout
// Every route has a rule in HTTP_ACCESS; the API routes take "Authorization: Bearer <token>" or the
// session cookie. JSON by default; CSV (UTF-8 with a byte-order mark, for Excel) with format=csv or
// Accept: text/csv. Errors are JSON
// {code, message, field} with the code's HTTP status (docs/errors.md).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { httpStatusOf, MeshError } from '@ndxp/contracts';
import { authorize, checkAccess, missingRules, type ApiAccess, type Logger, type TlsMaterial } from '@ndxp/runtime';
import { complianceCsv, connectedCsv, reportCsv } from '@ndxp/contracts';
import { endSessionCookie, readForm, sessionCookie, sessionToken } from './http-session';
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

/** The paths the server answers, each needing a rule in the access table. */
export const HTTP_ROUTES = [
  '/healthz',
  '/signin',
  '/signout',
  '/',
  '/dashboard',
  '/api/report',
  '/api/connected',
  '/api/compliance',
] as const;
const PAGES = new Set(['/', '/dashboard']);

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

function sendError(res: ServerResponse, e: MeshError): void {
  send(
    res,
    httpStatusOf(e.code),
    'application/json',
    JSON.stringify({ code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) }),
  );
}

function redirect(res: ServerResponse, location: string, cookie?: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...(cookie ? { 'set-cookie': cookie } : {}) });
  res.end();
}

function wantsCsv(req: IncomingMessage, q: URLSearchParams): boolean {
  const format = q.get('format');
  if (format) return format === 'csv';
  return /\btext\/csv\b/.test(req.headers.accept ?? '');
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The dashboard pages (self-contained files, no external resources), next to src/ and dist/. */
const DASHBOARD_DIR = join(__dirname, '../dashboard');

/** What the HTTP API needs beyond the reports. */
export interface HttpApiOptions {
  host: string;
  port: number;
  reports: Reports;
  logger: Logger;
  /** Checks callers; its rules must cover HTTP_ROUTES. */
  access: ApiAccess;
  /** Serve HTTPS with this certificate; plain HTTP without (then cookies are not marked Secure). */
  tls?: TlsMaterial | undefined;
}

/** Starts the HTTP API on host:port (port 0 picks a free port). */
export async function serveHttpApi({ host, port, reports, logger, access, tls }: HttpApiOptions): Promise<HttpApi> {
  const missing = missingRules(HTTP_ROUTES, access.rules);
  if (missing.length > 0) throw new Error(`no access rule for ${missing.join(', ')}: every route must have one`);
  const table = routes(reports);
  const dashboard = readFileSync(join(DASHBOARD_DIR, 'index.html'), 'utf8');
  const signinPage = readFileSync(join(DASHBOARD_DIR, 'signin.html'), 'utf8');
  const secure = tls !== undefined;
  const signin = (res: ServerResponse, status: number, error?: string): void =>
    send(
      res,
      status,
      'text/html; charset=utf-8',
      signinPage.replace('<!--error-->', error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''),
    );

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://metering');
    const path = url.pathname;
    const peer = req.socket.remoteAddress ?? '';
    const post = req.method === 'POST' && (path === '/signin' || path === '/signout');
    if (req.method !== 'GET' && req.method !== 'HEAD' && !post) {
      return sendError(res, new MeshError('client.invalid_argument', path === '/signin' ? 'GET or POST only' : 'GET only'));
    }
    if (!Object.prototype.hasOwnProperty.call(access.rules, path))
      return sendError(res, new MeshError('client.not_found', `no route ${path}`));
    if (path === '/healthz') return send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    if (path === '/signout') return redirect(res, '/signin', endSessionCookie(secure));
    if (path === '/signin') {
      if (req.method !== 'POST') return signin(res, 200);
      const form = await readForm(req).catch(() => undefined);
      const token = form?.get('token')?.trim() ?? '';
      try {
        if (!token) throw new MeshError('client.unauthenticated', 'no access token was entered');
        const caller = await access.authenticate(token, peer, 'http');
        authorize(caller, access.rules['/']!, url.searchParams, 'the dashboard');
        logger.info({ identity: caller.identity, peer, via: 'http' }, 'signed in');
        return redirect(res, '/', sessionCookie(token, caller.expiresAtMs, secure));
      } catch (err) {
        const e = MeshError.from(err);
        logger.warn({ method: 'SignIn', peer, via: 'http', code: e.code, reason: e.message }, 'call refused');
        const why =
          e.code === 'client.permission_denied'
            ? 'Mã truy cập không có quyền xem trang giám sát (vai trò oversight hoặc ops). The token lacks the oversight or ops role.'
            : `Mã truy cập không hợp lệ: ${e.message}. The token was not accepted.`;
        return signin(res, httpStatusOf(e.code), why);
      }
    }
    const header = req.headers.authorization;
    const cookie = sessionToken(req);
    const authorization = header !== undefined ? [header] : cookie !== undefined ? [`Bearer ${cookie}`] : [];
    try {
      await checkAccess(access, logger, { method: `GET ${path}`, key: path, peer, via: 'http', authorization, request: url.searchParams });
    } catch (err) {
      const e = MeshError.from(err);
      if (PAGES.has(path) && e.code === 'client.unauthenticated')
        return redirect(res, '/signin', cookie ? endSessionCookie(secure) : undefined);
      return sendError(res, e);
    }
    if (PAGES.has(path)) return send(res, 200, 'text/html; charset=utf-8', dashboard);
    const route = table[path]!;
    const format = url.searchParams.get('format');
    if (format && format !== 'csv' && format !== 'json') {
      return sendError(res, new MeshError('client.invalid_argument', 'format must be json or csv', { field: 'format' }));
    }
    try {
      const out = await route(url.searchParams);
      // A UTF-8 byte-order mark first: without it Excel reads the file as the local code page and
      // garbles Vietnamese names (Bộ Tư pháp). `ndxp report --format csv` prints none (it is piped).
      if (wantsCsv(req, url.searchParams)) send(res, 200, 'text/csv; charset=utf-8', `\uFEFF${out.csv()}`);
      else send(res, 200, 'application/json; charset=utf-8', JSON.stringify(out.json));
    } catch (err) {
      const e = err instanceof MeshError ? err : new MeshError('server.internal', 'report failed', { cause: err });
      if (e.code.startsWith('server.')) logger.error({ err, path }, 'report failed');
      sendError(res, e);
    }
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      logger.error({ err }, 'HTTP request failed');
      if (!res.headersSent) sendError(res, new MeshError('server.internal', 'request failed'));
      else res.destroy();
    });
  };
  const server: Server = tls ? createTlsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, listener) : createServer(listener);
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
