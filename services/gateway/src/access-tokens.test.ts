import type { Credential } from '@ndxp/contracts';
import { MeshError } from '@ndxp/contracts';
import { AccessTokens } from './access-tokens';
import { CredentialBook, tokenSha256 } from './credential-book';

const NOW = 1_800_000_000_000;
const client = (over: Partial<Credential> = {}): Credential => ({
  consumer: 'TINH-01-LGSP',
  kind: 'oauth',
  keyId: 'oc_1',
  issuedAtMs: 1,
  revokedAtMs: 0,
  expiresAtMs: 0,
  tokenSha256: tokenSha256('ndxp_cs_secret'),
  publicJwk: '',
  ...over,
});

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof MeshError ? e.code : `not a MeshError: ${String(e)}`;
  }
  return 'accepted';
}

describe('AccessTokens.verify, with tokens verified once remembered', () => {
  let tokens: AccessTokens;
  let book: CredentialBook;
  beforeEach(async () => {
    tokens = (await AccessTokens.open(undefined, 300)).tokens;
    book = new CredentialBook();
    book.load([client()]);
  });

  it('names the holder on every call with the same token', async () => {
    const { accessToken } = await tokens.issue({ consumer: 'TINH-01-LGSP', clientId: 'oc_1' }, NOW);
    for (let i = 0; i < 3; i++) {
      await expect(tokens.verify(accessToken, book, NOW + i * 1000)).resolves.toEqual({ consumer: 'TINH-01-LGSP', clientId: 'oc_1' });
    }
  });

  it('refuses a remembered token once its client is revoked, and at its expiry', async () => {
    const { accessToken } = await tokens.issue({ consumer: 'TINH-01-LGSP', clientId: 'oc_1' }, NOW);
    await tokens.verify(accessToken, book, NOW);
    // exp is NOW/1000 + 300 s: still valid a second before, refused at it (jose's rule) and after.
    await expect(tokens.verify(accessToken, book, NOW + 299_000)).resolves.toBeDefined();
    expect(await refusal(tokens.verify(accessToken, book, NOW + 300_000))).toBe('client.unauthenticated');
    expect(await refusal(tokens.verify(accessToken, book, NOW + 301_000))).toBe('client.unauthenticated');
    const again = (await tokens.issue({ consumer: 'TINH-01-LGSP', clientId: 'oc_1' }, NOW)).accessToken;
    await tokens.verify(again, book, NOW);
    book.revoked(client({ revokedAtMs: NOW + 10 }));
    expect(await refusal(tokens.verify(again, book, NOW + 20))).toBe('client.unauthenticated');
  });

  it('refuses a token altered after the original verified, and one signed by another key', async () => {
    const { accessToken } = await tokens.issue({ consumer: 'TINH-01-LGSP', clientId: 'oc_1' }, NOW);
    await tokens.verify(accessToken, book, NOW);
    const [head, body, sig] = accessToken.split('.');
    const flipped = `${head}.${body}.${sig!.slice(0, -2)}${sig!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await refusal(tokens.verify(flipped, book, NOW))).toBe('client.unauthenticated');
    const other = (await AccessTokens.open(undefined, 300)).tokens;
    const foreign = (await other.issue({ consumer: 'TINH-01-LGSP', clientId: 'oc_1' }, NOW)).accessToken;
    expect(await refusal(tokens.verify(foreign, book, NOW))).toBe('client.unauthenticated');
  });
});
