// The bookkeeping of a reconciliation, apart from JetStream: the events of the stream messages
// walked go in, their request ids are looked up in the ledger a batch at a time, and what the ledger
// lacks (or holds with another outcome than an ok the stream holds) comes out, counted and listed.
import { MeterEvent, Outcome, type MissingEvent, type OutcomeMismatch } from '@ndxp/contracts';
import type { EncodedMeterEvent, LedgeredOutcome } from '@ndxp/store';

/** Outcome.OUTCOME_OK as the number events carry. */
const OUTCOME_OK: number = Outcome.OUTCOME_OK;

/** Request ids looked up in the ledger per call (default). */
export const RECONCILE_LOOKUP_BATCH = 500;
/** Missing events and mismatches listed in a result (the counts go on). */
export const RECONCILE_LIST_LIMIT = 100;

/** Looks a batch of request ids up in the ledger (LedgerStore.finalOutcomes). */
export type OutcomeLookup = (requestIds: readonly string[]) => Promise<Map<string, LedgeredOutcome>>;

/** What the tally has found so far. */
export interface TallyResult {
  eventsScanned: number;
  missing: number;
  firstMissing: MissingEvent[];
  outcomeMismatches: number;
  firstMismatches: OutcomeMismatch[];
  beyondRetention: number;
}

interface Held {
  event: EncodedMeterEvent;
  streamSeq: number;
  subject: string;
}

/** The routing instance that published an event: its own field, else the batch subject's last token. */
export function routingInstanceOf(event: EncodedMeterEvent, subject: string): string {
  try {
    const own = MeterEvent.decode(event.bytes).routingInstance;
    if (own) return own;
  } catch {
    // The ledger's scan read it; a full decode failing only loses the instance name.
  }
  return subject.split('.').at(-1) ?? '';
}

/** Counts and lists the stream events the ledger lacks; feed it in stream order. */
export class ReconcileTally {
  private held: Held[] = [];
  private heldIds = new Set<string>();
  private readonly result: TallyResult = {
    eventsScanned: 0,
    missing: 0,
    firstMissing: [],
    outcomeMismatches: 0,
    firstMismatches: [],
    beyondRetention: 0,
  };

  constructor(
    private readonly lookup: OutcomeLookup,
    private readonly options: {
      /** Request ids per lookup. */
      batchIds?: number;
      /** Events received before this (epoch ms) may be purged by retention: counted, not checked. */
      retentionCutoffMs?: number;
      /** Lets the event loop run between lookups (default: one setImmediate). */
      yieldToLoop?: () => Promise<void>;
    } = {},
  ) {}

  /** Adds the events of one stream message; looks up (and yields to the event loop) whenever a batch is full. */
  async addMessage(streamSeq: number, subject: string, events: readonly EncodedMeterEvent[]): Promise<void> {
    const batch = this.options.batchIds ?? RECONCILE_LOOKUP_BATCH;
    for (const event of events) {
      this.result.eventsScanned++;
      if (event.receivedAtMs < (this.options.retentionCutoffMs ?? 0)) {
        this.result.beyondRetention++;
        continue;
      }
      this.held.push({ event, streamSeq, subject });
      this.heldIds.add(event.requestId);
      if (this.heldIds.size >= batch) await this.flush();
    }
  }

  /** Looks up what is held; call once more after the last message. */
  async flush(): Promise<void> {
    if (this.held.length === 0) return;
    const held = this.held;
    const ids = [...this.heldIds];
    this.held = [];
    this.heldIds = new Set();
    const found = await this.lookup(ids);
    for (const h of held) this.check(h, found.get(h.event.requestId));
    await (this.options.yieldToLoop ?? (() => new Promise<void>((resolve) => setImmediate(resolve))))();
  }

  /** The counts and lists so far (flush first for the events still held). */
  get(): TallyResult {
    return { ...this.result, firstMissing: [...this.result.firstMissing], firstMismatches: [...this.result.firstMismatches] };
  }

  private check({ event, streamSeq, subject }: Held, ledgered: LedgeredOutcome | undefined): void {
    const r = this.result;
    if (!ledgered) {
      r.missing++;
      if (r.firstMissing.length < RECONCILE_LIST_LIMIT) {
        r.firstMissing.push({
          requestId: event.requestId,
          code: event.code,
          streamSeq,
          receivedAtMs: event.receivedAtMs,
          routingInstance: routingInstanceOf(event, subject),
          consumer: event.consumer,
          provider: event.provider,
          service: event.service,
        });
      }
      return;
    }
    // An ok replaces any error in the ledger (ledger-outcome.ts), so a ledgered error under an ok
    // the stream holds is no retry: the ok was lost. An error event under an ok ledgered, or one
    // error under another, is what retries legitimately leave.
    if (event.outcome === OUTCOME_OK && ledgered.outcome !== OUTCOME_OK) {
      r.outcomeMismatches++;
      if (r.firstMismatches.length < RECONCILE_LIST_LIMIT) {
        r.firstMismatches.push({
          requestId: event.requestId,
          streamSeq,
          ledgerCode: ledgered.code,
          receivedAtMs: event.receivedAtMs,
          routingInstance: routingInstanceOf(event, subject),
        });
      }
    }
  }
}
