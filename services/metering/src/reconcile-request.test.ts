// ReconcileLedger's request as a walk's start: a time, a stream sequence, or the stream's start.
import { MeshError } from '@ndxp/contracts';
import { reconcileStart } from './reconcile';

describe('reconcileStart', () => {
  it('starts at since_ms, at from_seq, or (neither) at the first message of the stream', () => {
    expect(reconcileStart({ sinceMs: 1_700_000_000_000, fromSeq: 0 })).toEqual({ sinceMs: 1_700_000_000_000 });
    expect(reconcileStart({ sinceMs: 0, fromSeq: 42 })).toEqual({ fromSeq: 42 });
    expect(reconcileStart({ sinceMs: 0, fromSeq: 0 })).toEqual({});
  });

  it('refuses both at once, and a negative time, as client.invalid_argument naming the field', () => {
    const refusal = (f: () => unknown): unknown => {
      try {
        f();
      } catch (err) {
        return err instanceof MeshError ? { code: err.code, field: err.field } : err;
      }
      return undefined;
    };
    expect(refusal(() => reconcileStart({ sinceMs: 5, fromSeq: 5 }))).toEqual({ code: 'client.invalid_argument', field: 'from_seq' });
    expect(refusal(() => reconcileStart({ sinceMs: -1, fromSeq: 0 }))).toEqual({ code: 'client.invalid_argument', field: 'since_ms' });
  });
});
