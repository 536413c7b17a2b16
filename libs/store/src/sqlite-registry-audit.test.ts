// The embedded registry's schema 3 (access tokens, audit trail): a file of schema 1 or 2 opens with
// its data and gains the new tables, a newer one is refused, and a record forged into the audit
// trail behind the store's back is named "inserted".
import { AuditEntry } from '@ndxp/contracts';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEntry } from './contract/registry-audit-contract';
import { accessToken } from './contract/registry-token-contract';
import { chainHashOfBytes } from './ledger-chain-encoding';
import { openSqliteRegistryStore } from './sqlite-registry-store';
import { REGISTRY_SCHEMA_VERSION } from './sqlite-registry-schema';

/** The registry tables as schema 1 wrote them (no recorded schema version). */
const SCHEMA_1 = `
CREATE TABLE registry_meta (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL);
INSERT INTO registry_meta (id, revision) VALUES (1, 7);
CREATE TABLE registry_members (member_class TEXT NOT NULL, member_code TEXT NOT NULL, instance TEXT NOT NULL, name TEXT NOT NULL,
  kind TEXT NOT NULL, PRIMARY KEY (member_class, member_code));
CREATE TABLE registry_subsystems (token TEXT PRIMARY KEY, member_class TEXT NOT NULL, member_code TEXT NOT NULL,
  subsystem_code TEXT NOT NULL, name TEXT NOT NULL,
  FOREIGN KEY (member_class, member_code) REFERENCES registry_members (member_class, member_code));
CREATE TABLE registry_services (provider TEXT NOT NULL REFERENCES registry_subsystems (token), service TEXT NOT NULL,
  version TEXT NOT NULL, name TEXT NOT NULL, proto_method TEXT NOT NULL, PRIMARY KEY (provider, service, version));
CREATE TABLE registry_grants (consumer TEXT NOT NULL REFERENCES registry_subsystems (token), provider TEXT NOT NULL,
  service TEXT NOT NULL, granted_at_ms INTEGER NOT NULL, PRIMARY KEY (consumer, provider, service));
CREATE INDEX registry_grants_by_provider ON registry_grants (provider, service);
INSERT INTO registry_members VALUES ('TINH', '01', 'VN', 'Hà Nội', 'province');
INSERT INTO registry_subsystems VALUES ('TINH-01-LGSP', 'TINH', '01', 'LGSP', 'LGSP Hà Nội');
`;

/** What schema 2 (issue 5) added: limits and credentials. */
const SCHEMA_2 = `
CREATE TABLE registry_limits (consumer TEXT PRIMARY KEY REFERENCES registry_subsystems (token), rate_per_second INTEGER NOT NULL,
  burst INTEGER NOT NULL, daily_quota INTEGER NOT NULL);
CREATE TABLE registry_credentials (key_id TEXT PRIMARY KEY, consumer TEXT NOT NULL REFERENCES registry_subsystems (token),
  kind TEXT NOT NULL, issued_at_ms INTEGER NOT NULL, revoked_at_ms INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL,
  token_sha256 TEXT NOT NULL);
CREATE INDEX registry_credentials_by_consumer ON registry_credentials (consumer, issued_at_ms);
INSERT INTO registry_limits VALUES ('TINH-01-LGSP', 50, 100, 200000);
INSERT INTO registry_credentials VALUES ('UABC', 'TINH-01-LGSP', 'nats', 1000, 0, 0, '');
`;

describe('SQLite registry schema 3 and audit trail', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ndxp-registry-schema-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes a file with the given old tables and returns its path. */
  const oldFile = (ddl: string): string => {
    const file = join(dir, 'registry.sqlite');
    const db = new Database(file);
    db.exec(ddl);
    db.close();
    return file;
  };
  const schemaVersion = (file: string): unknown => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT schema_version FROM registry_meta WHERE id = 1').get();
    } finally {
      db.close();
    }
  };

  it('opens a schema 2 file with its data and revision, and gains access tokens and the audit trail', async () => {
    const file = oldFile(SCHEMA_1 + SCHEMA_2);
    const store = openSqliteRegistryStore(file);
    try {
      const snap = await store.snapshot();
      expect(snap.revision).toBe(7);
      expect(snap.subsystems.map((s) => s.token)).toEqual(['TINH-01-LGSP']);
      expect(snap.limits).toEqual([{ consumer: 'TINH-01-LGSP', ratePerSecond: 50, burst: 100, dailyQuota: 200_000 }]);
      expect(snap.credentials.map((c) => c.keyId)).toEqual(['UABC']);
      expect(snap.revokedAccessTokens).toEqual([]);
      expect(await store.addAccessToken(accessToken('ops-hanoi', 'k1', 1_000))).toEqual({ revision: 8, changed: true });
      expect(await store.appendAudit(auditEntry('e-1'))).toMatchObject({ seq: 1, prevHash: '00'.repeat(32) });
      expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 1 });
    } finally {
      await store.close();
    }
    expect(schemaVersion(file)).toEqual({ schema_version: REGISTRY_SCHEMA_VERSION });
    const again = openSqliteRegistryStore(file);
    try {
      expect(await again.listAccessTokens()).toEqual([accessToken('ops-hanoi', 'k1', 1_000)]);
      expect(await again.listAudit(0, 10)).toMatchObject({ tailSeq: 1 });
    } finally {
      await again.close();
    }
  });

  it('opens a schema 1 file and adds every table since', async () => {
    const file = oldFile(SCHEMA_1);
    const store = openSqliteRegistryStore(file);
    try {
      expect(await store.revision()).toBe(7);
      expect(await store.setLimits({ consumer: 'TINH-01-LGSP', ratePerSecond: 5, burst: 5, dailyQuota: 0 })).toEqual({
        revision: 8,
        changed: true,
      });
      expect(await store.appendAudit(auditEntry('e-1'))).toMatchObject({ seq: 1 });
    } finally {
      await store.close();
    }
    expect(schemaVersion(file)).toEqual({ schema_version: REGISTRY_SCHEMA_VERSION });
  });

  it('refuses a file of a newer schema without touching it', async () => {
    const file = oldFile(
      SCHEMA_1 +
        `ALTER TABLE registry_meta ADD COLUMN schema_version INTEGER NOT NULL DEFAULT 0;
      UPDATE registry_meta SET schema_version = ${REGISTRY_SCHEMA_VERSION + 1};`,
    );
    expect(() => openSqliteRegistryStore(file)).toThrow(`registry schema ${REGISTRY_SCHEMA_VERSION + 1} is newer than this build`);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'registry_audit'`).get()).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('names a record forged past the tail "inserted", even with a well-formed hash', async () => {
    const file = join(dir, 'registry.sqlite');
    const store = openSqliteRegistryStore(file);
    try {
      const last = (await Promise.all([1, 2, 3].map((i) => store.appendAudit(auditEntry(`e-${i}`))))).at(-1)!;
      const bytes = AuditEntry.encode(auditEntry('forged', { action: 'IssueAccessToken' })).finish();
      const prev = Buffer.from(last.hash, 'hex');
      const raw = new Database(file);
      raw
        .prepare('INSERT INTO registry_audit (seq, id, entry, prev_hash, hash) VALUES (4, ?, ?, ?, ?)')
        .run('forged', Buffer.from(bytes), prev, chainHashOfBytes(prev, 4, bytes));
      raw.close();
      expect(await store.verifyAudit()).toMatchObject({ ok: false, problem: 'inserted', badSeq: 4, badRequestId: 'forged', checked: 3 });
    } finally {
      await store.close();
    }
  });
});
