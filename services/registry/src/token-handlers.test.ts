// The access-token methods and the audit trail's wrapping, on an in-memory store: tokens carry the
// identity and roles asked for, within the lifetime bounds; every issue and revocation is one
// change event; bad identities and roles are client.invalid_argument; each audited call, failed
// ones included, is appended with its actor, and the trail verifies.
import { createLogger, NATS_OPS_CALLER, TokenVerifier } from '@ndxp/runtime';
import { openSqliteRegistryStore, type SqliteRegistryStore } from '@ndxp/store';
import { AuditTrail } from './audit-trail';
import { createHandlers, type RegistryHandlers, type RegistryMethod } from './handlers';
import { RegistryDefinition, type RegistryChange } from '@ndxp/contracts';
import { TokenSigner } from './token-signer';

const NOW = Date.UTC(2026, 11, 1, 9);
const names = Object.fromEntries(Object.entries(RegistryDefinition.methods).map(([k, m]) => [k, m.name])) as Record<RegistryMethod, string>;

describe('registry access tokens', () => {
  let store: SqliteRegistryStore;
  let handlers: RegistryHandlers;
  let changes: RegistryChange[];
  let verifier: TokenVerifier;
  const ctx = { caller: { ...NATS_OPS_CALLER, identity: 'ops-hn', via: 'grpc' as const, peer: '10.0.0.5:4242' }, peer: '10.0.0.5:4242' };

  beforeEach(async () => {
    store = openSqliteRegistryStore(':memory:');
    changes = [];
    const signer = await TokenSigner.ephemeral();
    verifier = new TokenVerifier();
    await verifier.setKeys([signer.publicKey]);
    const trail = new AuditTrail(store, createLogger({ service: 'test', level: 'silent' }), () => NOW);
    const raw = createHandlers({
      signer,
      store,
      publish: (c) => changes.push(c),
      now: () => Date.now(),
      lifetimes: { defaultS: 600, maxS: 3600 },
    });
    handlers = trail.wrap(raw, names);
  });
  afterEach(async () => {
    await store.close();
  });

  it('issues a token with the identity, roles, lifetime and issuer asked for, and announces it', async () => {
    const res = await handlers.issueAccessToken(
      { identity: 'giam-sat-01', roles: ['oversight', 'owner:BO-BKHDT-DKDN'], expiresInS: 0 },
      ctx,
    );
    const v = await verifier.verify(res.token);
    expect(v).toMatchObject({ identity: 'giam-sat-01', roles: ['oversight', 'owner:BO-BKHDT-DKDN'], keyId: res.accessToken!.keyId });
    expect(res.accessToken!.expiresAtMs - res.accessToken!.issuedAtMs).toBe(600_000);
    expect(res.accessToken!.issuedBy).toBe('ops-hn');
    expect(changes.map((c) => c.change?.$case)).toEqual(['accessTokenIssued']);
    expect(JSON.stringify(changes)).not.toContain(res.token);
  });

  it('refuses a bad identity, unknown or no roles, and a lifetime above the maximum', async () => {
    const bad = [
      [{ identity: 'Ops Hà Nội', roles: ['ops'], expiresInS: 0 }, 'identity'],
      [{ identity: 'ops-1', roles: ['root'], expiresInS: 0 }, 'roles'],
      [{ identity: 'ops-1', roles: [], expiresInS: 0 }, 'roles'],
      [{ identity: 'ops-1', roles: ['ops'], expiresInS: 3601 }, 'expires_in_s'],
    ] as const;
    for (const [req, field] of bad) {
      await expect(handlers.issueAccessToken({ ...req, roles: [...req.roles] }, ctx)).rejects.toMatchObject({
        code: 'client.invalid_argument',
        field,
      });
    }
    expect(changes).toEqual([]);
  });

  it('revokes one token or every token of an identity, one event per token, and says when there is none', async () => {
    const a = await handlers.issueAccessToken({ identity: 'ops-2', roles: ['ops'], expiresInS: 0 }, ctx);
    await handlers.issueAccessToken({ identity: 'ops-2', roles: ['ops'], expiresInS: 0 }, ctx);
    const one = await handlers.revokeAccessTokens({ identity: 'ops-2', keyId: a.accessToken!.keyId }, ctx);
    expect(one.revoked.map((t) => t.keyId)).toEqual([a.accessToken!.keyId]);
    const rest = await handlers.revokeAccessTokens({ identity: 'ops-2', keyId: '' }, ctx);
    expect(rest.revoked).toHaveLength(1);
    expect(changes.filter((c) => c.change?.$case === 'accessTokenRevoked')).toHaveLength(2);
    await expect(handlers.revokeAccessTokens({ identity: 'ops-2', keyId: 'at_nope' }, ctx)).rejects.toMatchObject({
      code: 'client.not_found',
    });
    expect((await handlers.listAccessTokens({ identity: 'ops-2' }, ctx)).accessTokens.every((t) => t.revokedAtMs > 0)).toBe(true);
  });

  it('appends each audited call with its actor, peer and outcome, failures included, to a trail that verifies', async () => {
    await handlers.issueAccessToken({ identity: 'ops-3', roles: ['ops'], expiresInS: 0 }, ctx);
    await handlers.issueAccessToken({ identity: 'ops-3', roles: ['nobody'], expiresInS: 0 }, ctx).catch(() => undefined);
    await handlers.grant({ consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise' }).catch(() => undefined);
    const { records } = await handlers.listAudit({ fromSeq: 0, limit: 0 }, ctx);
    expect(records.map((r) => [r.seq, r.entry!.action, r.entry!.actor, r.entry!.peer, r.entry!.outcome, r.entry!.code])).toEqual([
      [1, 'IssueAccessToken', 'ops-hn', '10.0.0.5:4242', 'ok', ''],
      [2, 'IssueAccessToken', 'ops-hn', '10.0.0.5:4242', 'failed', 'client.invalid_argument'],
      [3, 'Grant', '', '', 'failed', 'client.invalid_argument'],
    ]);
    expect(records[0]!.entry!.atMs).toBe(NOW);
    expect(await handlers.verifyAudit({}, ctx)).toMatchObject({ ok: true, checked: 3, tailSeq: 3, problem: '' });
    await expect(handlers.listAudit({ fromSeq: 0, limit: 1001 }, ctx)).rejects.toMatchObject({
      code: 'client.invalid_argument',
      field: 'limit',
    });
  });
});
