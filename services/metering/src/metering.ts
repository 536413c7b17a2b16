// The metering service in one call: stream and durable consumer ensured, the consumer loop
// ledgering events, and the query API over NATS and (unless off) gRPC.
import type { NatsConnection } from '@nats-io/nats-core';
import { MeteringDefinition, MeteringService, subjects } from '@ndxp/contracts';
import { ensureMeterStream, methodTable, serveGrpcApi, serveNatsApi, type GrpcApi, type Logger } from '@ndxp/runtime';
import type { LedgerStore } from '@ndxp/store';
import { parseGrpcAddr, type GrpcAddress } from './config';
import { ensureMeterConsumer, startMeterConsumer, type MeterConsumerCounters } from './meter-consumer';
import { meteringHandlers } from './query-handlers';

/** Queue group shared by every metering replica. */
export const METERING_QUEUE = 'ndxp-metering';

export interface MeteringOptions {
  nc: NatsConnection;
  /** The ledger; the caller opens it and closes it after stop(). */
  store: LedgerStore;
  logger: Logger;
  /** gRPC listen address ("host:port", port 0 = free port); undefined or "off" serves NATS only. */
  grpcAddr?: GrpcAddress | string | undefined;
  /** Most events per fetch and per ledger transaction (default 500). */
  batchSize?: number;
  /** How long one fetch waits for a full batch, ms (default and minimum 1000). */
  fetchExpiresMs?: number;
  /** Redelivery delay of a batch the store refused, ms (default 2000). */
  retryDelayMs?: number;
}

/** A running metering service. */
export interface Metering {
  /** Port of the gRPC query API, undefined when it is off. */
  grpcPort: number | undefined;
  readonly counters: MeterConsumerCounters;
  /** Stops consuming (finishing the batch in flight) and serving queries; leaves the store open. */
  stop(): Promise<void>;
}

/** Starts metering on an open NATS connection and ledger store. */
export async function startMetering(options: MeteringOptions): Promise<Metering> {
  const { nc, store, logger } = options;
  const grpcAddr = typeof options.grpcAddr === 'string' ? parseGrpcAddr(options.grpcAddr, 'grpcAddr') : options.grpcAddr;
  await ensureMeterConsumer(await ensureMeterStream(nc));

  const methods = methodTable(MeteringDefinition, meteringHandlers(store));
  const nats = await serveNatsApi(nc, methods, { subject: subjects.metering, queue: METERING_QUEUE, logger });
  let grpc: GrpcApi | undefined;
  try {
    if (grpcAddr) {
      const host = grpcAddr.host.includes(':') ? `[${grpcAddr.host}]` : grpcAddr.host;
      grpc = await serveGrpcApi(`${host}:${grpcAddr.port}`, MeteringService, methods, logger);
    }
  } catch (err) {
    await nats.stop();
    throw err;
  }
  const consumer = await startMeterConsumer({
    nc,
    store,
    logger,
    batchSize: options.batchSize ?? 500,
    ...(options.fetchExpiresMs === undefined ? {} : { fetchExpiresMs: options.fetchExpiresMs }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  }).catch(async (err: unknown) => {
    await Promise.all([nats.stop(), grpc?.stop()]);
    throw err;
  });

  let stopped: Promise<void> | undefined;
  return {
    grpcPort: grpc?.port,
    counters: consumer.counters,
    stop(): Promise<void> {
      stopped ??= (async () => {
        await consumer.stop();
        await Promise.all([nats.stop(), grpc?.stop()]);
      })();
      return stopped;
    },
  };
}
