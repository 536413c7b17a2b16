// Reconciliation of the ledger against the meter stream (issue 14): routing answers a consumer only
// after JetStream has stored the transaction's meter event, so the stream is the record of what was
// acknowledged. This walks METER_STREAM with an ordered consumer, from a time or a stream sequence up
// to the metering durable's ack floor (events past it are pending, not missing), reads each message
// as ingest does (the wire scan: request id, outcome, code and received time, nothing decoded
// beyond them; routing's batches carry no per-event headers), and looks the request ids up in the
// ledger a batch at a time (ReconcileTally).
import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { nuid, type NatsConnection } from '@nats-io/nats-core';
import { MeshError, METER_DURABLE, METER_STREAM, type ReconcileLedgerRequest, type ReconcileLedgerResponse } from '@ndxp/contracts';
import type { LedgerStore } from '@ndxp/store';
import { decodeMeterMessage } from './meter-event-decoder';
import { ReconcileTally } from './reconcile-tally';

/** Messages asked per fetch at most; fewer when messages hold many events (seed-history's 4,000). */
const FETCH_MAX_MESSAGES = 500;
/** Events one fetch aims at, so that a fetch of large messages stays small in memory. */
const FETCH_TARGET_EVENTS = 20_000;
/** How long one fetch waits for messages (the stream holds them already: only the last fetch waits). */
const FETCH_EXPIRES_MS = 2_000;

/** Where a walk starts: a time, a stream sequence, or (neither) the stream's first message. */
export type ReconcileStart = { sinceMs: number } | { fromSeq: number } | Record<string, never>;

/** How far a long walk has got. */
export interface ReconcileProgress {
  seq: number;
  ackFloor: number;
  eventsScanned: number;
  missing: number;
}

export interface ReconcileOptions {
  nc: NatsConnection;
  store: LedgerStore;
  start: ReconcileStart;
  /** Events received before this (epoch ms) may have been purged by retention: not checked (0: none). */
  retentionCutoffMs?: number;
  /** Request ids per ledger lookup (500). */
  batchIds?: number;
  /** Told how far the walk has got, at most every progressEveryMs. */
  onProgress?: (p: ReconcileProgress) => void;
  /** 10 s. */
  progressEveryMs?: number;
  /** Ends the walk between two fetches (metering stopping). */
  signal?: AbortSignal;
}

/** The request as a start; since_ms and from_seq together, or a negative time, is client.invalid_argument. */
export function reconcileStart(req: ReconcileLedgerRequest): ReconcileStart {
  if (req.sinceMs < 0) throw new MeshError('client.invalid_argument', 'since_ms must not be negative', { field: 'since_ms' });
  if (req.sinceMs > 0 && req.fromSeq > 0) {
    throw new MeshError('client.invalid_argument', 'give since_ms or from_seq, not both', { field: 'from_seq' });
  }
  if (req.fromSeq > 0) return { fromSeq: req.fromSeq };
  if (req.sinceMs > 0) return { sinceMs: req.sinceMs };
  return {};
}

/** An answer with nothing walked. */
function emptyAnswer(ackFloor: number, startMs: number, pending: number): ReconcileLedgerResponse {
  return {
    eventsScanned: 0,
    firstSeq: 0,
    lastSeq: 0,
    ackFloor,
    missing: 0,
    firstMissing: [],
    outcomeMismatches: 0,
    firstMismatches: [],
    startMs,
    undecodable: 0,
    beyondRetention: 0,
    pending,
    ok: true,
  };
}

