// Every national service of the catalogue as an HTTP/JSON client calls it in the edge's end-to-end
// test (Python requests, curl, the generated TypeScript client): a valid proto3 JSON body from the
// simulators' datasets, what the answer must hold, and the ledger check that each call counted once.
import {
  EventType,
  NATIONAL_SERVICES,
  OrderKind,
  type GetTransactionResponse,
  type MeteringClient,
  type UsageReport,
} from '@ndxp/contracts';
import * as budget from '@ndxp/simulator-budget-units';
import * as br from '@ndxp/simulator-business-registration';
import * as civil from '@ndxp/simulator-civil-status';
import { sampleOrderRequest, waitForValue } from '@ndxp/testing';

/** One call of a national service on the HTTP/JSON edge. */
export interface NationalCall {
  service: string;
  /** The canonical path, POST /{provider}/{version}/{service}. */
  path: string;
  /** The request message in proto3 JSON. */
  body: Record<string, unknown>;
  requestId: string;
  /** The service whose answer's itemNumber the body takes at call time (TrackOrder, CancelOrder). */
  itemNumberFrom?: string;
}

/** What a client got back for one call. */
export interface CallResult {
  service: string;
  status: number;
  body: unknown;
  /** The Ndxp-Request-Id header of the answer. */
  requestId: string | null;
}

/** Records of the simulators' default datasets that every client asks for. */
interface Samples {
  taxCode: string;
  personalId: string;
  budgetCode: string;
}

let samples: Samples | undefined;
function sampleRecords(): Samples {
  samples ??= {
    taxCode: br.createDataset({ seed: br.DEFAULT_SEED, size: br.DEFAULT_SIZE }).sampleTaxCodes(1)[0]!,
    personalId: civil.createDataset({ seed: civil.DEFAULT_SEED, size: civil.DEFAULT_SIZE }).samplePersonalIds(1)[0]!,
    budgetCode: budget.createDataset({ seed: budget.DEFAULT_SEED, size: budget.DEFAULT_SIZE }).sampleCodes(1)[0]!,
  };
  return samples;
}

/** Per service: the request (a partial message) and the part of the answer that shows the right record came back. */
interface Sample {
  request(s: Samples, runId: string): unknown;
  answer(s: Samples, call: NationalCall, itemNumber: string): Record<string, unknown>;
  /** The service whose answer's itemNumber the request takes at call time. */
  itemNumberFrom?: string;
}

const SAMPLES: Record<string, Sample> = {
  GetEnterprise: { request: (s) => ({ taxCode: s.taxCode }), answer: (s) => ({ taxCode: s.taxCode, nameVi: expect.any(String) }) },
  GetCivilStatusRecord: {
    request: (s) => ({ eventType: EventType.EVENT_TYPE_BIRTH, key: { $case: 'personalId', value: s.personalId } }),
    answer: (s) => ({ eventType: 'EVENT_TYPE_BIRTH', subject: { personalId: s.personalId } }),
  },
  GetBudgetUnit: { request: (s) => ({ code: s.budgetCode }), answer: (s) => ({ code: s.budgetCode }) },
  SearchBudgetUnits: {
    request: () => ({ nameContains: 'trường', pageSize: 5 }),
    answer: () => ({
      units: expect.arrayContaining([expect.objectContaining<{ name: unknown }>({ name: expect.stringMatching(/trường/i) })]),
    }),
  },
  QuotePostage: {
    request: () => ({ senderProvince: '01', receiverProvince: '48', weightGrams: 500, kind: OrderKind.ORDER_KIND_BOTH, codAmountVnd: 0 }),
    answer: () => ({ postageVnd: expect.any(Number) }),
  },
  CreateOrder: {
    request: (_s, runId) => sampleOrderRequest(runId),
    answer: (_s, call) => ({ orderNumber: call.body['orderNumber'], itemNumber: expect.stringMatching(/^[A-Z]{2}\d{9}VN$/) }),
  },
  TrackOrder: { request: () => ({}), answer: (_s, _c, itemNumber) => ({ order: { itemNumber } }), itemNumberFrom: 'CreateOrder' },
  CancelOrder: {
    request: () => ({ reason: 'Công dân nhận trực tiếp' }),
    answer: (_s, _c, itemNumber) => ({ itemNumber, status: 'COLLECTION_STATUS_CANCELLED' }),
    itemNumberFrom: 'CreateOrder',
  },
};

