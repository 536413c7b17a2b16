// Tables of the embedded registry store. Names carry a registry_ prefix so the registry can share
// a SQLite file with other stores without clashing.

/** Idempotent DDL: creates the registry tables and the revision row when missing. */
export const REGISTRY_SCHEMA = `
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

/**
 * Consumer limits and credentials (issue 5). Idempotent like the rest, so an existing file gains
 * the tables the next time it is opened.
 */
export const REGISTRY_ACCESS_SCHEMA = `
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
