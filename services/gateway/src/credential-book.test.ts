import type { Credential } from '@ndxp/contracts';
import { CredentialBook, tokenSha256 } from './credential-book';

const cred = (over: Partial<Credential>): Credential => ({
  consumer: 'TINH-01-LGSP',
  kind: 'token',
  keyId: 'k1',
  issuedAtMs: 1,
  revokedAtMs: 0,
  expiresAtMs: 0,
  tokenSha256: tokenSha256('secret-1'),
  publicJwk: '',
  ...over,
});

describe('CredentialBook', () => {
  it('names the consumer of a token whose SHA-256 matches a valid credential', () => {
    const book = new CredentialBook();
    book.load([cred({}), cred({ keyId: 'k2', consumer: 'BO-BTP-LGSP', tokenSha256: tokenSha256('secret-2') })]);
    expect(book.consumerOf('secret-1', 10)).toBe('TINH-01-LGSP');
    expect(book.consumerOf('secret-2', 10)).toBe('BO-BTP-LGSP');
  });

  it('accepts an upper-case hex digest as the registry may write it', () => {
    const book = new CredentialBook();
    book.issued(cred({ tokenSha256: tokenSha256('secret-1').toUpperCase() }));
    expect(book.consumerOf('secret-1', 10)).toBe('TINH-01-LGSP');
  });

  it('refuses an unknown token, an empty token and a near miss', () => {
    const book = new CredentialBook();
    book.load([cred({})]);
    expect(book.consumerOf('secret-2', 10)).toBeUndefined();
    expect(book.consumerOf('', 10)).toBeUndefined();
    expect(book.consumerOf('secret-1 ', 10)).toBeUndefined();
  });

  it('refuses a token once its credential is revoked by event, and one revoked in the snapshot', () => {
    const book = new CredentialBook();
    book.load([cred({}), cred({ keyId: 'k2', tokenSha256: tokenSha256('secret-2'), revokedAtMs: 5 })]);
    expect(book.consumerOf('secret-2', 10)).toBeUndefined();
    expect(book.consumerOf('secret-1', 10)).toBe('TINH-01-LGSP');
    book.revoked(cred({ revokedAtMs: 20, tokenSha256: '' }));
    expect(book.consumerOf('secret-1', 30)).toBeUndefined();
    expect(book.size).toBe(0);
  });

  it('refuses a token at and after its expiry, not before', () => {
    const book = new CredentialBook();
    book.issued(cred({ expiresAtMs: 1_000 }));
    expect(book.consumerOf('secret-1', 999)).toBe('TINH-01-LGSP');
    expect(book.consumerOf('secret-1', 1_000)).toBeUndefined();
    expect(book.consumerOf('secret-1', 5_000)).toBeUndefined();
  });

  it('ignores credentials of other kinds and malformed digests', () => {
    const book = new CredentialBook();
    book.load([cred({ kind: 'nats' }), cred({ keyId: 'k3', tokenSha256: 'not-hex' })]);
    expect(book.size).toBe(0);
    expect(book.consumerOf('secret-1', 10)).toBeUndefined();
  });

  it('a snapshot replaces what was held', () => {
    const book = new CredentialBook();
    book.issued(cred({}));
    book.load([cred({ keyId: 'k2', tokenSha256: tokenSha256('secret-2') })]);
    expect(book.consumerOf('secret-1', 10)).toBeUndefined();
    expect(book.consumerOf('secret-2', 10)).toBe('TINH-01-LGSP');
  });
});