/**
 * One call per service of the catalogue, request ids `${runId}-${service}`; TrackOrder and CancelOrder
 * come after CreateOrder and name the item it answered. Throws if a service has no sample here.
 */
export function nationalCalls(runId: string): NationalCall[] {
  const s = sampleRecords();
  const calls = NATIONAL_SERVICES.map((national): NationalCall => {
    const sample = SAMPLES[national.service];
    if (!sample) throw new Error(`no sample request for ${national.service}: add one to test/e2e/national-calls.ts`);
    return {
      service: national.service,
      path: national.httpPath,
      body: national.request.toJSON(national.request.fromPartial(sample.request(s, runId))) as Record<string, unknown>,
      requestId: `${runId}-${national.service}`,
      ...(sample.itemNumberFrom ? { itemNumberFrom: sample.itemNumberFrom } : {}),
    };
  });
  return calls.sort((a, b) => Number(Boolean(a.itemNumberFrom)) - Number(Boolean(b.itemNumberFrom)));
}

/** The body of `call` once the answers it depends on are in (`answers` by service). */
export function bodyOf(call: NationalCall, answers: ReadonlyMap<string, unknown>): Record<string, unknown> {
  if (!call.itemNumberFrom) return call.body;
  const from = answers.get(call.itemNumberFrom) as { itemNumber?: unknown } | undefined;
  return { ...call.body, itemNumber: from?.itemNumber };
}

/** Asserts that every call was answered 200 under its own request id, with its record. */
export function expectAnswered(calls: readonly NationalCall[], results: readonly CallResult[]): void {
  expect(results.map((r) => [r.service, r.status, r.requestId])).toEqual(calls.map((c) => [c.service, 200, c.requestId]));
  const bodies = new Map(results.map((r) => [r.service, r.body]));
  const s = sampleRecords();
  for (const call of calls) {
    const from = call.itemNumberFrom ? (bodies.get(call.itemNumberFrom) as { itemNumber?: string } | undefined) : undefined;
    expect({ service: call.service, body: bodies.get(call.service) }).toMatchObject({
      service: call.service,
      body: SAMPLES[call.service]!.answer(s, call, from?.itemNumber ?? ''),
    });
  }
}

/**
 * Waits until the ledger holds every call (ok, under `consumer`, its service), then asserts that the
 * consumer's usage counts each service exactly once: `consumer` must make no other calls.
 */
export async function expectMeteredOnce(metering: MeteringClient, consumer: string, calls: readonly NationalCall[]): Promise<void> {
  for (const call of calls) {
    const t = await waitForValue(
      () =>
        new Promise<GetTransactionResponse>((res, rej) =>
          metering.getTransaction({ requestId: call.requestId }, (e, r) => (e ? rej(e) : res(r))),
        ),
      (found) => found.found,
      { timeoutMs: 10_000, what: `the ledger row of ${call.requestId}` },
    );
    expect(t.event).toMatchObject({ consumer, service: call.service, code: 'ok', requestId: call.requestId });
  }
  const usage = await waitForValue(
    () =>
      new Promise<UsageReport>((res, rej) =>
        metering.getUsage({ consumer, fromDay: '', toDay: '', provider: '', groupBy: ['service'] }, (e, r) => (e ? rej(e) : res(r))),
      ),
    (u) => u.total >= calls.length,
    { timeoutMs: 10_000, what: `the usage of ${consumer}` },
  );
  const counts = Object.fromEntries(usage.rows.map((row) => [row.service, row.count]));
  expect({ total: usage.total, counts }).toEqual({ total: calls.length, counts: Object.fromEntries(calls.map((c) => [c.service, 1])) });
}
