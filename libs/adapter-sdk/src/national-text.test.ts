import { mapNationalDate, normalizeStatusText } from './national-text';

describe('mapNationalDate', () => {
  it('turns dd/mm/yyyy into yyyy-mm-dd, keeps an ISO date and refuses anything else', () => {
    expect(mapNationalDate('07/03/2005')).toBe('2005-03-07');
    expect(mapNationalDate(' 7/3/2005 ')).toBe('2005-03-07');
    expect(mapNationalDate('2005-03-07T00:00:00Z')).toBe('2005-03-07');
    for (const v of ['', '2005', '07-03-2005', 'March 2005']) expect(mapNationalDate(v)).toBe('');
  });
});

describe('normalizeStatusText', () => {
  it('folds case, spaces and Unicode normalisation but keeps the marks', () => {
    expect(normalizeStatusText('  Đang   hoạt động ')).toBe('đang hoạt động');
    expect(normalizeStatusText('Đang hoạt động'.normalize('NFD'))).toBe('đang hoạt động');
  });
});
