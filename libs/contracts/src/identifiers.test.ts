import { formatSubsystemPath, isSubsystemToken, parseSubsystemToken, toSubsystemToken } from './identifiers';

describe('subsystem identifiers', () => {
  it('round-trips a province LGSP between token and full form', () => {
    const token = toSubsystemToken({ memberClass: 'TINH', memberCode: '01', subsystemCode: 'LGSP' });
    expect(token).toBe('TINH-01-LGSP');
    const id = parseSubsystemToken(token);
    expect(id).toEqual({ instance: 'VN', memberClass: 'TINH', memberCode: '01', subsystemCode: 'LGSP' });
    expect(formatSubsystemPath(id!)).toBe('VN/TINH/01/LGSP');
  });

  it('rejects parts that would break a NATS subject token', () => {
    for (const bad of ['A.B', 'A*', 'A>', 'A B', 'a-b', '']) {
      expect(() => toSubsystemToken({ memberClass: bad, memberCode: '01', subsystemCode: 'LGSP' })).toThrow(RangeError);
    }
    expect(isSubsystemToken('TINH-01-LGSP')).toBe(true);
    expect(isSubsystemToken('TINH.01.LGSP')).toBe(false);
    expect(parseSubsystemToken('TINH-01')).toBeUndefined();
  });
});
