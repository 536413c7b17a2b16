// What a routing replica that dies holding a quota block leaves behind, and who gives it back
// (real nats-server, the JetStream key-value bucket and the metering stream). The replicas are
// QuotaLeases of their own runs; the meter batches a run published are written here as routing
// writes them (quota_taken set on each request that took a token).
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import { LIMITS_BUCKET, MeterEvent, MeterEventBatch, subjects } from '@ndxp/contracts';
import { ensureMeterStream } from '@ndxp/runtime';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { vietnamDayNumber } from '@ndxp/contracts';
import { QuotaLeases, type PeerView } from './quota-leases';
import { reclaimGone } from './quota-reclaim';

const QUOTA = 1000;
const noErrors = (op: string, err: Error): void => {
  throw new Error(`${op}: ${err.message}`);
};

/** A peer view in which only `alive` runs are heard from, listened long enough to tell. */
const peersOf = (alive: string[]): PeerView => ({ aliveRuns: () => new Set(alive), settled: true, onLeft: () => undefined });

describe('QuotaLeases: a dead replica’s block', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  const opened: QuotaLeases[] = [];
  let consumerNo = 0;

  const open = async (run: string, alive: string[] = []): Promise<QuotaLeases> => {
    const q = await QuotaLeases.open(
      nc,
      { timeoutMs: 2000, replicas: 1, liveReplicas: () => 1, run, peers: peersOf(alive), autoReclaim: false },
      noErrors,
    );
    opened.push(q);
    return q;
  };
  const takeAll = async (q: QuotaLeases, consumer: string, n: number): Promise<string[]> => {
    const day = vietnamDayNumber(Date.now());
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(await q.take(consumer, day, QUOTA));
    return out;
  };
  /** Publishes the meter batch routing run `run` would have for `n` requests that took a token. */
  const meterBatch = async (run: string, consumer: string, n: number, times = 1): Promise<void> => {
    const now = Date.now();
    const events = Array.from({ length: n }, (_, i) =>
      MeterEvent.fromPartial({ requestId: `${run}-${consumer}-${i}`, consumer, code: 'ok', receivedAtMs: now, quotaTaken: true }),
    );
    const batch = MeterEventBatch.encode({ events }).finish();
    for (let i = 0; i < times; i++) await jetstream(nc).publish(subjects.meterBatch(run), batch);
  };
  const granted = async (consumer: string): Promise<number> => {
    const kv = await new Kvm(nc).open(LIMITS_BUCKET);
    const e = await kv.get(`${consumer}.${vietnamDayNumber(Date.now())}`);
    return Number(e?.string() ?? 0);
  };
  const heldKeys = async (): Promise<string[]> => {
    const kv = await new Kvm(nc).open(LIMITS_BUCKET);
    const keys: string[] = [];
    for await (const k of await kv.keys('held.>')) keys.push(k);
    return keys.sort();
  };

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    await ensureMeterStream(nc);
  });
  afterAll(async () => {
    for (const q of opened) await q.stop().catch(() => undefined);
    await nc?.close();
    await server?.stop();
  });

  it('gives back what a gone run was granted less what its meter batches say it spent; the count is then what was spent', async () => {
    const consumer = `C${++consumerNo}`;
    const dead = await open('run-a');
    expect(await takeAll(dead, consumer, 10)).toEqual(Array(10).fill('ok'));
    const leased = await granted(consumer);
    expect(leased).toBeGreaterThan(10);
    // Ten answered and metered; the run dies without giving anything back.
    await meterBatch('run-a', consumer, 10);
    const survivor = await open('run-b');
    expect(await survivor.reclaim()).toBe(leased - 10);
    expect(await granted(consumer)).toBe(10);
    expect(await heldKeys()).not.toContain(expect.stringMatching(/^held\.run-a\./));
  });

  it('counts an event stored twice (a batch published again) once, and events of other consumers and days not at all', async () => {
    const consumer = `C${++consumerNo}`;
    const dead = await open('run-c');
    await takeAll(dead, consumer, 5);
    const leased = await granted(consumer);
    await meterBatch('run-c', consumer, 5, 2);
    await meterBatch('run-c', 'SOMEONE-ELSE', 7);
    const yesterday = MeterEvent.fromPartial({ requestId: 'old', consumer, receivedAtMs: Date.now() - 86_400_000, quotaTaken: true });
    const untaken = MeterEvent.fromPartial({ requestId: 'limited', consumer, receivedAtMs: Date.now(), code: 'client.rate_limited' });
    await jetstream(nc).publish(subjects.meterBatch('run-c'), MeterEventBatch.encode({ events: [yesterday, untaken] }).finish());
    const survivor = await open('run-d', []);
    expect(await survivor.reclaim('run-c')).toBe(leased - 5);
    expect(await granted(consumer)).toBe(5);
  });

  it('leaves the blocks of runs heard from alone', async () => {
    const consumer = `C${++consumerNo}`;
    const live = await open('run-e');
    await takeAll(live, consumer, 3);
    const leased = await granted(consumer);
    const other = await open('run-f', ['run-e']);
    expect(await other.reclaim('run-e')).toBe(0);
    expect(await granted(consumer)).toBe(leased);
  });

  it('gives a block back once when two replicas reclaim it at the same moment', async () => {
    const consumer = `C${++consumerNo}`;
    const dead = await open('run-g');
    await takeAll(dead, consumer, 4);
    const leased = await granted(consumer);
    await meterBatch('run-g', consumer, 4);
    const [x, y] = await Promise.all([open('run-h'), open('run-i')]);
    const given = await Promise.all([x.reclaim('run-g'), y.reclaim('run-g')]);
    expect(given.reduce((a, b) => a + b, 0)).toBe(leased - 4);
    expect(await granted(consumer)).toBe(4);
  });

  it('makes a replica taken for gone (frozen, cut off) drop the block reclaimed meanwhile: the quota still holds exactly', async () => {
    const consumer = `C${++consumerNo}`;
    const frozen = await open('run-j');
    expect(await takeAll(frozen, consumer, 6)).toEqual(Array(6).fill('ok'));
    await meterBatch('run-j', consumer, 6);
    const survivor = await open('run-k');
    await survivor.reclaim('run-j');
    // It comes back (a reconnect, or its timer late after a freeze) and takes again.
    frozen.distrust();
    const day = vietnamDayNumber(Date.now());
    let ok = 6;
    for (let i = 0; i < 2 * QUOTA; i++) {
      const [a, b] = await Promise.all([frozen.take(consumer, day, QUOTA), survivor.take(consumer, day, QUOTA)]);
      ok += Number(a === 'ok') + Number(b === 'ok');
      if (a === 'exhausted' && b === 'exhausted') break;
    }
    expect(ok).toBe(QUOTA);
  });

  it('reads no meter batches for a gone run whose records are deleted (it stopped, or was reclaimed)', async () => {
    const consumer = `C${++consumerNo}`;
    const q = await open('run-m');
    await takeAll(q, consumer, 2);
    await meterBatch('run-m', consumer, 2);
    await q.stop();
    const js = jetstream(nc);
    let reads = 0;
    const get = js.consumers.get.bind(js.consumers);
    js.consumers.get = (...args: Parameters<typeof get>) => {
      reads++;
      return get(...args);
    };
    const result = await reclaimGone({
      kv: await new Kvm(nc).open(LIMITS_BUCKET),
      jsm: await jetstreamManager(nc),
      js,
      self: 'run-n',
      alive: new Set(),
      only: 'run-m',
    });
    expect(result).toEqual({ given: 0, records: 0 });
    expect(reads).toBe(0);
  });

  it('deletes its held records when it stops, giving back what it had in hand', async () => {
    const consumer = `C${++consumerNo}`;
    const q = await open('run-l');
    await takeAll(q, consumer, 2);
    expect(await heldKeys()).toContain(`held.run-l.${consumer}.${vietnamDayNumber(Date.now())}`);
    await q.stop();
    expect((await heldKeys()).filter((k) => k.startsWith('held.run-l.'))).toEqual([]);
    expect(await granted(consumer)).toBe(2);
  });
});
