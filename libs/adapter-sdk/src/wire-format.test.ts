import { GetEnterpriseRequest } from '@ndxp/contracts';
import { wireFormatProblem } from './wire-format';

const valid = GetEnterpriseRequest.encode({ taxCode: '0100109106' }).finish();

describe('wireFormatProblem', () => {
  it('accepts an encoded request, an empty one, and unknown fields of every proto3 wire type', () => {
    expect(wireFormatProblem(valid)).toBeUndefined();
    expect(wireFormatProblem(new Uint8Array(0))).toBeUndefined();
    // field 9 varint 300, field 10 fixed64, field 11 bytes "ab", field 12 fixed32
    const unknown = Uint8Array.from([0x48, 0xac, 0x02, 0x51, 1, 2, 3, 4, 5, 6, 7, 8, 0x5a, 2, 0x61, 0x62, 0x65, 1, 2, 3, 4]);
    expect(wireFormatProblem(unknown)).toBeUndefined();
  });
  it('refuses a truncated message', () => {
    for (let cut = 1; cut < valid.length; cut++) expect(wireFormatProblem(valid.subarray(0, cut))).toBeDefined();
  });
  it('refuses a zero tag, groups and the reserved wire types 6 and 7', () => {
    expect(wireFormatProblem(Uint8Array.from([0x00]))).toMatch(/field number 0/);
    expect(wireFormatProblem(Uint8Array.from([0x0b, 0x0c]))).toMatch(/wire type 3/);
    expect(wireFormatProblem(Uint8Array.from([0x0c]))).toMatch(/wire type 4/);
    expect(wireFormatProblem(Uint8Array.from([0x0e]))).toMatch(/wire type 6/);
    expect(wireFormatProblem(Uint8Array.from([0x0f]))).toMatch(/wire type 7/);
  });
  it('refuses a varint longer than 10 bytes and a length past the end', () => {
    expect(wireFormatProblem(Uint8Array.from([0x08, ...new Array<number>(11).fill(0xff)]))).toBeDefined();
    expect(wireFormatProblem(Uint8Array.from([0x0a, 0x05, 0x61]))).toMatch(/past the end/);
    expect(wireFormatProblem(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toMatch(/past the end/);
  });
});
