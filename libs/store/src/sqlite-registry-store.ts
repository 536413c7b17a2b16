// The embedded registry store: members, subsystems, services, grants, limits, credentials and access
// tokens in one SQLite file, with one monotonic revision bumped in the same transaction as every
// change that alters a row; and the audit trail (sqlite-registry-audit.ts), which leaves it alone.
import {
  INSTANCE,
  MeshError,
  type AccessToken,
  type AuditEntry,
  type AuditRecord,
  type Grant,
  type Member,
  type RegistrySnapshot,
  type ServiceDefinition,
  type Subsystem,
} from '@ndxp/contracts';
import type { ChainVerification, ChangeResult, RegistryStore } from './ports';
import type { ConsumerLimits, Credential } from '@ndxp/contracts';
import { openSqlite, type SqliteDatabase } from './sqlite';
import {
  insertAccessToken,
  insertCredential,
  revokeAccessTokenRows,
  revokeCredentialRow,
  selectAccessToken,
  selectAccessTokens,
  selectCredentials,
  selectLimits,
  selectRevokedAccessTokens,
  setLimitsRow,
} from './sqlite-registry-access';
import { SqliteAuditTrail } from './sqlite-registry-audit';
import {
  sameRow,
  toGrant,
  toMember,
  toService,
  toSubsystem,
  type GrantRow,
  type MemberRow,
  type ServiceRow,
  type SubsystemRow,
} from './sqlite-registry-rows';
import { migrateRegistry } from './sqlite-registry-schema';

const UNCHANGED = false;

/**
 * RegistryStore on better-sqlite3. Upserts that change nothing, a grant that exists and a revoke of
 * a grant that does not all leave the revision alone. Referential checks (a grant's consumer and
 * service, a service's provider) throw MeshError client.invalid_argument naming the field.
 */
export class SqliteRegistryStore implements RegistryStore {
  private readonly audit: SqliteAuditTrail;

  constructor(private readonly db: SqliteDatabase) {
    migrateRegistry(db);
    this.audit = new SqliteAuditTrail(db);
  }

  async snapshot(): Promise<RegistrySnapshot> {
    return this.db.transaction(() => ({
      revision: this.readRevision(),
      members: this.db.prepare<[], MemberRow>('SELECT * FROM registry_members ORDER BY member_class, member_code').all().map(toMember),
      subsystems: this.db.prepare<[], SubsystemRow>('SELECT * FROM registry_subsystems ORDER BY token').all().map(toSubsystem),
      services: this.db.prepare<[], ServiceRow>('SELECT * FROM registry_services ORDER BY provider, service, version').all().map(toService),
      grants: this.db.prepare<[], GrantRow>('SELECT * FROM registry_grants ORDER BY consumer, provider, service').all().map(toGrant),
      limits: selectLimits(this.db),
      credentials: selectCredentials(this.db),
      tokenKeys: [],
      revokedAccessTokens: selectRevokedAccessTokens(this.db, Date.now()),
    }))();
  }

  async revision(): Promise<number> {
    return this.readRevision();
  }

  async upsertMember(member: Member, subsystems: Subsystem[]): Promise<ChangeResult> {
    return this.write(() => {
      let changed = UNCHANGED;
      const old = this.db
        .prepare<[string, string], MemberRow>('SELECT * FROM registry_members WHERE member_class = ? AND member_code = ?')
        .get(member.memberClass, member.memberCode);
      const row: MemberRow = {
        instance: member.instance || INSTANCE,
        member_class: member.memberClass,
        member_code: member.memberCode,
        name: member.name,
        kind: member.kind,
      };
      if (!old || !sameRow(old, row)) {
        this.db
          .prepare(
            `INSERT INTO registry_members (instance, member_class, member_code, name, kind)
             VALUES (@instance, @member_class, @member_code, @name, @kind)
             ON CONFLICT (member_class, member_code) DO UPDATE SET instance = excluded.instance, name = excluded.name, kind = excluded.kind`,
          )
          .run(row);
        changed = true;
      }
      for (const [i, s] of subsystems.entries()) {
        if (s.memberClass !== member.memberClass || s.memberCode !== member.memberCode) {
          throw new MeshError(
            'client.invalid_argument',
            `subsystem ${s.token} does not belong to member ${member.memberClass}/${member.memberCode}`,
            {
              field: `subsystems[${i}]`,
            },
          );
        }
        const sRow: SubsystemRow = {
          token: s.token,
          member_class: s.memberClass,
          member_code: s.memberCode,
          subsystem_code: s.subsystemCode,
          name: s.name,
        };
        const oldSub = this.db.prepare<[string], SubsystemRow>('SELECT * FROM registry_subsystems WHERE token = ?').get(s.token);
        if (oldSub && sameRow(oldSub, sRow)) continue;
        this.db
          .prepare(
            `INSERT INTO registry_subsystems (token, member_class, member_code, subsystem_code, name)
             VALUES (@token, @member_class, @member_code, @subsystem_code, @name)
             ON CONFLICT (token) DO UPDATE SET member_class = excluded.member_class, member_code = excluded.member_code,
               subsystem_code = excluded.subsystem_code, name = excluded.name`,
          )
          .run(sRow);
        changed = true;
      }
      return changed;
    });
  }

