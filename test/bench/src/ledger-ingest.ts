// Ledger ingest: events per second appended into a LedgerStore in batches, as the metering
// consumer does (one append per fetched batch). Pure measurement, no JetStream in the way. Two
// paths: events as objects (store.append), or as metering takes them off JetStream (the batch's
// protobuf bytes read by scanMeterEventBatch, appended in chunks with the chain hashed ahead).
import { MeterEvent, MeterEventBatch, Outcome } from '@ndxp/contracts';
import { appendInChunks, scanMeterEventBatch, type ChainHasher, type LedgerStore } from '@ndxp/store';

/** What one ingest run measured. */
export interface IngestResult {
  store: string;
  events: number;
  batchSize: number;
  seconds: number;
  eventsPerSecond: number;
  /** Slowest and median batch append, ms. */
  batchP50Ms: number;
  batchMaxMs: number;
  /** Entries the store reports afterwards (must equal events: a check, not a figure). */
  entries: number;
}

const CONSUMERS = ['TINH-01-LGSP', 'TINH-79-LGSP', 'TINH-48-LGSP', 'BO-BTP-LGSP', 'BO-BCA-LGSP'];
const PROVIDERS: [string, string][] = [
  ['BO-BKHDT-DKDN', 'GetEnterprise'],
  ['BO-BTP-HOTICH', 'GetCivilStatusRecord'],
  ['BO-BTC-MSNS', 'GetBudgetUnit'],
];

/** The i-th synthetic event of a run: spread over consumers, providers, 30 days and a few outcomes. */
export function ingestEvent(run: string, i: number, baseMs: number): MeterEvent {
  const [provider, service] = PROVIDERS[i % PROVIDERS.length]!;
  const failed = i % 50 === 0;
  return MeterEvent.fromPartial({
    requestId: `${run}-${i}`,
    consumer: CONSUMERS[i % CONSUMERS.length]!,
    provider,
    service,
    version: 'v1',
    outcome: failed ? Outcome.OUTCOME_SERVER_ERROR : Outcome.OUTCOME_OK,
    code: failed ? 'upstream.unavailable' : 'ok',
    officer: `officer-${i % 97}`,
    purpose: `HS-${i % 1000}`,
    receivedAtMs: baseMs + (i % 30) * 86_400_000 + (i % 1000),
    durationUs: 800 + (i % 400),
    requestBytes: 48,
    responseBytes: 450,
    routingInstance: 'routing-bench',
    traceId: (i + 1).toString(16).padStart(32, '0'),
  });
}

/** Appends `events` events in batches of `batchSize`, reporting progress about every 10%. */
export async function runIngest(
  name: string,
  store: LedgerStore,
  events: number,
  batchSize: number,
  progress: (line: string) => void,
  wire?: { hasher?: ChainHasher },
): Promise<IngestResult> {
  const run = `ingest-${Date.now().toString(36)}`;
  const baseMs = Date.UTC(2024, 0, 1);
  const batchMs: number[] = [];
  const step = Math.max(batchSize, Math.ceil(events / 10 / batchSize) * batchSize);
  const t0 = process.hrtime.bigint();
  for (let start = 0; start < events; start += batchSize) {
    const batch: MeterEvent[] = [];
    for (let i = start; i < Math.min(events, start + batchSize); i++) batch.push(ingestEvent(run, i, baseMs));
    // The wire path starts from the batch's bytes, as a JetStream message brings them (encoding untimed).
    const bytes = wire ? MeterEventBatch.encode({ events: batch }).finish() : undefined;
    const b0 = process.hrtime.bigint();
    if (bytes) {
      const scanned = scanMeterEventBatch(bytes);
      if (!scanned.ok) throw new Error(`bench batch unreadable: ${scanned.reason}`);
      await appendInChunks(store, scanned.events, { hasher: wire?.hasher });
    } else {
      await store.append(batch);
    }
    batchMs.push(Number(process.hrtime.bigint() - b0) / 1e6);
    const done = Math.min(events, start + batchSize);
    if (done % step === 0 || done === events) {
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      progress(
        `ingest ${name}: ${done.toLocaleString('en')}/${events.toLocaleString('en')} events, ${Math.round(done / s).toLocaleString('en')} events/s`,
      );
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const sorted = [...batchMs].sort((a, b) => a - b);
  return {
    store: name,
    events,
    batchSize,
    seconds,
    eventsPerSecond: events / seconds,
    batchP50Ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
    batchMaxMs: sorted[sorted.length - 1] ?? 0,
    entries: (await store.stats()).entries,
  };
}
