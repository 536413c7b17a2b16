// Starts the gateway on a NATS connection: registry copy, gRPC server (one handler per method) and
// the HTTP/JSON edge, both on the one call path of edge-call.ts.
import { Metadata, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { NatsConnection } from '@nats-io/nats-core';
import { inboxPrefixFor } from '@ndxp/broker-auth';
import { toGrpcError } from '@ndxp/contracts';
import { BrokerLink } from '@ndxp/lgsp-client';
import {
  createGrpcServer,
  ReplyMux,
  syncRegistry,
  type GrpcHealth,
  type Logger,
  type ServiceMetrics,
  type TraceCarrier,
} from '@ndxp/runtime';
import type { Tracer } from '@opentelemetry/api';
import { AccessTokens } from './access-tokens';
import { authenticate } from './authenticate';
import { DEFAULT_TOKEN_TTL_S, type GatewayConfig } from './config';
import { serveEdgeCall, type EdgeDeps } from './edge-call';
import { AnswerMetadata, deadlineOf, RequestMetadata } from './forward';
import { gatewayServices, type GatewayMethod } from './grpc-services';
import { startHttpEdge, type HttpEdge } from './http-edge';
import { RegistryCopy } from './registry-copy';
import { serverCredentials } from './server-credentials';

/** Room left under the broker's max_payload for the envelope headers. */
const HEADER_HEADROOM_BYTES = 8_192;
const SHUTDOWN_GRACE_MS = 5_000;

/** A running gateway. */
export interface Gateway {
  /** Bound gRPC port. */
  port: number;
  /** Bound port of the HTTP/JSON edge; undefined when GATEWAY_HTTP_ADDR is off. */
  httpPort: number | undefined;
  /** The national services' paths the HTTP/JSON edge serves (empty when it is off). */
  httpPaths: string[];
  /** The gRPC services served (fully qualified proto names). */
  services: string[];
  registry: RegistryCopy;
  /** grpc.health.v1 status of the gRPC server (follow the ops readiness with health.follow). */
  health: GrpcHealth;
  /** Health turns NOT_SERVING, both edges stop taking calls and let those in flight finish (up to 5 s), then the registry sync stops. */
  stop(): Promise<void>;
}

/** Waits for the registry snapshot, then serves every national service over gRPC (config.grpcAddr) and HTTP/JSON (config.httpAddr). */
export async function startGateway(options: {
  nc: NatsConnection;
  logger: Logger;
  tracer: Tracer;
  /** The HTTP/JSON edge's settings may be left out: no edge (in-process tests of the gRPC edge). */
  config: Pick<GatewayConfig, 'grpcAddr' | 'tls' | 'defaultTimeoutMs' | 'maxTimeoutMs' | 'replyGraceMs' | 'registryResyncMs'> &
    Partial<Pick<GatewayConfig, 'httpAddr' | 'tokenKeyPath' | 'tokenTtlS' | 'grpcServer'>>;
  /** Prometheus instruments of the process (optional). */
  metrics?: ServiceMetrics;
}): Promise<Gateway> {
  const { nc, logger, tracer, config, metrics } = options;
  const credentials = serverCredentials(config.tls);
  const requester = new ReplyMux(nc, inboxPrefixFor({ kind: 'gateway' }));
  const link = new BrokerLink(nc);
  const copy = new RegistryCopy();
  const sync = syncRegistry(nc, copy, logger, { resyncMs: config.registryResyncMs, requester });
  await sync.loaded;

  const deps: EdgeDeps = { requester, link, copy, logger, tracer, config, metrics };

  async function handle(m: GatewayMethod, call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>): Promise<void> {
    const outcome = await serveEdgeCall(deps, {
      edge: 'grpc',
      national: m.national,
      route: m.path,
      callerRequestId: stringOf(call.metadata, RequestMetadata.RequestId),
      authenticate: (now) => authenticate(call.getAuthContext(), call.metadata, copy, now),
      payload: () => call.request,
      headers: {
        version: stringOf(call.metadata, RequestMetadata.Version),
        officer: stringOf(call.metadata, RequestMetadata.Officer),
        purpose: stringOf(call.metadata, RequestMetadata.Purpose),
      },
      deadline: (now) => deadlineOf(call.getDeadline(), now, config),
      trace: metadataCarrier(call.metadata),
    });
    const trailer = new Metadata();
    if (outcome.requestId) trailer.set(AnswerMetadata.RequestId, outcome.requestId);
    if (outcome.ok) {
      const { data, receipt } = outcome.result;
      if (receipt) trailer.set(AnswerMetadata.Receipt, receipt);
      callback(null, Buffer.from(data.buffer, data.byteOffset, data.byteLength), trailer);
      return;
    }
    const grpcError = toGrpcError(outcome.error, { requestId: outcome.requestId || undefined });
    grpcError.metadata?.merge(trailer);
    callback(grpcError);
  }

  const maxPayload = nc.info?.max_payload ?? 1_048_576;
  const bodyLimit = Math.max(1_024, maxPayload - HEADER_HEADROOM_BYTES);
  const services = gatewayServices();
  const { server, health } = createGrpcServer(
    services.map((s) => s.name),
    config.grpcServer,
    { 'grpc.max_receive_message_length': bodyLimit },
  );
  for (const s of services) {
    const impl: UntypedServiceImplementation = {};
    for (const [key, m] of s.methods) {
      impl[key] = (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) => {
        handle(m, call, callback).catch((err: unknown) => logger.error({ err }, 'unhandled gateway error'));
      };
    }
    server.addService(s.definition, impl);
  }
  let port: number;
  let http: HttpEdge | undefined;
  try {
    port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(config.grpcAddr, credentials, (err, bound) => (err ? reject(err) : resolve(bound)));
    });
    if (config.httpAddr) {
      const { tokens } = await AccessTokens.open(config.tokenKeyPath, config.tokenTtlS ?? DEFAULT_TOKEN_TTL_S);
      http = await startHttpEdge({ deps, tokens, config: { ...config, httpAddr: config.httpAddr }, bodyLimit });
    }
  } catch (err) {
    server.forceShutdown();
    sync.stop();
    requester.close();
    throw err;
  }

  return {
    port,
    httpPort: http?.port,
    httpPaths: http?.paths ?? [],
    services: services.map((s) => s.name),
    registry: copy,
    health,
    stop: async () => {
      health.drain();
      await Promise.all([
        http?.stop(),
        new Promise<void>((resolve) => {
          const force = setTimeout(() => {
            server.forceShutdown();
            resolve();
          }, SHUTDOWN_GRACE_MS);
          server.tryShutdown(() => {
            clearTimeout(force);
            resolve();
          });
        }),
      ]);
      sync.stop();
      requester.close();
    },
  };
}

/** gRPC metadata seen as a trace-context carrier (W3C traceparent/tracestate keys). */
function metadataCarrier(md: Metadata): TraceCarrier {
  return {
    get: (k) => {
      const v = md.get(k)[0];
      return typeof v === 'string' ? v : '';
    },
    set: (k, v) => md.set(k, v),
    keys: () => Object.keys(md.getMap()),
  };
}

/** One metadata value as text, or undefined when absent. */
function stringOf(md: Metadata, key: string): string | undefined {
  const v = md.get(key)[0];
  return typeof v === 'string' ? v : undefined;
}
