// The HTTP/JSON edge (fastify): every national service of the contracts' catalogue at
// POST /{provider}/{version}/{service} and at the system's aliases, bodies in the proto3 JSON
// mapping; POST /token for OAuth2 client credentials; GET /openapi.json and /docs (the document
// generated from the protos, and its offline page); errors as RFC 9457 problem details. A call
// takes the same path as a gRPC call (edge-call.ts): routing's grants, limits, replays and metering.
import { readFileSync } from 'node:fs';
import formbody from '@fastify/formbody';
import { aliasAnswerOf, Header, meshRequestOf, MeshError, NATIONAL_SERVICES, type HttpAlias, type NationalService } from '@ndxp/contracts';
import { docsPage, openApiDocument } from '@ndxp/openapi';
import { parseListenAddress, type TraceCarrier } from '@ndxp/runtime';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ACCESS_TOKEN_ISSUER, type AccessTokens } from './access-tokens';
import type { Caller } from './authenticate';
import type { GatewayConfig, TlsFiles } from './config';
import { serveEdgeCall, type EdgeDeps } from './edge-call';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem';
import { AssertionReplays, grantToken } from './token-endpoint';

/** A running HTTP/JSON edge. */
export interface HttpEdge {
  port: number;
  /** Every path served for national services (canonical and aliases). */
  paths: string[];
  /** Stops taking requests and lets those in flight finish. */
  stop(): Promise<void>;
}

/** What the edge needs beside the shared call path. */
export interface HttpEdgeOptions {
  deps: EdgeDeps;
  tokens: AccessTokens;
  config: Pick<GatewayConfig, 'tls' | 'defaultTimeoutMs' | 'maxTimeoutMs'> & { httpAddr: string };
  /** Largest request body, bytes (the broker's max_payload less the envelope's room). */
  bodyLimit: number;
  catalogue?: ReadonlyArray<NationalService<unknown, unknown>>;
}

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;
const JSON_TYPE = 'application/json; charset=utf-8';

/** Starts the edge on config.httpAddr (host:port; port 0 picks one); HTTPS when config.tls is set. */
export async function startHttpEdge(options: HttpEdgeOptions): Promise<HttpEdge> {
  const { deps, tokens, config } = options;
  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit,
    ...(config.tls ? { https: httpsOptions(config.tls) } : {}),
  });
  await app.register(formbody);
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    // fastify's own refusals (bad JSON, wrong media type, too large): a clear mesh code, never a stack.
    const status = err.statusCode ?? 500;
    const error =
      status === 413
        ? new MeshError('client.too_large', 'the request body is larger than the gateway accepts', { field: 'body' })
        : status === 415
          ? new MeshError('client.malformed', 'send the request as application/json', { field: 'Content-Type' })
          : status < 500
            ? new MeshError('client.malformed', `the request body is not valid JSON: ${err.message}`, { field: 'body' })
            : new MeshError('server.internal', 'the gateway failed to serve the request');
    if (status >= 500) deps.logger.error({ err, path: req.url }, 'http edge failure');
    sendProblem(reply, error, undefined);
  });
  app.setNotFoundHandler((req, reply) => {
    sendProblem(reply, new MeshError('client.unknown_service', `no national service at ${req.method} ${req.url.split('?')[0]}`), undefined);
  });

  // The OpenAPI document generated from the protos at build time, and its offline page (no login:
  // they describe the API, never its data).
  const document = JSON.stringify(openApiDocument());
  app.get('/openapi.json', (_req, reply) => reply.type(JSON_TYPE).send(document));
  const docs = docsPage({ basePath: '/docs', documentUrl: '/openapi.json' });
  app.get('/docs', (_req, reply) => reply.type('text/html; charset=utf-8').send(docs.html));
  for (const [path, asset] of docs.assets) app.get(path, (_req, reply) => reply.type(asset.contentType).send(asset.body));

  const replays = new AssertionReplays();
  app.post('/token', async (req, reply) => {
    const form = isRecord(req.body) ? req.body : {};
    // An assertion names this endpoint as the client reached it (RFC 7523 3.3), or the gateway's issuer name.
    const audiences = [`${req.protocol}://${req.host}/token`, ACCESS_TOKEN_ISSUER];
    const outcome = await grantToken(form, header(req, 'authorization'), {
      book: deps.copy.credentials,
      tokens,
      nowMs: Date.now(),
      audiences,
      replays,
    });
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    if (!outcome.ok) {
      if (outcome.error.status === 401 && outcome.error.basic) reply.header('www-authenticate', 'Basic realm="ndxp"');
      deps.logger.info({ edge: 'http', error: outcome.error.body.error }, 'token refused');
      return reply.code(outcome.error.status).type(JSON_TYPE).send(outcome.error.body);
    }
    deps.logger.info({ edge: 'http', consumer: outcome.consumer, clientId: outcome.clientId }, 'token issued');
    return reply
      .type(JSON_TYPE)
      .send({ access_token: outcome.token.accessToken, token_type: 'Bearer', expires_in: outcome.token.expiresInS });
  });

  const paths: string[] = [];
  for (const national of options.catalogue ?? NATIONAL_SERVICES) {
    paths.push(national.httpPath);
    app.post(national.httpPath, (req, reply) => serveNational(national, national.httpPath, undefined, req, reply));
    for (const alias of national.httpAliases) {
      paths.push(alias.path);
      app.post(alias.path, (req, reply) => serveNational(national, alias.path, alias, req, reply));
    }
  }

  async function serveNational(
    national: NationalService<unknown, unknown>,
    path: string,
    alias: HttpAlias | undefined,
    req: FastifyRequest,
    reply: FastifyReply,
  ) {
    const budget = header(req, Header.Timeout);
    const outcome = await serveEdgeCall(deps, {
      edge: 'http',
      national,
      route: path,
      callerRequestId: header(req, Header.RequestId),
      authenticate: (now) => authenticateBearer(header(req, 'authorization'), deps, tokens, now),
      payload: () => encodeBody(national, req.body, alias),
      headers: { version: header(req, Header.Version), officer: header(req, Header.Officer), purpose: header(req, Header.Purpose) },
      deadline: (now) => deadlineOf(budget, now, config),
      trace: headerCarrier(req),
    });
    if (outcome.requestId) reply.header(Header.RequestId, outcome.requestId);
    if (!outcome.ok) return sendProblem(reply, outcome.error, outcome.requestId);
    if (outcome.result.receipt) reply.header(Header.Receipt, outcome.result.receipt);
    const answer = national.response.toJSON(national.response.decode(outcome.result.data));
    return reply.type(JSON_TYPE).send(alias ? aliasAnswerOf(alias, answer) : answer);
  }

  const { host, port } = parseListenAddress('GATEWAY_HTTP_ADDR', config.httpAddr);
  await app.listen({ host, port });
  const address = app.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    paths,
    stop: () => app.close(),
  };
}

