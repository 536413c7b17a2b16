// `ndxp seed-history`: synthetic usage for a period, through the same ingest path as live traffic:
// MeterEventBatch messages on JetStream (ndxp.meter._seed.<run>, one message id per batch so a
// re-published batch is stored once) that metering ledgers with the same decoder and store. Request
// ids (seed-<run>-<n in base 36, zero-padded>) grow with the synthetic time, so the ledger's
// request-id and time indexes are appended to rather than split at random places.
// Consumers are the registry's 85 LGSPs (weighted), providers and services follow their grants,
// outcomes are mostly ok with realistic error codes, the monthly shape is the source's or flat.
import type { NatsConnection } from '@nats-io/nats-core';
import { headers } from '@nats-io/nats-core';
import {
  BUDGET_UNITS_PROVIDER,
  BUSINESS_REGISTRATION_PROVIDER,
  CIVIL_STATUS_PROVIDER,
  LedgerStatsRequest,
  LedgerStatsResponse,
  type MeterEvent,
  MeterEventBatch,
  Outcome,
  RegistrySnapshot,
  SnapshotRequest,
  VNPOST_PROVIDER,
  subjects,
  vietnamDayStartMs,
} from '@ndxp/contracts';
import { randomBytes } from 'node:crypto';
import { type Shape, dailyCounts } from './daily-counts';
import { period, wholeNumber } from './inputs';
import { checkMonthPins } from './month-pins';
import { CONNECT_HELP, CONNECT_OPTIONS, UsageError, connectWith, natsSettings, parse } from './args';
import { ask } from './queries';

export const SEED_HISTORY_HELP = `Usage: ndxp seed-history --from YYYY-MM-DD --to YYYY-MM-DD --total N [--month YYYY-MM=N ...]
                         [--shape source|flat] [--batch N] [--in-flight N] [--seed TEXT] [--no-wait]

Publishes N synthetic transactions for the period to the metering stream, as live traffic reaches
it, and (unless --no-wait) waits until metering has ledgered them, printing progress (events/s, ETA).
Days are Vietnam days (Asia/Ho_Chi_Minh): each day's events fall from 00:00 to 24:00 in Hà Nội.
  --shape source   the source's 2021 shape: growing to September, October more than 3x September (default)
  --shape flat     the same volume every day
  --month YYYY-MM=N  exactly N events in that month (repeatable; a month of the period); the rest of
                   --total goes to the other months in the shape's proportions
  --batch N        events per JetStream message (4000, split when over the server's max_payload)
  --in-flight N    unacknowledged messages (16)
  --seed TEXT      run id and random seed (random); request ids are seed-<run>-<n>
Example (the source's Jan-Oct 2021): --from 2021-01-01 --to 2021-10-31 --total 64023858 --month 2021-10=18530176
${CONNECT_HELP}`;

const DAY_MS = 86_400_000;

/** Share of traffic per national system, and the services a grant may name. */
const PROVIDER_WEIGHT: Record<string, number> = {
  [BUSINESS_REGISTRATION_PROVIDER]: 0.5,
  [CIVIL_STATUS_PROVIDER]: 0.25,
  [BUDGET_UNITS_PROVIDER]: 0.1,
  [VNPOST_PROVIDER]: 0.15,
};
const PROVIDER_MEDIAN_US: Record<string, number> = {
  [BUSINESS_REGISTRATION_PROVIDER]: 35_000,
  [CIVIL_STATUS_PROVIDER]: 60_000,
  [BUDGET_UNITS_PROVIDER]: 25_000,
  [VNPOST_PROVIDER]: 90_000,
};
/** Outcomes: [cumulative probability, outcome, code]. */
const OUTCOMES: [number, Outcome, string][] = [
  [0.975, Outcome.OUTCOME_OK, 'ok'],
  [0.985, Outcome.OUTCOME_CLIENT_ERROR, 'client.not_found'],
  [0.99, Outcome.OUTCOME_CLIENT_ERROR, 'client.invalid_argument'],
  [0.993, Outcome.OUTCOME_CLIENT_ERROR, 'client.rate_limited'],
  [0.997, Outcome.OUTCOME_SERVER_ERROR, 'server.timeout'],
  [1, Outcome.OUTCOME_SERVER_ERROR, 'server.upstream_failure'],
];

