// Starts the gateway on a NATS connection: registry copy, gRPC server, one handler per method.
import { Metadata, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { NatsConnection } from '@nats-io/nats-core';
import { inboxPrefixFor } from '@ndxp/broker-auth';
import { isClientError, MeshError, recordOutcome, SpanAttribute, STATUS_OK, toGrpcError } from '@ndxp/contracts';
import { BrokerLink } from '@ndxp/lgsp-client';
import {
  createGrpcServer,
  extractTrace,
  ReplyMux,
  syncRegistry,
  type GrpcHealth,
  type Logger,
  type ServiceMetrics,
  type TraceCarrier,
} from '@ndxp/runtime';
import { context, SpanKind, type Tracer } from '@opentelemetry/api';
import { authenticate, type Caller } from './authenticate';
import type { GatewayConfig } from './config';
import { AnswerMetadata, deadlineOf, forward, RequestMetadata, requestIdOf } from './forward';
import { gatewayServices, type GatewayMethod } from './grpc-services';
import { RegistryCopy } from './registry-copy';
import { serverCredentials } from './server-credentials';

/** Room left under the broker's max_payload for the envelope headers. */
const HEADER_HEADROOM_BYTES = 8_192;
const SHUTDOWN_GRACE_MS = 5_000;

/** A running gateway. */
export interface Gateway {
  /** Bound gRPC port. */
  port: number;
  /** The gRPC services served (fully qualified proto names). */
  services: string[];
  registry: RegistryCopy;
  /** grpc.health.v1 status of the gRPC server (follow the ops readiness with health.follow). */
  health: GrpcHealth;
  /** Health turns NOT_SERVING, stops taking calls, lets those in flight finish (up to 5 s), then stops the registry sync. */
  stop(): Promise<void>;
}

/** Waits for the registry snapshot, then serves every national service over gRPC on config.grpcAddr. */
export async function startGateway(options: {
  nc: NatsConnection;
  logger: Logger;
  tracer: Tracer;
  config: Pick<GatewayConfig, 'grpcAddr' | 'tls' | 'defaultTimeoutMs' | 'maxTimeoutMs' | 'replyGraceMs' | 'registryResyncMs'> &
    Partial<Pick<GatewayConfig, 'grpcServer'>>;
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

  async function handle(m: GatewayMethod, call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>): Promise<void> {
    const started = process.hrtime.bigint();
    const national = m.national;
    const callerId = requestIdOf(call.metadata, national.safeToRepeat);
    const requestId = callerId ?? '';
    // Active for the whole call: every line logged while serving it carries its trace and span ids.
    return tracer.startActiveSpan(
      `ndxp.gateway ${national.service}`,
      { kind: SpanKind.SERVER, attributes: { [SpanAttribute.RequestId]: requestId, [SpanAttribute.RpcMethod]: m.path } },
      extractTrace(metadataCarrier(call.metadata)),
      async (span) => {
        let caller: Caller | undefined;
        let code: string = STATUS_OK;
        const trailer = new Metadata();
        if (requestId) trailer.set(AnswerMetadata.RequestId, requestId);
        try {
          if (!copy.ready) throw new MeshError('server.unavailable', 'the gateway has not loaded the registry yet');
          const now = Date.now();
          caller = authenticate(call.getAuthContext(), call.metadata, copy, now);
          span.setAttribute(SpanAttribute.Consumer, caller.consumer);
          if (callerId === undefined)
            throw new MeshError(
              'client.invalid_argument',
              `${national.service} changes state: send metadata "${RequestMetadata.RequestId}" with your own request id and reuse it on every retry, so that a retry is not served twice`,
              { field: RequestMetadata.RequestId },
            );
          const result = await forward({
            requester,
            link,
            consumer: caller.consumer,
            national,
            payload: call.request,
            metadata: call.metadata,
            requestId,
            deadline: deadlineOf(call.getDeadline(), now, config),
            trace: context.active(),
            replyGraceMs: config.replyGraceMs,
          });
          if (result.receipt) trailer.set(AnswerMetadata.Receipt, result.receipt);
          callback(null, Buffer.from(result.data.buffer, result.data.byteOffset, result.data.byteLength), trailer);
        } catch (err) {
          const e = MeshError.from(err);
          code = e.code;
          if (!isClientError(e.code)) logger.warn({ err, requestId, service: national.service }, 'gateway call failed');
          const grpcError = toGrpcError(e, { requestId });
          grpcError.metadata?.merge(trailer);
          callback(grpcError);
        }
        recordOutcome(span, code);
        span.end();
        metrics?.observe(
          `${national.provider}.${national.service}`,
          caller?.consumer ?? 'unauthenticated',
          code,
          Number(process.hrtime.bigint() - started) / 1e9,
        );
        logger.info(
          {
            consumer: caller?.consumer,
            auth: caller?.method,
            provider: national.provider,
            service: national.service,
            requestId,
            code,
            durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          },
          'gateway call',
        );
      },
    );
  }

  const maxPayload = nc.info?.max_payload ?? 1_048_576;
  const services = gatewayServices();
  const { server, health } = createGrpcServer(
    services.map((s) => s.name),
    config.grpcServer,
    { 'grpc.max_receive_message_length': Math.max(1_024, maxPayload - HEADER_HEADROOM_BYTES) },
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
  try {
    port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(config.grpcAddr, credentials, (err, bound) => (err ? reject(err) : resolve(bound)));
    });
  } catch (err) {
    sync.stop();
    requester.close();
    throw err;
  }

  return {
    port,
    services: services.map((s) => s.name),
    registry: copy,
    health,
    stop: async () => {
      health.drain();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, SHUTDOWN_GRACE_MS);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
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
