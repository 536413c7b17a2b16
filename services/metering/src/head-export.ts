// The ledger's chain head exported now and then (issue 14, power loss): to the metrics
// (ndxp_ledger_chain_seq) and to the registry's audit trail (RecordLedgerHead over NATS), so a tail
// the ledger later lacks (lost in a power loss, cut off by a restored backup) is found by
// `ndxp audit verify`, which compares the ledger with the last head exported.
import type { NatsConnection } from '@nats-io/nats-core';
import { Header, LedgerHead, MeshError, RecordLedgerHeadResponse, subjects } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';
import type { LedgerStore } from '@ndxp/store';
import { Gauge, type Registry } from 'prom-client';

/** A running export. */
export interface HeadExport {
  /** Exports once more (the head at shutdown), then stops. */
  stop(): Promise<void>;
}

/** Exports the head every intervalMs when it moved since the last export. */
export function startHeadExport(options: {
  store: LedgerStore;
  nc: NatsConnection;
  instance: string;
  logger: Logger;
  intervalMs: number;
  registry?: Registry | undefined;
}): HeadExport {
  const { store, nc, instance, logger } = options;
  const gauge = options.registry
    ? new Gauge({ name: 'ndxp_ledger_chain_seq', help: 'Sequence number of the ledger chain head', registers: [options.registry] })
    : undefined;
  let exported = -1;
  let running: Promise<void> = Promise.resolve();
  const exportOnce = async (): Promise<void> => {
    const tail = await store.chainTail();
    gauge?.set(tail.seq);
    if (tail.seq === exported || tail.seq === 0) return;
    const head = { instance, seq: tail.seq, hash: tail.hash.toString('hex') };
    const reply = await nc.request(subjects.registry('RecordLedgerHead'), LedgerHead.encode(head).finish(), { timeout: 5_000 });
    const failure = reply.headers ? MeshError.fromHeaders(reply.headers) : undefined;
    if (failure) throw failure;
    if (reply.headers?.get(Header.Status) !== 'ok') throw new MeshError('server.internal', 'the registry answered without a status');
    RecordLedgerHeadResponse.decode(reply.data);
    exported = tail.seq;
    logger.info(head, 'ledger head exported to the audit trail');
  };
  const tick = (): void => {
    running = running.then(exportOnce).catch((err: unknown) => logger.warn({ err }, 'ledger head not exported; trying again later'));
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      tick();
      await running;
    },
  };
}
