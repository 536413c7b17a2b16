// The registry methods for consumer limits and credentials (issue 5): SetLimits, IssueCredential,
// RevokeCredentials and ListCredentials.
import { createHash, randomBytes } from 'node:crypto';
import { fromPublic } from '@nats-io/nkeys';
import { CREDENTIAL_KINDS, MeshError, isSubsystemToken, type Credential, type RegistryChange } from '@ndxp/contracts';
import type { RegistryStore } from '@ndxp/store';
import type { BrokerAuthority } from './broker-authority';
import type { RegistryHandlers } from './handlers';
import { invalid, validateTokenFilter } from './validation';

/** Prefix of every gateway token, so a leaked one is easy to recognise. */
export const TOKEN_PREFIX = 'ndxp_';
/** Prefix of every OAuth2 client secret (kind oauth). */
export const CLIENT_SECRET_PREFIX = 'ndxp_cs_';
/** Prefix of every OAuth2 client id (kind oauth; the credential's key id). */
export const CLIENT_ID_PREFIX = 'oc_';
/** Upper bounds that keep limits sane. */
export const MAX_RATE_PER_SECOND = 100_000;
export const MAX_BURST = 1_000_000;
export const MAX_DAILY_QUOTA = 1_000_000_000_000;
/** Longest credential lifetime: ten years. */
export const MAX_EXPIRES_IN_S = 10 * 365 * 86_400;

/** The variables whose absence makes NATS credentials unavailable. */
export const AUTH_VARIABLES = 'REGISTRY_AUTH_TRUST and REGISTRY_AUTH_SYSTEM_CREDS';

type AccessMethods = Pick<RegistryHandlers, 'setLimits' | 'issueCredential' | 'revokeCredentials' | 'listCredentials'>;

/** What the access handlers need; `serial` orders the changes with the other handlers'. */
export interface AccessDeps {
  store: RegistryStore;
  publish: (change: RegistryChange) => void;
  now: () => number;
  serial: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Absent when the registry was started without the broker's trust chain. */
  authority?: BrokerAuthority | undefined;
}

/** Hex SHA-256 of a gateway token: what the registry stores and the gateway compares. */
export function tokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The revocations the broker must hold: each revoked NATS user key at its revocation second. */
export function revocationsOf(credentials: Credential[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of credentials) if (c.kind === 'nats' && c.revokedAtMs > 0) out[c.keyId] = Math.floor(c.revokedAtMs / 1000);
  return out;
}

function noAuthority(what: string): never {
  throw new MeshError('server.unavailable', `${what} needs the broker's trust chain: start the registry with ${AUTH_VARIABLES}`);
}

function checkCount(value: number, field: string, max: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max)
    invalid(field, `${field} must be an integer from 0 to ${max}, got ${value}`);
}

