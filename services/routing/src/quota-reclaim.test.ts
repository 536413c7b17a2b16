import { heldKeyOf, parseHeldKey } from './quota-reclaim';

describe('parseHeldKey', () => {
  it('reads the run, the consumer and the day of a held record key', () => {
    expect(parseHeldKey(heldKeyOf('routing-a-1f2e', 'TINH-01-LGSP.20376'))).toEqual({
      run: 'routing-a-1f2e',
      consumer: 'TINH-01-LGSP',
      day: 20376,
    });
  });
  it.each(['held.run.20376', 'count.run.TINH-01-LGSP.20376', 'held.run.TINH-01-LGSP.today'])('is undefined for %s', (key) => {
    expect(parseHeldKey(key)).toBeUndefined();
  });
});
