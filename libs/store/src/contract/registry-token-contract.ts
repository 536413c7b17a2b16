// The registry contract for access token records: stored once by key id with a revision each,
// listed oldest first, revoked one by one or all of an identity's at once, and the snapshot's deny
// list of tokens revoked before they expire.
import type { AccessToken } from '@ndxp/contracts';
import type { RegistryStore } from '../ports';

const OPS = 'ops-hanoi';
const OVERSIGHT = 'oversight-kttw';
const HOUR = 3_600_000;

/** An access token record of an identity, valid (not revoked) unless overridden. */
export function accessToken(identity: string, keyId: string, issuedAtMs: number, over: Partial<AccessToken> = {}): AccessToken {
  return {
    identity,
    roles: identity === OPS ? ['ops', 'owner:BO-BKHDT-DKDN'] : ['oversight'],
    keyId,
    issuedAtMs,
    expiresAtMs: issuedAtMs + 24 * HOUR,
    revokedAtMs: 0,
    issuedBy: 'admin-1',
    ...over,
  };
}

/** Registers the access token tests; `ctx` gives the store of the current test and a second instance on its database. */
export function registryTokenContract(ctx: { store(): RegistryStore; other(): Promise<RegistryStore> }): void {
  test('access tokens are stored once by key id, each with its own revision, and listed oldest first', async () => {
    const store = ctx.store();
    const start = await store.revision();
    const [t1, t2, t3] = [accessToken(OPS, 'k1', 1_000), accessToken(OPS, 'k2', 3_000), accessToken(OVERSIGHT, 'k3', 2_000)];
    expect(await store.addAccessToken(t2)).toEqual({ revision: start + 1, changed: true });
    expect(await store.addAccessToken(t1)).toEqual({ revision: start + 2, changed: true });
    expect(await store.addAccessToken(t3)).toEqual({ revision: start + 3, changed: true });
    await expect(store.addAccessToken({ ...t1, identity: OVERSIGHT })).rejects.toMatchObject({
      code: 'client.invalid_argument',
      field: 'key_id',
    });
    await expect(store.addAccessToken({ ...t1, keyId: '' })).rejects.toMatchObject({ code: 'client.invalid_argument', field: 'key_id' });
    expect(await store.revision()).toBe(start + 3);

    const other = await ctx.other();
    expect(await other.listAccessTokens()).toEqual([t1, t3, t2]);
    expect(await other.listAccessTokens('')).toEqual([t1, t3, t2]);
    expect(await other.listAccessTokens(OPS)).toEqual([t1, t2]);
    expect(await other.listAccessTokens('nobody')).toEqual([]);
    expect(await other.getAccessToken('k2')).toEqual(t2);
    expect(await other.getAccessToken('missing')).toBeUndefined();
  });

  test('revoking one token by key id marks it once; an unknown or revoked one, or one of another identity, changes nothing', async () => {
    const store = ctx.store();
    await store.addAccessToken(accessToken(OPS, 'k1', 1_000));
    await store.addAccessToken(accessToken(OPS, 'k2', 2_000));
    const start = await store.revision();
    const revoked = await store.revokeAccessTokens(OPS, 'k1', 5_000);
    expect(revoked).toEqual({ revision: start + 1, changed: true, revoked: [accessToken(OPS, 'k1', 1_000, { revokedAtMs: 5_000 })] });
    expect(await store.revokeAccessTokens(OPS, 'k1', 6_000)).toEqual({ revision: start + 1, changed: false, revoked: [] });
    expect(await store.revokeAccessTokens(OPS, 'nope', 6_000)).toEqual({ revision: start + 1, changed: false, revoked: [] });
    expect(await store.revokeAccessTokens(OVERSIGHT, 'k2', 6_000)).toEqual({ revision: start + 1, changed: false, revoked: [] });
    expect((await (await ctx.other()).listAccessTokens(OPS)).map((t) => [t.keyId, t.revokedAtMs])).toEqual([
      ['k1', 5_000],
      ['k2', 0],
    ]);
  });

  test('revoking with an empty key id revokes every valid token of the identity in one revision', async () => {
    const store = ctx.store();
    await store.addAccessToken(accessToken(OPS, 'a1', 1_000));
    await store.addAccessToken(accessToken(OPS, 'a2', 2_000));
    await store.addAccessToken(accessToken(OPS, 'a0', 500, { revokedAtMs: 700 }));
    await store.addAccessToken(accessToken(OVERSIGHT, 'b1', 1_500));
    const start = await store.revision();
    expect(await store.revokeAccessTokens(OPS, '', 9_000)).toEqual({
      revision: start + 1,
      changed: true,
      revoked: [accessToken(OPS, 'a1', 1_000, { revokedAtMs: 9_000 }), accessToken(OPS, 'a2', 2_000, { revokedAtMs: 9_000 })],
    });
    expect(await store.revokeAccessTokens(OPS, '', 9_500)).toEqual({ revision: start + 1, changed: false, revoked: [] });
    expect(await store.getAccessToken('a0')).toMatchObject({ revokedAtMs: 700 });
    expect(await store.getAccessToken('b1')).toMatchObject({ revokedAtMs: 0 });
  });

  test('the snapshot lists revoked tokens until they expire, never valid or expired ones, and no token keys', async () => {
    const store = ctx.store();
    const now = Date.now();
    const revokedLive = accessToken(OPS, 'live', now - HOUR, { expiresAtMs: now + HOUR, revokedAtMs: now - 1 });
    const revokedForever = accessToken(OPS, 'forever', now - 2 * HOUR, { expiresAtMs: 0, revokedAtMs: now - 1 });
    await store.addAccessToken(revokedLive);
    await store.addAccessToken(revokedForever);
    await store.addAccessToken(accessToken(OPS, 'expired', now - 3 * HOUR, { expiresAtMs: now - HOUR, revokedAtMs: now - 2 * HOUR }));
    await store.addAccessToken(accessToken(OPS, 'valid', now - HOUR, { expiresAtMs: now + HOUR }));
    const snap = await (await ctx.other()).snapshot();
    expect(snap.revokedAccessTokens).toEqual([revokedForever, revokedLive]);
    expect(snap.tokenKeys).toEqual([]);
    await store.revokeAccessTokens(OPS, 'valid', now);
    expect((await store.snapshot()).revokedAccessTokens.map((t) => t.keyId)).toEqual(['forever', 'live', 'valid']);
  });
}
