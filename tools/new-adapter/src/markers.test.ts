import { insertAboveMarker, MARKERS } from './markers';

describe('insertAboveMarker', () => {
  it('inserts the lines just above the marker, indented like it, keeping the marker for the next run', () => {
    const text = ['const xs = [', '  a,', `  ${MARKERS.catalogueServices}`, '];', ''].join('\n');
    const once = insertAboveMarker(text, MARKERS.catalogueServices, ['b,']);
    expect(once).toBe(['const xs = [', '  a,', '  b,', `  ${MARKERS.catalogueServices}`, '];', ''].join('\n'));
    const twice = insertAboveMarker(once, MARKERS.catalogueServices, ['c,']);
    expect(twice.split('\n').slice(1, 5)).toEqual(['  a,', '  b,', '  c,', `  ${MARKERS.catalogueServices}`]);
  });

  it('refuses a file without the marker, naming the file', () => {
    expect(() => insertAboveMarker('x\n', MARKERS.contractsExports, ['y'], 'index.ts')).toThrow(/index\.ts.*found 0/);
  });

  it('refuses a file with the marker twice', () => {
    const text = `${MARKERS.contractsExports}\n${MARKERS.contractsExports}\n`;
    expect(() => insertAboveMarker(text, MARKERS.contractsExports, ['y'])).toThrow(/found 2/);
  });
});
