// The reconciliation's bookkeeping on a fake ledger lookup: what counts as missing, what as an
// outcome mismatch and what as a legitimate retry, lookups a batch at a time, and the list limit.
import { MeterEvent, Outcome } from '@ndxp/contracts';
import { encodeForLedger, type EncodedMeterEvent, type LedgeredOutcome } from '@ndxp/store';
import { RECONCILE_LIST_LIMIT, ReconcileTally, routingInstanceOf } from './reconcile-tally';

const ok = { outcome: Outcome.OUTCOME_OK, code: 'ok' };
const noAdapter = { outcome: Outcome.OUTCOME_SERVER_ERROR, code: 'server.no_adapter' };
const notFound = { outcome: Outcome.OUTCOME_CLIENT_ERROR, code: 'client.not_found' };

function ev(requestId: string, over: Partial<MeterEvent> = {}): EncodedMeterEvent {
  return encodeForLedger(
    MeterEvent.fromPartial({
      requestId,
      consumer: 'TINH-01-LGSP',
      provider: 'BO-BKHDT-DKDN',
      service: 'GetEnterprise',
      receivedAtMs: Date.UTC(2021, 9, 1),
      routingInstance: 'routing-a',
      ...ok,
      ...over,
    }),
  );
}

/** A ledger of the given outcomes, recording every lookup's ids. */
function fakeLedger(rows: Record<string, LedgeredOutcome>): {
  lookups: string[][];
  lookup: (ids: readonly string[]) => Promise<Map<string, LedgeredOutcome>>;
} {
  const lookups: string[][] = [];
  return {
    lookups,
    lookup: async (ids) => {
      lookups.push([...ids]);
      return new Map(ids.flatMap((id) => (rows[id] ? [[id, rows[id]] as const] : [])));
    },
  };
}

const noYield = async (): Promise<void> => undefined;

describe('ReconcileTally', () => {
  it('counts the events the ledger lacks and lists each with its code, stream seq, received time and routing instance', async () => {
    const ledger = fakeLedger({ a: ok, c: notFound });
    const tally = new ReconcileTally(ledger.lookup, { yieldToLoop: noYield });
    await tally.addMessage(7, 'ndxp.meter._batch.routing-a', [ev('a'), ev('b', notFound)]);
    await tally.addMessage(8, 'ndxp.meter._batch.routing-b', [ev('c', notFound), ev('d', { routingInstance: '' })]);
    await tally.flush();
    const r = tally.get();
    expect(r).toMatchObject({ eventsScanned: 4, missing: 2, outcomeMismatches: 0, beyondRetention: 0 });
    expect(r.firstMissing).toEqual([
      {
        requestId: 'b',
        code: 'client.not_found',
        streamSeq: 7,
        receivedAtMs: Date.UTC(2021, 9, 1),
        routingInstance: 'routing-a',
        consumer: 'TINH-01-LGSP',
        provider: 'BO-BKHDT-DKDN',
        service: 'GetEnterprise',
      },
      expect.objectContaining({ requestId: 'd', code: 'ok', streamSeq: 8, routingInstance: 'routing-b' }),
    ]);
  });

  it('reports an ok the stream holds whose transaction the ledger keeps as an error, and no retry that the rule explains', async () => {
    // ok-lost: the ok attempt never reached the ledger. retried: failed, then ok (the ledger ends ok).
    // late-error: an error after an ok. errors: one error, then another that won.
    const ledger = fakeLedger({ 'ok-lost': noAdapter, retried: ok, 'late-error': ok, errors: noAdapter });
    const tally = new ReconcileTally(ledger.lookup, { yieldToLoop: noYield });
    await tally.addMessage(1, 'ndxp.meter._batch.r', [
      ev('ok-lost', noAdapter),
      ev('retried', noAdapter),
      ev('errors', { code: 'server.timeout', outcome: Outcome.OUTCOME_SERVER_ERROR }),
    ]);
    await tally.addMessage(2, 'ndxp.meter._batch.r', [
      ev('ok-lost'),
      ev('retried'),
      ev('late-error'),
      ev('late-error', noAdapter),
      ev('errors', noAdapter),
    ]);
    await tally.flush();
    const r = tally.get();
    expect(r).toMatchObject({ eventsScanned: 8, missing: 0, outcomeMismatches: 1 });
    expect(r.firstMismatches).toEqual([
      {
        requestId: 'ok-lost',
        streamSeq: 2,
        ledgerCode: 'server.no_adapter',
        receivedAtMs: Date.UTC(2021, 9, 1),
        routingInstance: 'routing-a',
      },
    ]);
  });

  it('looks ids up a batch at a time, each id once per batch', async () => {
    const ledger = fakeLedger({});
    const tally = new ReconcileTally(ledger.lookup, { batchIds: 3, yieldToLoop: noYield });
    await tally.addMessage(1, 's', [ev('1'), ev('1', noAdapter), ev('2'), ev('3'), ev('4')]);
    await tally.flush();
    expect(ledger.lookups).toEqual([['1', '2', '3'], ['4']]);
    expect(tally.get().missing).toBe(5);
  });

  it('lists the first 100 missing events and counts the rest', async () => {
    const tally = new ReconcileTally(fakeLedger({}).lookup, { yieldToLoop: noYield });
    await tally.addMessage(
      1,
      's',
      Array.from({ length: 250 }, (_, i) => ev(`m-${i}`)),
    );
    await tally.flush();
    const r = tally.get();
    expect(r.missing).toBe(250);
    expect(r.firstMissing.map((m) => m.requestId)).toEqual(Array.from({ length: RECONCILE_LIST_LIMIT }, (_, i) => `m-${i}`));
  });

  it('does not check events received before the retention cutoff, and counts them', async () => {
    const ledger = fakeLedger({});
    const tally = new ReconcileTally(ledger.lookup, { retentionCutoffMs: Date.UTC(2021, 9, 2), yieldToLoop: noYield });
    await tally.addMessage(1, 's', [ev('old'), ev('new', { receivedAtMs: Date.UTC(2021, 9, 3) })]);
    await tally.flush();
    expect(tally.get()).toMatchObject({ eventsScanned: 2, beyondRetention: 1, missing: 1 });
    expect(ledger.lookups).toEqual([['new']]);
  });

  it('names the routing instance from the batch subject when the event has none', () => {
    expect(routingInstanceOf(ev('x', { routingInstance: '' }), 'ndxp.meter._batch.routing-7')).toBe('routing-7');
    expect(routingInstanceOf(ev('x'), 'ndxp.meter._batch.routing-7')).toBe('routing-a');
  });
});