/** Builds the four access methods. */
export function createAccessHandlers({ store, publish, now, serial, authority }: AccessDeps): AccessMethods {
  const pushAll = async (): Promise<void> => {
    if (!authority) return noAuthority('revoking a NATS credential');
    try {
      await authority.pushRevocations(revocationsOf(await store.listCredentials()));
    } catch (err) {
      throw new MeshError(
        'server.unavailable',
        `revoked in the registry, but the broker did not take the account update (${(err as Error).message}); the registry pushes it again when it restarts or reconnects`,
        { cause: err },
      );
    }
  };

  return {
    setLimits: async (req) => {
      if (!isSubsystemToken(req.consumer)) invalid('consumer', `consumer must be a subsystem token, got ${JSON.stringify(req.consumer)}`);
      checkCount(req.ratePerSecond, 'rate_per_second', MAX_RATE_PER_SECOND);
      checkCount(req.burst, 'burst', MAX_BURST);
      checkCount(req.dailyQuota, 'daily_quota', MAX_DAILY_QUOTA);
      if (req.burst > 0 && req.ratePerSecond === 0) invalid('burst', 'burst needs a rate_per_second');
      if (req.burst > 0 && req.burst < req.ratePerSecond) invalid('burst', `burst must be at least rate_per_second (${req.ratePerSecond})`);
      const limits = { consumer: req.consumer, ratePerSecond: req.ratePerSecond, burst: req.burst, dailyQuota: req.dailyQuota };
      return serial(async () => {
        const result = await store.setLimits(limits);
        if (result.changed) publish({ revision: result.revision, change: { $case: 'limitsSet', value: limits } });
        return { revision: result.revision };
      });
    },

    issueCredential: async (req) => {
      if (!isSubsystemToken(req.consumer)) invalid('consumer', `consumer must be a subsystem token, got ${JSON.stringify(req.consumer)}`);
      if (!(CREDENTIAL_KINDS as readonly string[]).includes(req.kind)) {
        invalid('kind', `kind must be one of ${CREDENTIAL_KINDS.join(', ')}, got ${JSON.stringify(req.kind)}`);
      }
      checkCount(req.expiresInS, 'expires_in_s', MAX_EXPIRES_IN_S);
      const issuedAtMs = now();
      const expiresAtMs = req.expiresInS ? issuedAtMs + req.expiresInS * 1000 : 0;
      let credential: Credential;
      let secret: string;
      if (req.kind === 'nats') {
        if (!req.publicKey.startsWith('U') || !isPublicKey(req.publicKey)) {
          invalid('public_key', `public_key must be the public nkey of a user (U...), got ${JSON.stringify(req.publicKey.slice(0, 60))}`);
        }
        if (!authority) return noAuthority('issuing a NATS credential');
        secret = await authority.signLgspUser(req.consumer, req.publicKey, expiresAtMs ? Math.floor(expiresAtMs / 1000) : 0);
        // Its order-events durable exists before it first connects (LGSPs may not create consumers).
        await authority.onboardEvents(req.consumer).catch((err: unknown) => {
          throw new MeshError('server.unavailable', `could not create the events consumer of ${req.consumer}: ${(err as Error).message}`);
        });
        credential = {
          consumer: req.consumer,
          kind: 'nats',
          keyId: req.publicKey,
          issuedAtMs,
          revokedAtMs: 0,
          expiresAtMs,
          tokenSha256: '',
          publicJwk: '',
        };
      } else if (req.kind === 'oauth' && req.publicKey) {
        // private_key_jwt (RFC 7523): the client keeps its private key; the registry keeps the public one.
        const publicJwk = clientPublicJwk(req.publicKey);
        secret = '';
        credential = {
          consumer: req.consumer,
          kind: 'oauth',
          keyId: `${CLIENT_ID_PREFIX}${randomBytes(9).toString('base64url')}`,
          issuedAtMs,
          revokedAtMs: 0,
          expiresAtMs,
          tokenSha256: '',
          publicJwk,
        };
      } else {
        if (req.publicKey) invalid('public_key', 'a token credential takes no public_key: the registry makes the token');
        // token: the bearer token itself; oauth: the client secret, with the key id as the client id.
        const oauth = req.kind === 'oauth';
        secret = `${oauth ? CLIENT_SECRET_PREFIX : TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
        const keyId = `${oauth ? CLIENT_ID_PREFIX : ''}${randomBytes(oauth ? 9 : 6).toString(oauth ? 'base64url' : 'hex')}`;
        credential = {
          consumer: req.consumer,
          kind: req.kind,
          keyId,
          issuedAtMs,
          revokedAtMs: 0,
          expiresAtMs,
          tokenSha256: tokenSha256(secret),
          publicJwk: '',
        };
      }
      return serial(async () => {
        const result = await store.addCredential(credential);
        publish({ revision: result.revision, change: { $case: 'credentialIssued', value: credential } });
        return { credential, secret, revision: result.revision };
      });
    },

    revokeCredentials: async ({ consumer, keyId }) => {
      if (!isSubsystemToken(consumer)) invalid('consumer', `consumer must be a subsystem token, got ${JSON.stringify(consumer)}`);
      if (keyId.length > 128) invalid('key_id', 'key_id is at most 128 characters');
      return serial(async () => {
        const held = await store.listCredentials(consumer);
        let targets = held.filter((c) => c.revokedAtMs === 0);
        if (keyId) {
          if (!held.some((c) => c.keyId === keyId))
            throw new MeshError('client.not_found', `${consumer} has no credential ${keyId}`, { field: 'key_id' });
          targets = targets.filter((c) => c.keyId === keyId);
        } else if (held.length === 0) {
          const snap = await store.snapshot();
          if (!snap.subsystems.some((s) => s.token === consumer)) {
            throw new MeshError('client.not_found', `consumer ${consumer} is not a registered subsystem`, { field: 'consumer' });
          }
        }
        if (!authority && targets.some((c) => c.kind === 'nats')) noAuthority('revoking a NATS credential');
        const revoked: Credential[] = [];
        const at = now();
        for (const c of targets) {
          const result = await store.revokeCredential(consumer, c.keyId, at);
          if (!result.changed || !result.credential) continue;
          revoked.push(result.credential);
          publish({ revision: result.revision, change: { $case: 'credentialRevoked', value: result.credential } });
        }
        if (revoked.some((c) => c.kind === 'nats')) await pushAll();
        return { revoked, revision: await store.revision() };
      });
    },

    listCredentials: async ({ consumer }, context) => {
      validateTokenFilter(consumer, 'consumer');
      const credentials = await store.listCredentials(consumer);
      // An LGSP reading its own sees the metadata only, not even the token's hash.
      const ops = context?.caller === undefined || context.caller.roles.includes('ops');
      return { credentials: ops ? credentials : credentials.map((c) => ({ ...c, tokenSha256: '' })) };
    },
  };
}

function isPublicKey(key: string): boolean {
  try {
    fromPublic(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * The public JWK an OAuth2 client signs its assertions with (RFC 7523): EC P-256 (ES256) or RSA of
 * 2048 bits or more (RS256), public parts only, as compact JSON. Refuses anything else (field public_key).
 */
export function clientPublicJwk(text: string): string {
  let jwk: Record<string, unknown>;
  try {
    jwk = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return invalid('public_key', 'public_key of an oauth client must be its public JWK as JSON');
  }
  if (typeof jwk !== 'object' || jwk === null || 'd' in jwk || 'p' in jwk)
    invalid('public_key', 'public_key must hold the public key only (no private parts)');
  const str = (k: string): string =>
    typeof jwk[k] === 'string' && /^[A-Za-z0-9_-]+$/.test(jwk[k]) ? jwk[k] : invalid('public_key', `the JWK lacks a base64url "${k}"`);
  if (jwk['kty'] === 'EC' && jwk['crv'] === 'P-256') return JSON.stringify({ kty: 'EC', crv: 'P-256', x: str('x'), y: str('y') });
  if (jwk['kty'] === 'RSA') {
    const n = str('n');
    if (Buffer.from(n, 'base64url').length < 256) invalid('public_key', 'an RSA key must have at least 2048 bits');
    return JSON.stringify({ kty: 'RSA', n, e: str('e') });
  }
  return invalid('public_key', 'the JWK must be an EC P-256 (ES256) or RSA (RS256) public key');
}
