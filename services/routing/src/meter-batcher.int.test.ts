import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import { METER_STREAM, MeterEvent, MeterEventBatch, subjects } from '@ndxp/contracts';
import { ensureMeterStream, ReplyMux } from '@ndxp/runtime';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { MeterBatcher } from './meter-batcher';

const event = (requestId: string): MeterEvent =>
  MeterEvent.fromPartial({ requestId, consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise' });

describe('MeterBatcher on a real nats-server', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let mux: ReplyMux;
  beforeAll(async () => {
    server = await startNatsServer({ private: true });
    nc = await connect({ servers: server.url });
    await ensureMeterStream(nc);
    mux = new ReplyMux(nc);
  });
  afterAll(async () => {
    mux?.close();
    await nc?.close();
    await server?.stop();
  });
  const messages = async (): Promise<number> => (await (await jetstreamManager(nc)).streams.info(METER_STREAM)).state.messages;

  it('stores the events of one event-loop turn as one MeterEventBatch and resolves each after the ack', async () => {
    const before = await messages();
    const batcher = new MeterBatcher(mux, 'routing.test 1', { timeoutMs: 2000, maxBatch: 256 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => batcher.meter(event(`turn-${i}`))));
    expect((await messages()) - before).toBe(1);
    const jsm = await jetstreamManager(nc);
    const stored = await jsm.streams.getMessage(METER_STREAM, { last_by_subj: subjects.meterBatch('routing_test_1') });
    expect(MeterEventBatch.decode(stored!.data).events.map((e) => e.requestId)).toEqual(Array.from({ length: 40 }, (_, i) => `turn-${i}`));
  });

  it('splits a turn at maxBatch', async () => {
    const before = await messages();
    const batcher = new MeterBatcher(mux, 'split', { timeoutMs: 2000, maxBatch: 10 });
    await Promise.all(Array.from({ length: 25 }, (_, i) => batcher.meter(event(`split-${i}`))));
    expect((await messages()) - before).toBe(3);
  });

  it('with maxBatch 1 sends each event alone, keyed by request id and code, so the stream drops a repeat but not a retry with another outcome', async () => {
    const before = await messages();
    const batcher = new MeterBatcher(mux, 'single', { timeoutMs: 2000, maxBatch: 1 });
    await batcher.meter({ ...event('single-1'), code: 'server.no_adapter' });
    await batcher.meter({ ...event('single-1'), code: 'server.no_adapter' });
    await batcher.meter({ ...event('single-1'), code: 'ok' });
    await batcher.meter({ ...event('single-1'), code: 'ok' });
    await batcher.meter(event('single-2'));
    expect((await messages()) - before).toBe(3);
    const jsm = await jetstreamManager(nc);
    const last = await jsm.streams.getMessage(METER_STREAM, {
      last_by_subj: subjects.meter('TINH-01-LGSP', 'BO-BKHDT-DKDN', 'GetEnterprise'),
    });
    expect(MeterEvent.decode(last!.data).requestId).toBe('single-2');
  });

  it('asks again while JetStream cannot store (a stream leader being elected) and resolves once it can', async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(METER_STREAM);
    const batcher = new MeterBatcher(mux, 'retry', { timeoutMs: 3000, maxBatch: 256 });
    const started = Date.now();
    const metered = Promise.allSettled([batcher.meter(event('r-1')), batcher.meter(event('r-2'))]);
    // The stream is back 400 ms later: the batch must be stored then, not refused at once.
    await new Promise((r) => setTimeout(r, 400));
    await ensureMeterStream(nc);
    const results = await metered;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect((await jsm.streams.info(METER_STREAM)).state.messages).toBe(1);
  });

  it('rejects every waiting event when JetStream cannot take the batch (fail closed)', async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(METER_STREAM);
    try {
      const batcher = new MeterBatcher(mux, 'closed', { timeoutMs: 500, maxBatch: 256 });
      const results = await Promise.allSettled([batcher.meter(event('c-1')), batcher.meter(event('c-2'))]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    } finally {
      await ensureMeterStream(nc);
    }
  });

  it("gives up by the transactions' deadline, not the meter timeout, so the consumer hears fail-closed inside its budget", async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(METER_STREAM);
    try {
      const batcher = new MeterBatcher(mux, 'budget', { timeoutMs: 5000, maxBatch: 256 });
      const started = Date.now();
      const results = await Promise.allSettled([batcher.meter(event('b-1'), started + 600), batcher.meter(event('b-2'), started + 400)]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      const took = Date.now() - started;
      expect(took).toBeLessThan(600);
      expect(took).toBeGreaterThanOrEqual(200);
    } finally {
      await ensureMeterStream(nc);
    }
  });
});
