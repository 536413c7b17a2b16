// The registry contract for consumer limits and credentials: each change bumps the revision once,
// idempotent ones leave it alone, the snapshot carries them, and a second instance sees them.
import type { RegistryStore } from '../ports';

const LGSP = 'TINH-01-LGSP';
const credential = (keyId: string, issuedAtMs: number, kind = 'token') => ({
  consumer: LGSP,
  kind,
  keyId,
  issuedAtMs,
  revokedAtMs: 0,
  expiresAtMs: 0,
  tokenSha256: kind === 'token' ? 'ab'.repeat(32) : '',
  publicJwk: kind === 'oauth' ? '{"kty":"EC","crv":"P-256","x":"x","y":"y"}' : '',
});

/**
 * Registers the limits and credentials tests; `ctx` gives the store of the current test (seeded with
 * TINH-01-LGSP) and a second instance on the same database.
 */
export function registryAccessContract(ctx: { store(): RegistryStore; other(): Promise<RegistryStore> }): void {
  test('limits round-trip through the snapshot, bump the revision once per change and all zero removes them', async () => {
    const store = ctx.store();
    const start = await store.revision();
    const limits = { consumer: LGSP, ratePerSecond: 50, burst: 100, dailyQuota: 200_000 };
    expect(await store.setLimits(limits)).toEqual({ revision: start + 1, changed: true });
    expect(await store.setLimits(limits)).toEqual({ revision: start + 1, changed: false });
    expect((await store.snapshot()).limits).toEqual([limits]);
    expect(await store.setLimits({ ...limits, dailyQuota: 0 })).toEqual({ revision: start + 2, changed: true });
    expect(await (await ctx.other()).listLimits(LGSP)).toEqual([{ ...limits, dailyQuota: 0 }]);
    expect(await store.setLimits({ consumer: LGSP, ratePerSecond: 0, burst: 0, dailyQuota: 0 })).toEqual({
      revision: start + 3,
      changed: true,
    });
    expect(await store.listLimits()).toEqual([]);
    expect((await store.snapshot()).limits).toEqual([]);
  });

  test('limits or a credential for an unknown consumer are refused with client.not_found and no revision', async () => {
    const store = ctx.store();
    const start = await store.revision();
    await expect(store.setLimits({ consumer: 'TINH-99-LGSP', ratePerSecond: 1, burst: 0, dailyQuota: 0 })).rejects.toMatchObject({
      code: 'client.not_found',
      field: 'consumer',
    });
    await expect(store.addCredential({ ...credential('k1', 1), consumer: 'TINH-99-LGSP' })).rejects.toMatchObject({
      code: 'client.not_found',
      field: 'consumer',
    });
    expect(await store.revision()).toBe(start);
  });

  test('credentials are stored once, listed oldest first, and revoked once, each change with its own revision', async () => {
    const store = ctx.store();
    const start = await store.revision();
    expect(await store.addCredential(credential('k2', 2_000))).toEqual({ revision: start + 1, changed: true });
    expect(await store.addCredential(credential('UABC', 1_000, 'nats'))).toEqual({ revision: start + 2, changed: true });
    expect(await store.addCredential(credential('oc_key', 1_500, 'oauth'))).toEqual({ revision: start + 3, changed: true });
    await expect(store.addCredential(credential('k2', 3_000))).rejects.toMatchObject({ code: 'client.invalid_argument', field: 'key_id' });
    expect((await store.listCredentials(LGSP)).map((c) => c.keyId)).toEqual(['UABC', 'oc_key', 'k2']);
    // An OAuth2 client registered with its public key keeps it (private_key_jwt).
    expect((await store.snapshot()).credentials).toEqual([
      credential('UABC', 1_000, 'nats'),
      credential('oc_key', 1_500, 'oauth'),
      credential('k2', 2_000),
    ]);

    const revoked = await store.revokeCredential(LGSP, 'k2', 5_000);
    expect(revoked).toEqual({ revision: start + 4, changed: true, credential: { ...credential('k2', 2_000), revokedAtMs: 5_000 } });
    const again = await store.revokeCredential(LGSP, 'k2', 6_000);
    expect(again).toEqual({ revision: start + 4, changed: false, credential: { ...credential('k2', 2_000), revokedAtMs: 5_000 } });
    expect(await store.revokeCredential(LGSP, 'nope', 6_000)).toEqual({ revision: start + 4, changed: false });
    expect(await store.revokeCredential('TINH-79-LGSP', 'UABC', 6_000)).toEqual({ revision: start + 4, changed: false });

    const other = await ctx.other();
    expect((await other.listCredentials()).map((c) => [c.keyId, c.revokedAtMs])).toEqual([
      ['UABC', 0],
      ['oc_key', 0],
      ['k2', 5_000],
    ]);
    expect(await other.listCredentials('TINH-79-LGSP')).toEqual([]);
    expect((await other.snapshot()).revision).toBe(start + 4);
  });
}
