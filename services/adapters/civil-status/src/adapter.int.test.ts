import type { NatsConnection } from '@nats-io/nats-core';
import { AdapterHarness, askAdapter } from '@ndxp/adapter-sdk';
import { EventType, GetCivilStatusRecordRequest, getCivilStatusRecordService, type EventCode } from '@ndxp/contracts';
import { createDataset, startSimulator, type Simulator } from '@ndxp/simulator-civil-status';
import { startNatsServer } from '@ndxp/testing';
import { civilStatusAdapter } from './adapter';
import { mapRecord } from './mapper';

const dataset = createDataset({ seed: 'adapter-int', size: 3000 });
const EVENTS: Array<[EventCode, EventType]> = [
  ['KS', EventType.EVENT_TYPE_BIRTH],
  ['KT', EventType.EVENT_TYPE_DEATH],
  ['KH', EventType.EVENT_TYPE_MARRIAGE],
  ['XNTTHN', EventType.EVENT_TYPE_MARITAL_STATUS_CONFIRMATION],
];
// A valid number (Hà Nội, male, born 1990) that this small dataset does not hold.
const UNKNOWN = '001090000000';

const lookup = (nc: NatsConnection, request: GetCivilStatusRecordRequest, deadlineMs = 5000) =>
  askAdapter(nc, getCivilStatusRecordService, request, { consumer: 'TINH-79-LGSP', deadlineMs });

const byId = (eventType: EventType, personalId: string): GetCivilStatusRecordRequest =>
  GetCivilStatusRecordRequest.fromPartial({ eventType, key: { $case: 'personalId', value: personalId } });

describe('civil-status adapter on NATS with the SOAP simulator', () => {
  let harness: AdapterHarness;

  /** Starts the simulator and an adapter on its own connection; only one adapter runs at a time. */
  async function run(opts: { latencyMs?: number; errorRate?: number; simulatorDown?: boolean } = {}): Promise<Simulator> {
    const { latencyMs = 0, errorRate = 0 } = opts;
    const started = await harness.startOver(civilStatusAdapter, () => startSimulator({ dataset, latencyMs, errorRate }), {
      down: opts.simulatorDown,
      env: { CS_UPSTREAM_TIMEOUT_MS: '2000', CS_UPSTREAM_RETRIES: '1' },
    });
    return started.upstream;
  }

  beforeAll(async () => (harness = await AdapterHarness.open(startNatsServer)));
  afterAll(() => harness?.close());

  it.each(EVENTS)('answers a %s record found by personal ID with the mapped record', async (event, eventType) => {
    const sim = await run();
    const id = dataset.samplePersonalIds(3, event)[1]!;
    const answer = await lookup(harness.client, byId(eventType, id));
    expect(answer.status).toBe('ok');
    expect(answer.body).toEqual(mapRecord(dataset.find(event, { personalId: id })! as unknown as Record<string, string>));
    expect(answer.body?.eventType).toBe(eventType);
    expect([answer.body?.subject?.personalId, answer.body?.spouse?.personalId]).toContain(id);
    expect(answer.body?.subject?.fullName).not.toBe('');
    expect(sim.lookups).toBe(1);
  });

  it.each(EVENTS)('answers a %s record found by register number', async (event, eventType) => {
    await run();
    const key = dataset.sampleRegisterKeys(5, event)[2]!;
    const request = GetCivilStatusRecordRequest.fromPartial({
      eventType,
      key: { $case: 'registerNumber', value: { number: key.so, book: key.quyenSo, office: key.noiDangKy } },
    });
    const answer = await lookup(harness.client, request);
    expect(answer.status).toBe('ok');
    expect(answer.body?.header).toMatchObject({ number: key.so, book: key.quyenSo, office: key.noiDangKy });
    expect(answer.body).toEqual(mapRecord(dataset.find(event, key)! as unknown as Record<string, string>));
  });

  it('answers client.not_found for a valid number or register entry the national system does not know', async () => {
    const sim = await run();
    expect(dataset.find('KS', { personalId: UNKNOWN })).toBeUndefined();
    expect((await lookup(harness.client, byId(EventType.EVENT_TYPE_BIRTH, UNKNOWN))).status).toBe('client.not_found');
    const living = dataset.samplePersonalIds(dataset.counts.KS).find((id) => !dataset.find('KT', { personalId: id }))!;
    expect((await lookup(harness.client, byId(EventType.EVENT_TYPE_DEATH, living))).status).toBe('client.not_found');
    const key = dataset.sampleRegisterKeys(1, 'KS')[0]!;
    const wrongBook = GetCivilStatusRecordRequest.fromPartial({
      eventType: EventType.EVENT_TYPE_BIRTH,
      key: { $case: 'registerNumber', value: { number: key.so, book: '99/1900', office: key.noiDangKy } },
    });
    expect((await lookup(harness.client, wrongBook)).status).toBe('client.not_found');
    // Not found is an answer, not a failure: one call each, no retry.
    expect(sim.lookups).toBe(3);
  });

  it('answers client.invalid_argument naming the field, without calling the national system', async () => {
    const sim = await run();
    expect(await lookup(harness.client, byId(EventType.EVENT_TYPE_BIRTH, '003203012345'))).toMatchObject({
      status: 'client.invalid_argument',
      field: 'personal_id',
    });
    expect(await lookup(harness.client, byId(EventType.EVENT_TYPE_BIRTH, '12345'))).toMatchObject({ field: 'personal_id' });
    expect(await lookup(harness.client, byId(EventType.EVENT_TYPE_UNSPECIFIED, UNKNOWN))).toMatchObject({ field: 'event_type' });
    expect(await lookup(harness.client, GetCivilStatusRecordRequest.fromPartial({ eventType: EventType.EVENT_TYPE_BIRTH }))).toMatchObject({
      field: 'key',
    });
    const noBook = GetCivilStatusRecordRequest.fromPartial({
      eventType: EventType.EVENT_TYPE_MARRIAGE,
      key: { $case: 'registerNumber', value: { number: '1', book: '', office: 'UBND' } },
    });
    expect(await lookup(harness.client, noBook)).toMatchObject({ status: 'client.invalid_argument', field: 'register_number.book' });
    expect(sim.lookups).toBe(0);
  });

  it('answers server.upstream_failure when the national system is down', async () => {
    await run({ simulatorDown: true });
    const id = dataset.samplePersonalIds(1)[0]!;
    expect((await lookup(harness.client, byId(EventType.EVENT_TYPE_BIRTH, id))).status).toBe('server.upstream_failure');
  });

  it('answers server.upstream_failure when every attempt gets a Server fault, after retrying', async () => {
    const sim = await run({ errorRate: 1 });
    const id = dataset.samplePersonalIds(1)[0]!;
    expect((await lookup(harness.client, byId(EventType.EVENT_TYPE_BIRTH, id))).status).toBe('server.upstream_failure');
    expect(sim.lookups).toBe(2);
  });

  it('answers server.timeout when the national system is slower than the deadline', async () => {
    await run({ latencyMs: 1500 });
    const id = dataset.samplePersonalIds(1)[0]!;
    const t0 = Date.now();
    expect((await lookup(harness.client, byId(EventType.EVENT_TYPE_BIRTH, id), 300)).status).toBe('server.timeout');
    expect(Date.now() - t0).toBeLessThan(1200);
  });
});
