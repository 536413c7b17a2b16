import { createUser } from '@nats-io/nkeys';
import { createTrust, permissionsFor, userJwt } from '@ndxp/broker-auth';
import { MeshError, type RegistryChange } from '@ndxp/contracts';
import { openSqliteRegistryStore, type SqliteRegistryStore } from '@ndxp/store';
import { tokenSha256 } from './access-handlers';
import type { BrokerAuthority } from './broker-authority';
import { DEFAULT_SEED_DIR } from './config';
import { createHandlers, type RegistryHandlers } from './handlers';
import { seedRegistry } from './seeder';
import { TokenSigner } from './token-signer';

const NOW = 1_700_000_000_000;
const LGSP = 'TINH-01-LGSP';
const trust = createTrust();

/** Decodes the claims of a JWT (no verification: the broker verifies). */
function claims(jwt: string): { sub: string; name: string; exp?: number; nats: { pub: { allow: string[] }; sub: { allow: string[] } } } {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as ReturnType<typeof claims>;
}

describe('registry limits and credentials handlers', () => {
  let store: SqliteRegistryStore;
  let changes: RegistryChange[];
  let pushes: Record<string, number>[];
  let handlers: RegistryHandlers;
  let bare: RegistryHandlers;

  beforeEach(async () => {
    store = openSqliteRegistryStore(':memory:');
    await seedRegistry(store, DEFAULT_SEED_DIR);
    changes = [];
    pushes = [];
    const authority: BrokerAuthority = {
      signLgspUser: (consumer, publicKey, expiresAtSec) =>
        userJwt(trust, consumer, publicKey, permissionsFor({ kind: 'lgsp', consumer }), expiresAtSec ? { expiresAtSec } : {}),
      onboardEvents: async () => undefined,
      pushRevocations: async (r) => {
        pushes.push(r);
      },
    };
    handlers = createHandlers({ signer: await TokenSigner.ephemeral(), store, publish: (c) => changes.push(c), now: () => NOW, authority });
    bare = createHandlers({ signer: await TokenSigner.ephemeral(), store, publish: (c) => changes.push(c), now: () => NOW });
  });
  afterEach(async () => {
    await store.close();
  });

  const rejection = async (p: Promise<unknown>): Promise<MeshError> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MeshError);
    return err as MeshError;
  };

  it('SetLimits stores the limits, publishes limits_set once and shows them in the snapshot', async () => {
    const before = await store.revision();
    const limits = { consumer: LGSP, ratePerSecond: 20, burst: 40, dailyQuota: 10_000 };
    expect(await handlers.setLimits(limits)).toEqual({ revision: before + 1 });
    expect(await handlers.setLimits(limits)).toEqual({ revision: before + 1 });
    expect(changes).toEqual([{ revision: before + 1, change: { $case: 'limitsSet', value: limits } }]);
    expect((await handlers.snapshot({})).limits).toEqual([limits]);
  });

  it('SetLimits refuses bad numbers with client.invalid_argument naming the field, and an unknown consumer with client.not_found', async () => {
    const ok = { consumer: LGSP, ratePerSecond: 10, burst: 0, dailyQuota: 0 };
    const cases: [object, string][] = [
      [{ consumer: 'tinh 01' }, 'consumer'],
      [{ ratePerSecond: 100_001 }, 'rate_per_second'],
      [{ ratePerSecond: 1.5 }, 'rate_per_second'],
      [{ ratePerSecond: 0, burst: 5 }, 'burst'],
      [{ ratePerSecond: 10, burst: 5 }, 'burst'],
      [{ dailyQuota: -1 }, 'daily_quota'],
    ];
    for (const [patch, field] of cases) {
      const err = await rejection(handlers.setLimits({ ...ok, ...patch }));
      expect([err.code, err.field]).toEqual(['client.invalid_argument', field]);
    }
    const unknown = await rejection(handlers.setLimits({ ...ok, consumer: 'TINH-99-LGSP' }));
    expect([unknown.code, unknown.field]).toEqual(['client.not_found', 'consumer']);
    expect(changes).toEqual([]);
  });

  it('IssueCredential kind nats signs an LGSP user JWT for the public key, limited to its own subjects, with the expiry', async () => {
    const user = createUser();
    const res = await handlers.issueCredential({ consumer: LGSP, kind: 'nats', publicKey: user.getPublicKey(), expiresInS: 3600 });
    const c = claims(res.secret);
    expect(c.sub).toBe(user.getPublicKey());
    expect(c.name).toBe(LGSP);
    expect(c.exp).toBe(NOW / 1000 + 3600);
    expect(c.nats.pub.allow).toContain(`ndxp.req.${LGSP}.>`);
    expect(c.nats.pub.allow.filter((s) => s.startsWith('ndxp.req.'))).toEqual([`ndxp.req.${LGSP}.>`]);
    expect(c.nats.sub.allow).toEqual([`_INBOX.${LGSP}.>`]);
    const expected = {
      consumer: LGSP,
      kind: 'nats',
      keyId: user.getPublicKey(),
      issuedAtMs: NOW,
      revokedAtMs: 0,
      expiresAtMs: NOW + 3_600_000,
      tokenSha256: '',
      publicJwk: '',
    };
    expect(res.credential).toEqual(expected);
    expect(changes).toEqual([{ revision: res.revision, change: { $case: 'credentialIssued', value: expected } }]);
    expect((await handlers.listCredentials({ consumer: LGSP })).credentials).toEqual([expected]);
  });

  it('IssueCredential refuses a key that is not a user nkey, an unknown kind and an unknown consumer', async () => {
    const bad: [object, string, string][] = [
      [{ publicKey: 'UNOTAKEY' }, 'client.invalid_argument', 'public_key'],
      [{ publicKey: createUser().getPublicKey().replace(/^U/, 'A') }, 'client.invalid_argument', 'public_key'],
      [{ publicKey: new TextDecoder().decode(createUser().getSeed()) }, 'client.invalid_argument', 'public_key'],
      [{ kind: 'password' }, 'client.invalid_argument', 'kind'],
      [{ consumer: 'TINH-99-LGSP' }, 'client.not_found', 'consumer'],
      [{ expiresInS: 11 * 365 * 86_400 }, 'client.invalid_argument', 'expires_in_s'],
    ];
    for (const [patch, code, field] of bad) {
      const req = { consumer: LGSP, kind: 'nats', publicKey: createUser().getPublicKey(), expiresInS: 0, ...patch };
      const err = await rejection(handlers.issueCredential(req));
      expect([err.code, err.field]).toEqual([code, field]);
    }
    expect(changes).toEqual([]);
  });

  it('without the trust chain NATS credentials answer server.unavailable naming the variables, and tokens still work', async () => {
    const err = await rejection(
      bare.issueCredential({ consumer: LGSP, kind: 'nats', publicKey: createUser().getPublicKey(), expiresInS: 0 }),
    );
    expect(err.code).toBe('server.unavailable');
    expect(err.message).toMatch(/REGISTRY_AUTH_TRUST and REGISTRY_AUTH_SYSTEM_CREDS/);
    const token = await bare.issueCredential({ consumer: LGSP, kind: 'token', publicKey: '', expiresInS: 0 });
    expect(token.credential?.kind).toBe('token');
  });

  it('IssueCredential kind token returns an ndxp_ token once and stores only its SHA-256', async () => {
    const a = await handlers.issueCredential({ consumer: LGSP, kind: 'token', publicKey: '', expiresInS: 0 });
    const b = await handlers.issueCredential({ consumer: LGSP, kind: 'token', publicKey: '', expiresInS: 0 });
    expect(a.secret).toMatch(/^ndxp_[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
    expect(a.credential?.tokenSha256).toBe(tokenSha256(a.secret));
    const snap = await handlers.snapshot({});
    expect(snap.credentials.map((c) => c.tokenSha256).sort()).toEqual([tokenSha256(a.secret), tokenSha256(b.secret)].sort());
    expect(JSON.stringify(snap)).not.toContain(a.secret);
    const err = await rejection(handlers.issueCredential({ consumer: LGSP, kind: 'token', publicKey: 'UABC', expiresInS: 0 }));
    expect(err.field).toBe('public_key');
  });

  it('IssueCredential kind oauth returns an OAuth2 client secret once, the key id as client id, and stores only the secret digest', async () => {
    const res = await handlers.issueCredential({ consumer: LGSP, kind: 'oauth', publicKey: '', expiresInS: 3600 });
    expect(res.secret).toMatch(/^ndxp_cs_[A-Za-z0-9_-]{43}$/);
    expect(res.credential).toMatchObject({ consumer: LGSP, kind: 'oauth', tokenSha256: tokenSha256(res.secret) });
    expect(res.credential?.keyId).toMatch(/^oc_[A-Za-z0-9_-]{12}$/);
    expect(res.credential!.expiresAtMs - res.credential!.issuedAtMs).toBe(3_600_000);
    expect(JSON.stringify(await handlers.snapshot({}))).not.toContain(res.secret);
    const err = await rejection(handlers.issueCredential({ consumer: LGSP, kind: 'oauth', publicKey: '{"kty":"EC"}', expiresInS: 0 }));
    expect(err.field).toBe('public_key'); // a key-less JWK: neither a secret client nor a key client
  });

  it('IssueCredential kind oauth with a public JWK registers a private_key_jwt client: no secret, the public key kept', async () => {
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
      use: 'sig',
    };
    const res = await handlers.issueCredential({ consumer: LGSP, kind: 'oauth', publicKey: JSON.stringify(jwk), expiresInS: 0 });
    expect(res.secret).toBe('');
    expect(res.credential).toMatchObject({
      kind: 'oauth',
      tokenSha256: '',
      publicJwk: JSON.stringify({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }),
    });
    expect(res.credential?.keyId).toMatch(/^oc_/);
    for (const bad of [
      'not json',
      JSON.stringify({ ...jwk, d: 'secret' }),
      JSON.stringify({ kty: 'oct', k: 'abc' }),
      JSON.stringify({ kty: 'RSA', n: 'AQAB', e: 'AQAB' }),
    ]) {
      const err = await rejection(handlers.issueCredential({ consumer: LGSP, kind: 'oauth', publicKey: bad, expiresInS: 0 }));
      expect([err.code, err.field]).toEqual(['client.invalid_argument', 'public_key']);
    }
  });

  it('RevokeCredentials revokes one key or all valid ones, one change each, and pushes every revoked NATS key to the broker', async () => {
    const u1 = createUser().getPublicKey();
    const u2 = createUser().getPublicKey();
    await handlers.issueCredential({ consumer: LGSP, kind: 'nats', publicKey: u1, expiresInS: 0 });
    await handlers.issueCredential({ consumer: LGSP, kind: 'nats', publicKey: u2, expiresInS: 0 });
    const tok = await handlers.issueCredential({ consumer: LGSP, kind: 'token', publicKey: '', expiresInS: 0 });
    changes = [];

    const one = await handlers.revokeCredentials({ consumer: LGSP, keyId: u1 });
    expect(one.revoked.map((c) => [c.keyId, c.revokedAtMs])).toEqual([[u1, NOW]]);
    expect(pushes).toEqual([{ [u1]: NOW / 1000 }]);

    const rest = await handlers.revokeCredentials({ consumer: LGSP, keyId: '' });
    expect(rest.revoked.map((c) => c.keyId).sort()).toEqual([u2, tok.credential?.keyId].sort());
    expect(pushes[1]).toEqual({ [u1]: NOW / 1000, [u2]: NOW / 1000 });
    expect(changes.map((c) => c.change?.$case)).toEqual(['credentialRevoked', 'credentialRevoked', 'credentialRevoked']);
    expect(changes.map((c) => c.revision)).toEqual([one.revision, rest.revision - 1, rest.revision]);

    const again = await handlers.revokeCredentials({ consumer: LGSP, keyId: '' });
    expect(again).toEqual({ revoked: [], revision: rest.revision });
    expect(pushes).toHaveLength(2);
    expect((await handlers.snapshot({})).credentials.every((c) => c.revokedAtMs === NOW)).toBe(true);
  });

  it('RevokeCredentials answers client.not_found for an unknown key or consumer', async () => {
    const key = await rejection(handlers.revokeCredentials({ consumer: LGSP, keyId: 'nope' }));
    expect([key.code, key.field]).toEqual(['client.not_found', 'key_id']);
    const consumer = await rejection(handlers.revokeCredentials({ consumer: 'TINH-99-LGSP', keyId: '' }));
    expect([consumer.code, consumer.field]).toEqual(['client.not_found', 'consumer']);
    expect(await handlers.revokeCredentials({ consumer: 'TINH-79-LGSP', keyId: '' })).toEqual({
      revoked: [],
      revision: await store.revision(),
    });
  });

  it('a failed push is reported as server.unavailable while the revocation stays stored', async () => {
    const user = createUser().getPublicKey();
    const failing = createHandlers({
      signer: await TokenSigner.ephemeral(),
      store,
      publish: () => undefined,
      now: () => NOW,
      authority: {
        signLgspUser: async () => 'jwt',
        onboardEvents: async () => undefined,
        pushRevocations: async () => {
          throw new Error('no responders');
        },
      },
    });
    await failing.issueCredential({ consumer: LGSP, kind: 'nats', publicKey: user, expiresInS: 0 });
    const err = await rejection(failing.revokeCredentials({ consumer: LGSP, keyId: user }));
    expect(err.code).toBe('server.unavailable');
    expect(err.message).toMatch(/no responders/);
    expect((await store.listCredentials(LGSP))[0]?.revokedAtMs).toBe(NOW);
  });
});
