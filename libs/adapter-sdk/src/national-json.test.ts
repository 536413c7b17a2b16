import { isNationalJson, jsonText } from './national-json';

describe('reading a national JSON answer', () => {
  it('tells a JSON object from null, arrays and scalars', () => {
    expect([{}, { a: 1 }, null, [], 'x', 3].map(isNationalJson)).toEqual([true, true, false, false, false, false]);
  });

  it('reads a text field, a number as its text, and anything else as empty', () => {
    const o = { ten: 'Hà Nội', so: 42, co: true, con: { a: 1 } };
    expect(['ten', 'so', 'co', 'con', 'thieu'].map((k) => jsonText(o, k))).toEqual(['Hà Nội', '42', '', '', '']);
    expect(jsonText(undefined, 'ten')).toBe('');
  });
});