/** A small seeded PRNG (mulberry32): the same seed gives the same history. */
export function prng(seed: string): () => number {
  let a = 0x9e3779b9;
  for (const ch of seed) a = Math.imul(a ^ ch.charCodeAt(0), 0x85ebca6b);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Route {
  consumer: string;
  provider: string;
  service: string;
}

/** Consumer × granted service routes with cumulative weights: LGSPs weighted (a few large provinces and ministries lead). */
export function seedRoutes(snapshot: RegistrySnapshot, random: () => number): { routes: Route[]; cumulative: number[] } {
  const lgsps = snapshot.subsystems.filter((s) => s.subsystemCode === 'LGSP' && (s.memberClass === 'BO' || s.memberClass === 'TINH'));
  const routes: Route[] = [];
  const weights: number[] = [];
  for (const s of lgsps) {
    // A heavy-tailed agency weight: most agencies small, some ten times busier.
    const agency = 0.2 + (-Math.log(1 - random() * 0.999)) ** 1.5;
    const grants = snapshot.grants.filter((g) => g.consumer === s.token && PROVIDER_WEIGHT[g.provider] !== undefined);
    for (const g of grants) {
      const perProvider = grants.filter((x) => x.provider === g.provider).length;
      routes.push({ consumer: g.consumer, provider: g.provider, service: g.service });
      weights.push((agency * PROVIDER_WEIGHT[g.provider]!) / perProvider);
    }
  }
  if (routes.length === 0) throw new UsageError('the registry has no LGSP with a grant on a national system: nothing to seed');
  let acc = 0;
  const total = weights.reduce((n, w) => n + w, 0);
  return { routes, cumulative: weights.map((w) => (acc += w / total)) };
}

function pick(cumulative: number[], r: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function seqId(run: string, n: number): string {
  return `seed-${run}-${n.toString(36).padStart(8, '0')}`;
}

/** Runs the seed-history command. */
export async function runSeedHistory(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    total: { type: 'string' },
    month: { type: 'string', multiple: true },
    shape: { type: 'string' },
    batch: { type: 'string' },
    'in-flight': { type: 'string' },
    seed: { type: 'string' },
    'no-wait': { type: 'boolean' },
    ...CONNECT_OPTIONS,
  });
  if (values.help) {
    process.stdout.write(`${SEED_HISTORY_HELP}\n`);
    return 0;
  }
  if (!values.from || !values.to) throw new UsageError('--from and --to are required (days YYYY-MM-DD, Vietnam calendar)');
  period(values.from, values.to);
  if (values.total === undefined) throw new UsageError('--total is required (the number of events of the period)');
  const total = wholeNumber('--total', values.total, 1);
  const shape = (values.shape ?? 'source') as Shape;
  if (shape !== 'source' && shape !== 'flat') throw new UsageError(`--shape must be source or flat, got ${values.shape}`);
  const pins = checkMonthPins(values.month ?? [], values.from, values.to, total);
  const batchSize = Number(values.batch ?? 4000);
  const inFlight = Number(values['in-flight'] ?? 16);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20_000) throw new UsageError('--batch must be 1-20000');
  if (!Number.isInteger(inFlight) || inFlight < 1 || inFlight > 256) throw new UsageError('--in-flight must be 1-256');
  const run = (values.seed ?? randomBytes(4).toString('hex')).replace(/[^A-Za-z0-9_-]/g, '');
  const random = prng(run);
  const nc = await connectWith(natsSettings(values));
  try {
    const snapshot = RegistrySnapshot.decode(
      (await nc.request(subjects.registry('Snapshot'), SnapshotRequest.encode({}).finish(), { timeout: 5_000 })).data,
    );
    const { routes, cumulative } = seedRoutes(snapshot, random);
    const stats = () => ask(nc, 'metering', 'LedgerStats', LedgerStatsRequest, {}, LedgerStatsResponse);
    const startEntries = values['no-wait'] ? 0 : (await stats()).entries;
    // Metering answers between ledger transactions; under a heavy backlog an answer may come late:
    // progress then keeps its last figure, and only a minute without any answer ends the run.
    let statsFailedSince = 0;
    const ledgeredNow = async (): Promise<number> => {
      try {
        const entries = (await stats()).entries;
        statsFailedSince = 0;
        return Math.max(0, entries - startEntries);
      } catch (err) {
        statsFailedSince ||= Date.now();
        if (Date.now() - statsFailedSince > 60_000) throw err;
        return ledgered;
      }
    };
    const days = dailyCounts(values.from, values.to, total, shape, pins);
    const subject = subjects.meterSeed(run);
    const maxPayload = nc.info?.max_payload ?? 1024 * 1024;
    const outcomeCumulative = OUTCOMES.map((x) => x[0]);
    const t0 = Date.now();
    let lastPrint = 0;
    let published = 0;
    let ledgered = 0;
    const progress = (force = false): void => {
      const now = Date.now();
      if (!force && now - lastPrint < 2_000) return;
      lastPrint = now;
      const s = (now - t0) / 1000;
      const rate = ledgered / s;
      const eta = rate > 0 ? Math.round((total - ledgered) / rate) : NaN;
      process.stderr.write(
        `seed-history ${run}: published ${published.toLocaleString('en-US')}/${total.toLocaleString('en-US')}, ` +
          `ledgered ${ledgered.toLocaleString('en-US')} (${Math.round(rate).toLocaleString('en-US')} events/s), ` +
          `elapsed ${Math.round(s)} s${Number.isFinite(eta) ? `, ETA ${eta} s` : ''}\n`,
      );
    };
    const pending = new Set<Promise<void>>();
    let n = 0;
    let batchNo = 0;
    let events: MeterEvent[] = [];
    /** Publishes one batch (halved until it fits the server's max_payload), keeping inFlight unacknowledged. */
    const send = async (batch: MeterEvent[]): Promise<void> => {
      const data = MeterEventBatch.encode({ events: batch }).finish();
      if (data.length > maxPayload - 4096 && batch.length > 1) {
        const half = batch.length >> 1;
        await send(batch.slice(0, half));
        await send(batch.slice(half));
        return;
      }
      const h = headers();
      h.set('Nats-Msg-Id', `seed-${run}-batch-${batchNo++}`);
      const p = publish(nc, subject, data, h).then(() => {
        published += batch.length;
        pending.delete(p);
      });
      pending.add(p);
      if (pending.size >= inFlight) await Promise.race(pending);
    };
    const flush = async (): Promise<void> => {
      if (!events.length) return;
      const batch = events;
      events = [];
      await send(batch);
      if (!values['no-wait'] && batchNo % 50 === 0) ledgered = await ledgeredNow();
      progress();
    };
    for (const { day: d, count } of days) {
      for (let i = 0; i < count; i++) {
        const route = routes[pick(cumulative, random())]!;
        const o = OUTCOMES[pick(outcomeCumulative, random())]!;
        // Log-normal-ish latency around the system's median; times spread over the day in order.
        const durationUs = Math.round(PROVIDER_MEDIAN_US[route.provider]! * Math.exp((random() + random() + random() - 1.5) * 1.2));
        const receivedAtMs = vietnamDayStartMs(d) + Math.floor(((i + random()) / count) * DAY_MS);
        events.push({
          requestId: seqId(run, n++),
          consumer: route.consumer,
          provider: route.provider,
          service: route.service,
          version: 'v1',
          outcome: o[1],
          code: o[2],
          officer: `can-bo-${Math.floor(random() * 500)}`,
          purpose: `HS-${d}-${i % 997}`,
          receivedAtMs,
          durationUs,
          requestBytes: 180 + Math.floor(random() * 120),
          responseBytes: o[1] === Outcome.OUTCOME_OK ? 900 + Math.floor(random() * 1500) : 0,
          routingInstance: `seed-${run}`,
          traceId: '',
          forwardedAtMs: receivedAtMs + 1,
          answeredAtMs: receivedAtMs + 1 + Math.round(durationUs / 1000),
          respondedAtMs: receivedAtMs + 2 + Math.round(durationUs / 1000),
          adapterInstance: o[2] === 'server.timeout' ? '' : `${route.provider.toLowerCase()}-seed`,
          quotaTaken: false,
        });
        if (events.length >= batchSize) await flush();
      }
    }
    await flush();
    await Promise.all(pending);
    progress(true);
    if (!values['no-wait']) {
      while (ledgered < total) {
        await new Promise((r) => setTimeout(r, 500));
        ledgered = await ledgeredNow();
        progress();
      }
      progress(true);
    }
    const s = (Date.now() - t0) / 1000;
    process.stdout.write(
      `seed-history ${run}: ${total.toLocaleString('en-US')} events ${values['no-wait'] ? 'published' : 'ledgered'} in ${s.toFixed(1)} s ` +
        `(${Math.round(total / s).toLocaleString('en-US')} events/s), ${values.from} .. ${values.to}, shape ${shape}` +
        [...pins].map(([month, n]) => `, ${month} pinned at ${n.toLocaleString('en-US')}`).join('') +
        '\n',
    );
    return 0;
  } finally {
    await nc.close();
  }
}

/** Publishes one message to JetStream over core NATS (the reply is the stream's PubAck) and checks the ack. */
async function publish(nc: NatsConnection, subject: string, data: Uint8Array, h: ReturnType<typeof headers>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const reply = await nc.request(subject, data, { headers: h, timeout: 30_000 });
      const ack = JSON.parse(new TextDecoder().decode(reply.data)) as { error?: { description?: string } };
      if (ack.error) throw new Error(`JetStream refused a seed batch: ${ack.error.description ?? 'unknown error'}`);
      return;
    } catch (err) {
      // The message id makes a retry of an already stored batch a duplicate, not a second copy.
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}