/** Walks the meter stream from the start up to the durable's ack floor and compares it with the ledger. */
export async function reconcileLedger(options: ReconcileOptions): Promise<ReconcileLedgerResponse> {
  const { nc, store, start } = options;
  const jsm = await jetstreamManager(nc);
  // The ack floor first: every message at or below it was ledgered (or terminated as poison) when
  // the stream is read afterwards.
  const durable = await jsm.consumers.info(METER_STREAM, METER_DURABLE);
  const ackFloor = durable.ack_floor.stream_seq;
  const state = (await jsm.streams.info(METER_STREAM)).state;
  const pending = Math.max(0, state.last_seq - ackFloor);
  const sinceMs = 'sinceMs' in start ? start.sinceMs : 0;
  const fromSeq = 'fromSeq' in start ? Math.max(start.fromSeq, state.first_seq) : sinceMs ? 0 : state.first_seq;
  if (state.messages === 0 || ackFloor < Math.max(1, fromSeq)) return emptyAnswer(ackFloor, sinceMs, pending);

  const ordered = await jetstream(nc).consumers.get(METER_STREAM, {
    name_prefix: `metering_reconcile_${nuid.next()}`,
    ...(sinceMs ? { opt_start_time: new Date(sinceMs).toISOString() } : { opt_start_seq: fromSeq }),
  });
  const tally = new ReconcileTally((ids) => store.finalOutcomes(ids), {
    ...(options.batchIds === undefined ? {} : { batchIds: options.batchIds }),
    retentionCutoffMs: options.retentionCutoffMs ?? 0,
  });
  let firstSeq = 0;
  let lastSeq = 0;
  let startMs = sinceMs;
  let undecodable = 0;
  let eventsPerMessage = 1;
  let told = Date.now();
  const progressEveryMs = options.progressEveryMs ?? 10_000;
  try {
    // Messages from the start to the end of the stream when the consumer was made: a fetch asks for
    // no more than are left (up to the ack floor), so it ends when they are delivered, not at its expiry.
    let unread = (await ordered.info(true)).num_pending;
    let done = unread === 0;
    while (!done) {
      if (options.signal?.aborted) throw new MeshError('server.unavailable', 'the reconciliation was stopped (metering is stopping)');
      const left = Math.min(unread, lastSeq ? ackFloor - lastSeq : unread);
      const max = Math.max(1, Math.min(left, FETCH_MAX_MESSAGES, Math.floor(FETCH_TARGET_EVENTS / eventsPerMessage)));
      const msgs: JsMsg[] = [];
      for await (const m of await ordered.fetch({ max_messages: max, expires: FETCH_EXPIRES_MS })) msgs.push(m);
      if (msgs.length === 0) break; // the stream holds nothing more from here
      unread -= msgs.length;
      for (const m of msgs) {
        if (done || m.seq > ackFloor) {
          done = true;
          break;
        }
        if (!firstSeq) {
          firstSeq = m.seq;
          if (!startMs) startMs = Number(m.timestampNanos / 1_000_000n);
        }
        lastSeq = m.seq;
        const decoded = decodeMeterMessage(m.subject, m.data);
        if (decoded.ok) {
          eventsPerMessage = Math.max(1, decoded.events.length);
          await tally.addMessage(m.seq, m.subject, decoded.events);
        } else undecodable++;
        if (m.seq >= ackFloor || m.info.pending === 0) done = true;
      }
      if (unread <= 0) done = true;
      if (options.onProgress && Date.now() - told >= progressEveryMs) {
        told = Date.now();
        const t = tally.get();
        options.onProgress({ seq: lastSeq, ackFloor, eventsScanned: t.eventsScanned, missing: t.missing });
      }
      // Between fetches the event loop runs even when no lookup batch filled up.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await tally.flush();
  } finally {
    await ordered.delete().catch(() => undefined);
  }
  const t = tally.get();
  return {
    eventsScanned: t.eventsScanned,
    firstSeq,
    lastSeq,
    ackFloor,
    missing: t.missing,
    firstMissing: t.firstMissing,
    outcomeMismatches: t.outcomeMismatches,
    firstMismatches: t.firstMismatches,
    startMs,
    undecodable,
    beyondRetention: t.beyondRetention,
    pending,
    ok: t.missing === 0 && t.outcomeMismatches === 0,
  };
}
