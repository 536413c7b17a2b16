import { Header, MeshError } from '@ndxp/contracts';
import { readRequestMeta } from './request-context';

const reader = (h: Record<string, string>) => ({ get: (k: string) => h[k] ?? '' });

describe('readRequestMeta', () => {
  it('reads every envelope header', () => {
    const meta = readRequestMeta(
      reader({
        [Header.RequestId]: 'r1',
        [Header.Consumer]: 'TINH-01-LGSP',
        [Header.Version]: 'v1',
        [Header.Officer]: 'cb01',
        [Header.Purpose]: 'HS-123',
        [Header.Deadline]: '1700000000000',
      }),
      1_699_999_990_000,
      10,
    );
    expect(meta).toEqual({
      requestId: 'r1',
      consumer: 'TINH-01-LGSP',
      version: 'v1',
      officer: 'cb01',
      purpose: 'HS-123',
      deadline: 1_700_000_000_000,
      fromBudget: false,
    });
  });

  it('makes the deadline from Ndxp-Timeout on its own clock, ignoring an Ndxp-Deadline from a skewed sender', () => {
    const now = 1_700_000_000_000;
    // The sender's clock is 5 minutes slow: its absolute deadline is long past here.
    const meta = readRequestMeta(reader({ [Header.Timeout]: '4500', [Header.Deadline]: String(now - 300_000 + 5_000) }), now, 10);
    expect(meta).toMatchObject({ deadline: now + 4_500, fromBudget: true });
    for (const bad of ['-1', '4.5', 'soon', '86400001']) {
      const err = (() => {
        try {
          readRequestMeta(reader({ [Header.Timeout]: bad }), now, 10);
        } catch (e) {
          return e as MeshError;
        }
        return undefined;
      })();
      expect([bad, err?.code, err?.field]).toEqual([bad, 'client.malformed', Header.Timeout]);
    }
  });

  it('applies the default timeout when no deadline is given, also without headers', () => {
    expect(readRequestMeta(undefined, 1000, 250).deadline).toBe(1250);
    expect(readRequestMeta(reader({}), 1000, 250)).toMatchObject({ deadline: 1250, requestId: '', version: undefined });
  });

  it('refuses a deadline that is not epoch milliseconds with client.malformed', () => {
    for (const bad of ['soon', '-5', '1e12', '12.5']) {
      expect(() => readRequestMeta(reader({ [Header.Deadline]: bad }), 0, 1)).toThrow(MeshError);
    }
  });

  it('refuses a deadline more than 24 h ahead, which would also overflow the deadline timer', () => {
    const err = (() => {
      try {
        readRequestMeta(reader({ [Header.Deadline]: String(1_000 + 86_400_001) }), 1_000, 1);
      } catch (e) {
        return e as MeshError;
      }
      return undefined;
    })();
    expect([err?.code, err?.field]).toEqual(['client.malformed', Header.Deadline]);
  });

  it('refuses a malformed request id or consumer naming the header, and accepts them absent', () => {
    const fieldOf = (h: Record<string, string>): string | undefined => {
      try {
        readRequestMeta(reader(h), 0, 1);
        return undefined;
      } catch (e) {
        return (e as MeshError).field;
      }
    };
    expect(fieldOf({ [Header.RequestId]: 'x'.repeat(129) })).toBe(Header.RequestId);
    expect(fieldOf({ [Header.RequestId]: 'a\u0001b' })).toBe(Header.RequestId);
    expect(fieldOf({ [Header.RequestId]: 't- 0100109106-1' })).toBeUndefined();
    expect(fieldOf({ [Header.Consumer]: 'tinh-01' })).toBe(Header.Consumer);
    expect(fieldOf({})).toBeUndefined();
  });
});
