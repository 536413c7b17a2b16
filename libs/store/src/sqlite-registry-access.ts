// Consumer limits, credentials and access tokens in the embedded registry store: row mapping and
// the statements the store runs inside its revision-bumping transactions.
import { MeshError, type AccessToken } from '@ndxp/contracts';
import type { ConsumerLimits, Credential } from '@ndxp/contracts';
import type { SqliteDatabase } from './sqlite';

interface LimitsRow {
  consumer: string;
  rate_per_second: number;
  burst: number;
  daily_quota: number;
}
interface CredentialRow {
  key_id: string;
  consumer: string;
  kind: string;
  issued_at_ms: number;
  revoked_at_ms: number;
  expires_at_ms: number;
  token_sha256: string;
  public_jwk: string;
}
interface AccessTokenRow {
  key_id: string;
  identity: string;
  roles: string;
  issued_at_ms: number;
  expires_at_ms: number;
  revoked_at_ms: number;
  issued_by: string;
}

/** Throws client.not_found unless `consumer` is a registered subsystem. */
function requireConsumer(db: SqliteDatabase, consumer: string): void {
  const found = db.prepare<[string], { token: string }>('SELECT token FROM registry_subsystems WHERE token = ?').get(consumer);
  if (!found) throw new MeshError('client.not_found', `consumer ${consumer} is not a registered subsystem`, { field: 'consumer' });
}

/** Sets (or, all zero, removes) a consumer's limits; true when that changed a row. */
export function setLimitsRow(db: SqliteDatabase, limits: ConsumerLimits): boolean {
  requireConsumer(db, limits.consumer);
  const row: LimitsRow = {
    consumer: limits.consumer,
    rate_per_second: limits.ratePerSecond,
    burst: limits.burst,
    daily_quota: limits.dailyQuota,
  };
  const old = db.prepare<[string], LimitsRow>('SELECT * FROM registry_limits WHERE consumer = ?').get(limits.consumer);
  if (row.rate_per_second === 0 && row.burst === 0 && row.daily_quota === 0) {
    return db.prepare('DELETE FROM registry_limits WHERE consumer = ?').run(limits.consumer).changes > 0;
  }
  if (old && old.rate_per_second === row.rate_per_second && old.burst === row.burst && old.daily_quota === row.daily_quota) return false;
  db.prepare(
    `INSERT INTO registry_limits (consumer, rate_per_second, burst, daily_quota)
     VALUES (@consumer, @rate_per_second, @burst, @daily_quota)
     ON CONFLICT (consumer) DO UPDATE SET rate_per_second = excluded.rate_per_second, burst = excluded.burst,
       daily_quota = excluded.daily_quota`,
  ).run(row);
  return true;
}

/** Limits of one consumer, or of all ('' or undefined), by consumer. */
export function selectLimits(db: SqliteDatabase, consumer?: string): ConsumerLimits[] {
  return db
    .prepare<{ consumer: string | null }, LimitsRow>(
      'SELECT * FROM registry_limits WHERE (@consumer IS NULL OR consumer = @consumer) ORDER BY consumer',
    )
    .all({ consumer: consumer || null })
    .map(toLimits);
}

