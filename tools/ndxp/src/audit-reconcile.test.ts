// `ndxp audit reconcile`: its flags as a request (bad ones are usage errors) and what it prints.
import type { ReconcileLedgerResponse } from '@ndxp/contracts';
import { UsageError } from './args';
import { formatReconcile, reconcileRequest } from './audit-reconcile';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);

const answer = (over: Partial<ReconcileLedgerResponse> = {}): ReconcileLedgerResponse => ({
  eventsScanned: 200,
  firstSeq: 3,
  lastSeq: 41,
  ackFloor: 41,
  missing: 0,
  firstMissing: [],
  outcomeMismatches: 0,
  firstMismatches: [],
  startMs: Date.UTC(2026, 11, 1, 12, 0, 0),
  undecodable: 0,
  beyondRetention: 0,
  pending: 0,
  ok: true,
  ...over,
});

describe('audit reconcile flags', () => {
  it('walks the last 24 hours by default; --since takes a duration or an ISO time, --from-seq a sequence number', () => {
    expect(reconcileRequest(undefined, undefined, NOW)).toEqual({ sinceMs: NOW - 86_400_000, fromSeq: 0 });
    expect(reconcileRequest('90m', undefined, NOW)).toEqual({ sinceMs: NOW - 5_400_000, fromSeq: 0 });
    expect(reconcileRequest('7d', undefined, NOW).sinceMs).toBe(NOW - 7 * 86_400_000);
    expect(reconcileRequest('2026-12-01T00:00:00Z', undefined, NOW).sinceMs).toBe(Date.UTC(2026, 11, 1));
    expect(reconcileRequest(undefined, '1200', NOW)).toEqual({ sinceMs: 0, fromSeq: 1200 });
  });

  it.each([
    ['yesterday', undefined],
    ['0h', undefined],
    ['-5m', undefined],
    [undefined, '0'],
    [undefined, 'x'],
    [undefined, '1.5'],
    ['24h', '10'],
  ])('refuses --since %s --from-seq %s as a usage error', (since, fromSeq) => {
    expect(() => reconcileRequest(since, fromSeq, NOW)).toThrow(UsageError);
  });
});

describe('audit reconcile output', () => {
  it('prints OK with the count, the time and the stream range, exit 0', () => {
    expect(formatReconcile(answer())).toEqual({
      lines: ['OK 200 events in the meter stream since 2026-12-01T19:00:00+07:00 are all in the ledger (stream seq 3..41, ack floor 41)'],
      notes: [],
      status: 0,
    });
  });

  it('prints GAP and one line per missing event, with what was not checked as notes, exit 1', () => {
    const missing = (i: number) => ({
      requestId: `r-${i}`,
      code: 'ok',
      streamSeq: 40 + i,
      receivedAtMs: Date.UTC(2026, 11, 2, 11, 0, i),
      routingInstance: 'routing-1',
      consumer: 'TINH-01-LGSP',
      provider: 'BO-BKHDT-DKDN',
      service: 'GetEnterprise',
    });
    const out = formatReconcile(answer({ missing: 3, firstMissing: [missing(1), missing(2)], ok: false, pending: 4, undecodable: 1 }));
    expect(out.status).toBe(1);
    expect(out.lines).toEqual([
      'GAP 3 of 200 events are missing from the ledger:',
      '  r-1  code ok  stream seq 41  received 2026-12-02T18:00:01+07:00  routing routing-1  TINH-01-LGSP -> BO-BKHDT-DKDN.GetEnterprise',
      '  r-2  code ok  stream seq 42  received 2026-12-02T18:00:02+07:00  routing routing-1  TINH-01-LGSP -> BO-BKHDT-DKDN.GetEnterprise',
      '  ... and 1 more',
      '(200 events checked since 2026-12-01T19:00:00+07:00, stream seq 3..41, ack floor 41)',
    ]);
    expect(out.notes).toEqual([
      '4 stream messages past the ack floor are not ledgered yet: not checked',
      '1 poison messages (terminated by metering, never ledgered): not checked',
    ]);
  });

  it('prints MISMATCH for an ok the ledger holds as an error, exit 1', () => {
    const out = formatReconcile(
      answer({
        ok: false,
        outcomeMismatches: 1,
        firstMismatches: [{ requestId: 'x', streamSeq: 9, ledgerCode: 'server.no_adapter', receivedAtMs: 0, routingInstance: '' }],
      }),
    );
    expect(out.status).toBe(1);
    expect(out.lines[0]).toBe('MISMATCH 1 events answered ok are not ok in the ledger:');
    expect(out.lines[1]).toBe('  x  ledger server.no_adapter  stream seq 9  received -  routing -');
  });
});