  async upsertService(service: ServiceDefinition): Promise<ChangeResult> {
    return this.write(() => {
      if (!this.hasSubsystem(service.provider)) {
        throw new MeshError('client.invalid_argument', `provider ${service.provider} is not a registered subsystem`, {
          field: 'service.provider',
        });
      }
      const row: ServiceRow = {
        provider: service.provider,
        service: service.service,
        version: service.version,
        name: service.name,
        proto_method: service.protoMethod,
      };
      const old = this.db
        .prepare<[string, string, string], ServiceRow>('SELECT * FROM registry_services WHERE provider = ? AND service = ? AND version = ?')
        .get(row.provider, row.service, row.version);
      if (old && sameRow(old, row)) return UNCHANGED;
      this.db
        .prepare(
          `INSERT INTO registry_services (provider, service, version, name, proto_method)
           VALUES (@provider, @service, @version, @name, @proto_method)
           ON CONFLICT (provider, service, version) DO UPDATE SET name = excluded.name, proto_method = excluded.proto_method`,
        )
        .run(row);
      return true;
    });
  }

  async grant(grant: Omit<Grant, 'grantedAtMs'> & { grantedAtMs?: number }): Promise<ChangeResult> {
    return this.write(() => {
      if (!this.hasSubsystem(grant.consumer)) {
        throw new MeshError('client.invalid_argument', `consumer ${grant.consumer} is not a registered subsystem`, { field: 'consumer' });
      }
      const offered = this.db
        .prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM registry_services WHERE provider = ? AND service = ?')
        .get(grant.provider, grant.service);
      if (!offered || offered.n === 0) {
        throw new MeshError('client.invalid_argument', `${grant.provider} offers no service ${grant.service}`, { field: 'service' });
      }
      const info = this.db
        .prepare('INSERT OR IGNORE INTO registry_grants (consumer, provider, service, granted_at_ms) VALUES (?, ?, ?, ?)')
        .run(grant.consumer, grant.provider, grant.service, grant.grantedAtMs || Date.now());
      return info.changes > 0;
    });
  }

  async revoke(grant: Pick<Grant, 'consumer' | 'provider' | 'service'>): Promise<ChangeResult> {
    return this.write(() => {
      const info = this.db
        .prepare('DELETE FROM registry_grants WHERE consumer = ? AND provider = ? AND service = ?')
        .run(grant.consumer, grant.provider, grant.service);
      return info.changes > 0;
    });
  }

  async listGrants(filter: { consumer?: string; provider?: string }): Promise<Grant[]> {
    // Empty strings mean "any", as proto3 defaults arrive as ''.
    return this.db
      .prepare<{ consumer: string | null; provider: string | null }, GrantRow>(
        `SELECT * FROM registry_grants
         WHERE (@consumer IS NULL OR consumer = @consumer) AND (@provider IS NULL OR provider = @provider)
         ORDER BY consumer, provider, service`,
      )
      .all({ consumer: filter.consumer || null, provider: filter.provider || null })
      .map(toGrant);
  }

  async setLimits(limits: ConsumerLimits): Promise<ChangeResult> {
    return this.write(() => setLimitsRow(this.db, limits));
  }

  async listLimits(consumer?: string): Promise<ConsumerLimits[]> {
    return selectLimits(this.db, consumer);
  }

  async addCredential(credential: Credential): Promise<ChangeResult> {
    return this.write(() => insertCredential(this.db, credential));
  }

  async revokeCredential(consumer: string, keyId: string, revokedAtMs: number): Promise<ChangeResult & { credential?: Credential }> {
    let credential: Credential | undefined;
    const result = this.write(() => {
      const r = revokeCredentialRow(this.db, consumer, keyId, revokedAtMs);
      credential = r.credential;
      return r.changed;
    });
    return credential ? { ...result, credential } : result;
  }

  async listCredentials(consumer?: string): Promise<Credential[]> {
    return selectCredentials(this.db, consumer);
  }

  async addAccessToken(token: AccessToken): Promise<ChangeResult> {
    return this.write(() => insertAccessToken(this.db, token));
  }

  async revokeAccessTokens(identity: string, keyId: string, revokedAtMs: number): Promise<ChangeResult & { revoked: AccessToken[] }> {
    let revoked: AccessToken[] = [];
    const result = this.write(() => (revoked = revokeAccessTokenRows(this.db, identity, keyId, revokedAtMs || Date.now())).length > 0);
    return { ...result, revoked };
  }

  async listAccessTokens(identity?: string): Promise<AccessToken[]> {
    return selectAccessTokens(this.db, identity);
  }

  async getAccessToken(keyId: string): Promise<AccessToken | undefined> {
    return selectAccessToken(this.db, keyId);
  }

  async appendAudit(entry: AuditEntry): Promise<AuditRecord> {
    return this.audit.append(entry);
  }

  async listAudit(fromSeq: number, limit: number): Promise<{ records: AuditRecord[]; tailSeq: number }> {
    return this.audit.list(fromSeq, limit);
  }

  async verifyAudit(): Promise<ChainVerification> {
    return this.audit.verify();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Runs a change in an IMMEDIATE transaction and bumps the revision when it reports a change. */
  private write(change: () => boolean): ChangeResult {
    return this.db
      .transaction((): ChangeResult => {
        const changed = change();
        if (changed) this.db.prepare('UPDATE registry_meta SET revision = revision + 1 WHERE id = 1').run();
        return { revision: this.readRevision(), changed };
      })
      .immediate();
  }

  private readRevision(): number {
    const row = this.db.prepare<[], { revision: number }>('SELECT revision FROM registry_meta WHERE id = 1').get();
    return row?.revision ?? 0;
  }

  private hasSubsystem(token: string): boolean {
    return this.db.prepare<[string], { token: string }>('SELECT token FROM registry_subsystems WHERE token = ?').get(token) !== undefined;
  }
}

/** Opens (creating if needed) the registry store in a SQLite file; ':memory:' for a private one. */
export function openSqliteRegistryStore(path: string): SqliteRegistryStore {
  const db = openSqlite(path);
  try {
    return new SqliteRegistryStore(db);
  } catch (err) {
    db.close(); // e.g. a file of a newer schema
    throw err;
  }
}
