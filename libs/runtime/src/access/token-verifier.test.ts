// TokenVerifier: what the registry signed with a known key, for the mesh's audience, unexpired and
// not revoked, with known roles, is accepted; everything else is client.unauthenticated.
import { testTokenIssuer, type TestTokenIssuer } from '@ndxp/testing';
import { bearerToken, TokenVerifier } from './token-verifier';

describe('TokenVerifier', () => {
  let issuer: TestTokenIssuer;
  let foreign: TestTokenIssuer;
  let verifier: TokenVerifier;
  beforeAll(async () => {
    issuer = await testTokenIssuer();
    foreign = await testTokenIssuer();
    verifier = new TokenVerifier();
    await verifier.setKeys([issuer.tokenKey]);
  });

  it('accepts a token of a known key and reads identity, roles, id and expiry', async () => {
    const token = await issuer.token('giam-sat-01', ['oversight', 'owner:BO-BKHDT-DKDN'], { keyId: 'at_1', expiresInS: 600 });
    const v = await verifier.verify(token);
    expect(v).toMatchObject({ identity: 'giam-sat-01', roles: ['oversight', 'owner:BO-BKHDT-DKDN'], keyId: 'at_1' });
    expect(v.expiresAtMs).toBeGreaterThan(Date.now() + 590_000);
  });

  it.each([
    ['signed by a key of another registry', async () => foreign.token('ops-1', ['ops']), 'not signed by a key of this registry'],
    ['expired', async () => issuer.token('ops-1', ['ops'], { expiresInS: -5 }), 'expired'],
    ['not a JWT', async () => 'ndxp_0123456789abcdef', 'not a JWT'],
    ['with an unknown role', async () => issuer.token('ops-1', ['root']), 'no valid roles'],
    ['with no roles', async () => issuer.token('ops-1', []), 'no valid roles'],
    [
      'whose payload was changed after signing',
      async () => {
        const [h, , sig] = (await issuer.token('lgsp-1', ['lgsp:TINH-01-LGSP'])).split('.');
        const forged = Buffer.from(
          JSON.stringify({ sub: 'lgsp-1', roles: ['ops'], jti: 'x', exp: 9e9, iss: 'ndxp-registry', aud: 'ndxp-mesh' }),
        ).toString('base64url');
        return `${h}.${forged}.${sig}`;
      },
      'signature',
    ],
  ])('refuses a token %s with client.unauthenticated', async (_what, make, reason) => {
    const err = await verifier.verify(await make()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'client.unauthenticated' });
    expect((err as Error).message).toContain(reason);
  });

  it('refuses a revoked token from the moment the revocation arrives', async () => {
    const token = await issuer.token('ops-2', ['ops'], { keyId: 'at_revoked' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ identity: 'ops-2' });
    verifier.revoke({ keyId: 'at_revoked', expiresAtMs: Date.now() + 600_000 });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'client.unauthenticated', message: 'the token has been revoked' });
  });

  it('answers server.unavailable until it has keys', async () => {
    await expect(new TokenVerifier().verify(await issuer.token('ops-1', ['ops']))).rejects.toMatchObject({ code: 'server.unavailable' });
  });
});

describe('bearerToken', () => {
  it('reads one "Bearer <token>" and refuses anything else', () => {
    expect(bearerToken([])).toBeUndefined();
    expect(bearerToken(['Bearer abc.def.ghi'])).toBe('abc.def.ghi');
    expect(() => bearerToken(['Basic dXNlcjpwYXNz'])).toThrow(expect.objectContaining({ code: 'client.unauthenticated' }));
    expect(() => bearerToken(['Bearer a', 'Bearer b'])).toThrow(expect.objectContaining({ code: 'client.unauthenticated' }));
  });
});
