import { MeshError } from '@ndxp/contracts';
import { decodePageToken, encodePageToken, type SearchKey } from './page-token';

const key: SearchKey = { nameContains: 'trường', managingAuthority: '', pageSize: 20 };

const failure = (token: string, k: SearchKey = key): { code: string; field: string | undefined; message: string } => {
  try {
    decodePageToken(token, k);
  } catch (err) {
    if (err instanceof MeshError) return { code: err.code, field: err.field, message: err.message };
    throw err;
  }
  throw new Error('token was accepted');
};

describe('page tokens', () => {
  it('round-trips a page number and reads an empty token as page 1', () => {
    for (const page of [2, 3, 57, 1_000_000]) expect(decodePageToken(encodePageToken(page, key), key)).toBe(page);
    expect(decodePageToken('', key)).toBe(1);
  });

  it('is opaque URL-safe text', () => {
    expect(encodePageToken(2, key)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses a token issued for another query or page size', () => {
    const token = encodePageToken(2, key);
    expect(failure(token, { ...key, nameContains: 'bệnh viện' }).message).toMatch(/another query/);
    expect(failure(token, { ...key, managingAuthority: 'Bộ Y tế' }).field).toBe('page_token');
    expect(failure(token, { ...key, pageSize: 21 }).code).toBe('client.invalid_argument');
  });

  it('refuses a token whose page number was altered', () => {
    const decoded = JSON.parse(Buffer.from(encodePageToken(2, key), 'base64url').toString()) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...decoded, p: 3 })).toString('base64url');
    expect(failure(tampered)).toEqual({ code: 'client.invalid_argument', field: 'page_token', message: 'page_token was altered' });
  });

  it('refuses garbage, non-JSON, wrong shapes and page numbers below 2', () => {
    const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const good = JSON.parse(Buffer.from(encodePageToken(2, key), 'base64url').toString()) as Record<string, unknown>;
    for (const token of [
      'not a token',
      '!!!',
      Buffer.from('{"v":1').toString('base64url'),
      b64(null),
      b64([1, 2]),
      b64({ ...good, v: 2 }),
      b64({ ...good, p: '2' }),
      b64({ ...good, p: 1 }),
      b64({ ...good, p: 2.5 }),
      b64({ ...good, q: 5 }),
      'A'.repeat(500),
    ]) {
      expect([token, failure(token).code, failure(token).field]).toEqual([token, 'client.invalid_argument', 'page_token']);
    }
  });
});
