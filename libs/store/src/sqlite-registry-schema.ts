// Tables of the embedded registry store. Names carry a registry_ prefix so the registry can share
// a SQLite file with other stores without clashing. registry_meta records the schema version
// (schema 1: the registry; 2: limits and credentials; 3: access tokens and the audit trail).
import type { SqliteDatabase } from './sqlite';

/** Schema version, kept in registry_meta.schema_version (0 in files from before it was recorded: schema 1 or 2). */
export const REGISTRY_SCHEMA_VERSION = 4;

/** Schema 1, idempotent: creates the registry tables and the revision row when missing. */
const REGISTRY_SCHEMA = `
CREATE TABLE IF NOT EXISTS registry_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  revision INTEGER NOT NULL
);
INSERT OR IGNORE INTO registry_meta (id, revision) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS registry_members (
  member_class TEXT NOT NULL,
  member_code TEXT NOT NULL,
  instance TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (member_class, member_code)
);
CREATE TABLE IF NOT EXISTS registry_subsystems (
  token TEXT PRIMARY KEY,
  member_class TEXT NOT NULL,
  member_code TEXT NOT NULL,
  subsystem_code TEXT NOT NULL,
  name TEXT NOT NULL,
  FOREIGN KEY (member_class, member_code) REFERENCES registry_members (member_class, member_code)
);
CREATE TABLE IF NOT EXISTS registry_services (
  provider TEXT NOT NULL REFERENCES registry_subsystems (token),
  service TEXT NOT NULL,
  version TEXT NOT NULL,
  name TEXT NOT NULL,
  proto_method TEXT NOT NULL,
  PRIMARY KEY (provider, service, version)
);
CREATE TABLE IF NOT EXISTS registry_grants (
  consumer TEXT NOT NULL REFERENCES registry_subsystems (token),
  provider TEXT NOT NULL,
  service TEXT NOT NULL,
  granted_at_ms INTEGER NOT NULL,
  PRIMARY KEY (consumer, provider, service)
);
CREATE INDEX IF NOT EXISTS registry_grants_by_provider ON registry_grants (provider, service);
`;

/** Schema 2: consumer limits and credentials (issue 5). Idempotent like the rest. */
const REGISTRY_ACCESS_SCHEMA = `
CREATE TABLE IF NOT EXISTS registry_limits (
  consumer TEXT PRIMARY KEY REFERENCES registry_subsystems (token),
  rate_per_second INTEGER NOT NULL,
  burst INTEGER NOT NULL,
  daily_quota INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS registry_credentials (
  key_id TEXT PRIMARY KEY,
  consumer TEXT NOT NULL REFERENCES registry_subsystems (token),
  kind TEXT NOT NULL,
  issued_at_ms INTEGER NOT NULL,
  revoked_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  token_sha256 TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS registry_credentials_by_consumer ON registry_credentials (consumer, issued_at_ms);
`;

/**
 * Schema 3 (issue 13): access token records (roles as a JSON array) and the audit trail, one row per
 * entry holding its AuditEntry protobuf bytes on a hash chain, with the chain's tail.
 */
const REGISTRY_CONTROL_SCHEMA = `
CREATE TABLE IF NOT EXISTS registry_access_tokens (
  key_id TEXT PRIMARY KEY,
  identity TEXT NOT NULL,
  roles TEXT NOT NULL,
  issued_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  revoked_at_ms INTEGER NOT NULL,
  issued_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS registry_access_tokens_by_identity ON registry_access_tokens (identity, issued_at_ms);
CREATE INDEX IF NOT EXISTS registry_access_tokens_revoked ON registry_access_tokens (expires_at_ms) WHERE revoked_at_ms != 0;
CREATE TABLE IF NOT EXISTS registry_audit (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  entry BLOB NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS registry_audit_by_id ON registry_audit (id);
CREATE TABLE IF NOT EXISTS registry_audit_tail (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash BLOB NOT NULL
);
`;

/**
 * Creates the registry tables, or brings a file of schema 1, 2 or 3 up to schema 4 (the new tables
 * and the credentials' public_jwk column are added, nothing else moves), in one IMMEDIATE transaction; refuses a file of a newer schema.
 */
export function migrateRegistry(db: SqliteDatabase): void {
  db.transaction(() => {
    db.exec(REGISTRY_SCHEMA);
    const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('registry_meta')`).all();
    if (!columns.some((c) => c.name === 'schema_version')) {
      db.exec(`ALTER TABLE registry_meta ADD COLUMN schema_version INTEGER NOT NULL DEFAULT 0`);
    }
    const { schema_version: version } = db
      .prepare<[], { schema_version: number }>('SELECT schema_version FROM registry_meta WHERE id = 1')
      .get()!;
    if (version > REGISTRY_SCHEMA_VERSION) {
      throw new Error(`registry schema ${version} is newer than this build (${REGISTRY_SCHEMA_VERSION})`);
    }
    db.exec(REGISTRY_ACCESS_SCHEMA);
    db.exec(REGISTRY_CONTROL_SCHEMA);
    // Schema 4 (issue 17): an OAuth2 client registered with its public key (private_key_jwt).
    const credentialColumns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('registry_credentials')`).all();
    if (!credentialColumns.some((c) => c.name === 'public_jwk')) {
      db.exec(`ALTER TABLE registry_credentials ADD COLUMN public_jwk TEXT NOT NULL DEFAULT ''`);
    }
    if (version < REGISTRY_SCHEMA_VERSION) {
      db.prepare('UPDATE registry_meta SET schema_version = ? WHERE id = 1').run(REGISTRY_SCHEMA_VERSION);
    }
  }).immediate();
}
