import { fmt, fmtRatio, renderTable } from './report';

describe('report formatting', () => {
  it('aligns columns, numbers to the right and text to the left', () => {
    const text = renderTable([
      ['system', 'req/s'],
      ['ceiling', '12000'],
      ['mesh', '900'],
    ]);
    expect(text.split('\n')).toEqual(['system   req/s', 'ceiling  12000', 'mesh       900']);
  });

  it('shows missing numbers and ratios as "-"', () => {
    expect(fmt(null)).toBe('-');
    expect(fmt(NaN, 2)).toBe('-');
    expect(fmt(1.234, 2)).toBe('1.23');
    expect(fmtRatio(null)).toBe('-');
    expect(fmtRatio(0.625)).toBe('0.63x');
  });
});