/** Inserts a new credential; refuses an unknown consumer and a key id already stored. */
export function insertCredential(db: SqliteDatabase, c: Credential): boolean {
  requireConsumer(db, c.consumer);
  const info = db
    .prepare(
      `INSERT OR IGNORE INTO registry_credentials (key_id, consumer, kind, issued_at_ms, revoked_at_ms, expires_at_ms, token_sha256, public_jwk)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(c.keyId, c.consumer, c.kind, c.issuedAtMs, c.revokedAtMs, c.expiresAtMs, c.tokenSha256, c.publicJwk);
  if (info.changes === 0) throw new MeshError('client.invalid_argument', `credential ${c.keyId} exists already`, { field: 'key_id' });
  return true;
}

/** Marks a valid credential of `consumer` revoked; returns it as stored after (undefined if unknown). */
export function revokeCredentialRow(
  db: SqliteDatabase,
  consumer: string,
  keyId: string,
  revokedAtMs: number,
): { changed: boolean; credential?: Credential } {
  const info = db
    .prepare('UPDATE registry_credentials SET revoked_at_ms = ? WHERE key_id = ? AND consumer = ? AND revoked_at_ms = 0')
    .run(revokedAtMs, keyId, consumer);
  const row = db
    .prepare<[string, string], CredentialRow>('SELECT * FROM registry_credentials WHERE key_id = ? AND consumer = ?')
    .get(keyId, consumer);
  return { changed: info.changes > 0, ...(row ? { credential: toCredential(row) } : {}) };
}

/** Credentials of one consumer, or of all ('' or undefined), oldest first. */
export function selectCredentials(db: SqliteDatabase, consumer?: string): Credential[] {
  return db
    .prepare<{ consumer: string | null }, CredentialRow>(
      `SELECT * FROM registry_credentials WHERE (@consumer IS NULL OR consumer = @consumer)
       ORDER BY consumer, issued_at_ms, key_id`,
    )
    .all({ consumer: consumer || null })
    .map(toCredential);
}

/** Inserts a new access token record; refuses an empty key id and one already stored. */
export function insertAccessToken(db: SqliteDatabase, t: AccessToken): boolean {
  if (!t.keyId) throw new MeshError('client.invalid_argument', 'an access token needs a key id', { field: 'key_id' });
  const info = db
    .prepare(
      `INSERT OR IGNORE INTO registry_access_tokens (key_id, identity, roles, issued_at_ms, expires_at_ms, revoked_at_ms, issued_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(t.keyId, t.identity, JSON.stringify(t.roles), t.issuedAtMs, t.expiresAtMs, t.revokedAtMs, t.issuedBy);
  if (info.changes === 0) throw new MeshError('client.invalid_argument', `access token ${t.keyId} exists already`, { field: 'key_id' });
  return true;
}

/** Marks revoked one valid token of `identity` (keyId set) or all of them (keyId ''); returns them as stored after. */
export function revokeAccessTokenRows(db: SqliteDatabase, identity: string, keyId: string, revokedAtMs: number): AccessToken[] {
  return db
    .prepare<{ identity: string; keyId: string; at: number }, AccessTokenRow>(
      `UPDATE registry_access_tokens SET revoked_at_ms = @at
       WHERE identity = @identity AND revoked_at_ms = 0 AND (@keyId = '' OR key_id = @keyId) RETURNING *`,
    )
    .all({ identity, keyId, at: revokedAtMs })
    .map(toAccessToken)
    .sort(oldestFirst);
}

/** Access tokens of one identity, or of all ('' or undefined), oldest first. */
export function selectAccessTokens(db: SqliteDatabase, identity?: string): AccessToken[] {
  return db
    .prepare<{ identity: string | null }, AccessTokenRow>(
      `SELECT * FROM registry_access_tokens WHERE (@identity IS NULL OR identity = @identity) ORDER BY issued_at_ms, key_id`,
    )
    .all({ identity: identity || null })
    .map(toAccessToken);
}

/** One access token record by key id. */
export function selectAccessToken(db: SqliteDatabase, keyId: string): AccessToken | undefined {
  const row = db.prepare<[string], AccessTokenRow>('SELECT * FROM registry_access_tokens WHERE key_id = ?').get(keyId);
  return row ? toAccessToken(row) : undefined;
}

/** Tokens revoked that a verifier must still refuse at nowMs: not expired yet (or with no expiry), oldest first. */
export function selectRevokedAccessTokens(db: SqliteDatabase, nowMs: number): AccessToken[] {
  return db
    .prepare<[number], AccessTokenRow>(
      `SELECT * FROM registry_access_tokens WHERE revoked_at_ms != 0 AND (expires_at_ms > ? OR expires_at_ms = 0)
       ORDER BY issued_at_ms, key_id`,
    )
    .all(nowMs)
    .map(toAccessToken);
}

function oldestFirst(a: AccessToken, b: AccessToken): number {
  return a.issuedAtMs - b.issuedAtMs || (a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : 0);
}

function toAccessToken(r: AccessTokenRow): AccessToken {
  return {
    identity: r.identity,
    roles: JSON.parse(r.roles) as string[],
    keyId: r.key_id,
    issuedAtMs: r.issued_at_ms,
    expiresAtMs: r.expires_at_ms,
    revokedAtMs: r.revoked_at_ms,
    issuedBy: r.issued_by,
  };
}

function toLimits(r: LimitsRow): ConsumerLimits {
  return { consumer: r.consumer, ratePerSecond: r.rate_per_second, burst: r.burst, dailyQuota: r.daily_quota };
}

function toCredential(r: CredentialRow): Credential {
  return {
    consumer: r.consumer,
    kind: r.kind,
    keyId: r.key_id,
    issuedAtMs: r.issued_at_ms,
    revokedAtMs: r.revoked_at_ms,
    expiresAtMs: r.expires_at_ms,
    tokenSha256: r.token_sha256,
    publicJwk: r.public_jwk,
  };
}