/** The caller of a bearer token: an OAuth2 access token from /token, or a gateway token (ndxp_…). */
async function authenticateBearer(authorization: string | undefined, deps: EdgeDeps, tokens: AccessTokens, now: number): Promise<Caller> {
  if (authorization === undefined) throw new MeshError('client.unauthenticated', 'send Authorization: Bearer <access token from /token>');
  const m = BEARER.exec(authorization);
  if (!m) throw new MeshError('client.unauthenticated', 'Authorization must be one "Bearer <token>"');
  const token = m[1]!;
  if (token.startsWith('ndxp_')) {
    const consumer = deps.copy.credentials.consumerOf(token, now);
    if (!consumer) throw new MeshError('client.unauthenticated', 'the token is unknown, revoked or expired');
    return { consumer, method: 'token' };
  }
  return { consumer: (await tokens.verify(token, deps.copy.credentials, now)).consumer, method: 'oauth' };
}

/**
 * The request message from a proto3 JSON body (an alias's, with the platform's field names);
 * client.malformed when the body is not a JSON object.
 */
function encodeBody(national: NationalService<unknown, unknown>, body: unknown, alias: HttpAlias | undefined): Uint8Array {
  if (!isRecord(body))
    throw new MeshError('client.malformed', 'the body must be a JSON object (the request message in proto3 JSON)', { field: 'body' });
  const request = alias ? meshRequestOf(alias, body) : body;
  let message: unknown;
  try {
    message = national.request.fromJSON(request);
  } catch (err) {
    throw new MeshError('client.malformed', `the body is not a ${national.service} request: ${(err as Error).message}`, { field: 'body' });
  }
  return national.request.encode(message).finish();
}

/** The deadline of a call: now plus its Ndxp-Timeout budget (ms), else the default, capped at the maximum. */
function deadlineOf(budget: string | undefined, now: number, config: Pick<GatewayConfig, 'defaultTimeoutMs' | 'maxTimeoutMs'>): number {
  if (budget === undefined) return now + config.defaultTimeoutMs;
  if (!/^\d{1,9}$/.test(budget))
    throw new MeshError('client.malformed', `${Header.Timeout} must be milliseconds, got ${JSON.stringify(budget)}`, {
      field: Header.Timeout,
    });
  return now + Math.min(Number(budget), config.maxTimeoutMs);
}

function sendProblem(reply: FastifyReply, error: MeshError, requestId: string | undefined): FastifyReply {
  const problem = problemOf(error, requestId);
  if (error.code === 'client.unauthenticated') reply.header('www-authenticate', 'Bearer realm="ndxp", error="invalid_token"');
  // RFC 9110 section 10.2.3: whole seconds; a delay under one second still says 1.
  if (problem.retryAfterMs !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(problem.retryAfterMs / 1_000))));
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/** One request header as text (the first, if repeated), or undefined. */
function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

function headerCarrier(req: FastifyRequest): TraceCarrier {
  return {
    get: (k) => header(req, k) ?? '',
    set: () => undefined,
    keys: () => Object.keys(req.headers),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function httpsOptions(tls: TlsFiles): { cert: Buffer; key: Buffer } {
  return { cert: readFileSync(tls.cert), key: readFileSync(tls.key) };
}
