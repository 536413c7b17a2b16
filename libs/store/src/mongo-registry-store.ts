// The registry store on MongoDB. Every change runs in one transaction with the revision counter
// (registry_meta, _id "revision"): the $inc of the counter commits with the change or not at all,
// so a reader never sees a change without its revision. Two concurrent changes both write the
// counter document, so one of them meets a write conflict and the driver retries it after the
// other: revisions are gap-free and monotonic. A change that alters nothing does not touch it.
// The audit trail (mongo-registry-audit.ts) is no change: it leaves the counter alone.
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
import type { ClientSession, Collection, Db, MongoClient } from 'mongodb';
import { connectMongo, MONGO_SESSION } from './mongo-client';
import { ensureAccessIndexes, MongoAccessRecords } from './mongo-registry-access';
import { ensureAuditIndexes, MongoAuditTrail } from './mongo-registry-audit';
import type { ChainVerification, ChangeResult, RegistryStore } from './ports';
import type { ConsumerLimits, Credential } from '@ndxp/contracts';

type MemberDoc = Member & { _id: string };
type SubsystemDoc = Subsystem & { _id: string };
type ServiceDoc = ServiceDefinition & { _id: string };
type GrantDoc = Grant & { _id: string };
interface MetaDoc {
  _id: string;
  revision: number;
}

const REVISION_ID = 'revision';
const key = (...parts: string[]): string => parts.join('\u0000');

/** Creates the registry's indexes and revision document; idempotent. */
export async function ensureRegistryIndexes(db: Db): Promise<void> {
  await db.collection<MetaDoc>('registry_meta').updateOne({ _id: REVISION_ID }, { $setOnInsert: { revision: 0 } }, { upsert: true });
  await db.collection('registry_services').createIndex({ provider: 1, service: 1 }, { name: 'services_by_provider' });
  await db.collection('registry_grants').createIndex({ consumer: 1, provider: 1, service: 1 }, { name: 'grants_by_consumer' });
  await db.collection('registry_grants').createIndex({ provider: 1, service: 1 }, { name: 'grants_by_provider' });
  await ensureAccessIndexes(db);
  await ensureAuditIndexes(db);
}

function same<T extends object>(a: T, b: T): boolean {
  return (Object.keys(b) as (keyof T)[]).every((k) => a[k] === b[k]);
}

/** RegistryStore on MongoDB (a replica set: changes are transactions). Same rules as SQLite's. */
export class MongoRegistryStore implements RegistryStore {
  private readonly members: Collection<MemberDoc>;
  private readonly subsystems: Collection<SubsystemDoc>;
  private readonly services: Collection<ServiceDoc>;
  private readonly grants: Collection<GrantDoc>;
  private readonly access: MongoAccessRecords;
  private readonly meta: Collection<MetaDoc>;
  private readonly audit: MongoAuditTrail;
  private closed = false;

  constructor(
    private readonly client: MongoClient,
    db: Db,
    private readonly ownsClient: boolean,
  ) {
    this.members = db.collection('registry_members');
    this.subsystems = db.collection('registry_subsystems');
    this.services = db.collection('registry_services');
    this.grants = db.collection('registry_grants');
    this.access = new MongoAccessRecords(db);
    this.meta = db.collection('registry_meta');
    this.audit = new MongoAuditTrail(client, db);
  }

  async snapshot(): Promise<RegistrySnapshot> {
    // One snapshot-isolated read transaction: the revision matches the rows.
    return this.inTransaction(async (session) => {
      const noId = { projection: { _id: 0 }, session };
      // Sequential: operations of one transaction must not run in parallel on its session.
      const revision = await this.readRevision(session);
      const members = await this.members.find({}, noId).sort({ memberClass: 1, memberCode: 1 }).toArray();
      const subsystems = await this.subsystems.find({}, noId).sort({ token: 1 }).toArray();
      const services = await this.services.find({}, noId).sort({ provider: 1, service: 1, version: 1 }).toArray();
      const grants = await this.grants.find({}, noId).sort({ consumer: 1, provider: 1, service: 1 }).toArray();
      const limits = await this.access.limits.find({}, noId).sort({ consumer: 1 }).toArray();
      const credentials = await this.access.listCredentials();
      const revokedAccessTokens = await this.access.revokedTokens(Date.now(), session);
      return { revision, members, subsystems, services, grants, limits, credentials, tokenKeys: [], revokedAccessTokens };
    });
  }

  async revision(): Promise<number> {
    return this.readRevision(undefined);
  }

  async upsertMember(member: Member, subsystems: Subsystem[]): Promise<ChangeResult> {
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
    }
    return this.write(async (session) => {
      let changed = false;
      const doc: Member = {
        instance: member.instance || INSTANCE,
        memberClass: member.memberClass,
        memberCode: member.memberCode,
        name: member.name,
        kind: member.kind,
      };
      const id = key(member.memberClass, member.memberCode);
      const old = await this.members.findOne({ _id: id }, { session });
      if (!old || !same<Member>(old, doc)) {
        await this.members.replaceOne({ _id: id }, doc, { upsert: true, session });
        changed = true;
      }
      for (const s of subsystems) {
        const sDoc: Subsystem = {
          token: s.token,
          memberClass: s.memberClass,
          memberCode: s.memberCode,
          subsystemCode: s.subsystemCode,
          name: s.name,
        };
        const oldSub = await this.subsystems.findOne({ _id: s.token }, { session });
        if (oldSub && same<Subsystem>(oldSub, sDoc)) continue;
        await this.subsystems.replaceOne({ _id: s.token }, sDoc, { upsert: true, session });
        changed = true;
      }
      return changed;
    });
  }

  async upsertService(service: ServiceDefinition): Promise<ChangeResult> {
    return this.write(async (session) => {
      if (!(await this.subsystems.findOne({ _id: service.provider }, { session }))) {
        throw new MeshError('client.invalid_argument', `provider ${service.provider} is not a registered subsystem`, {
          field: 'service.provider',
        });
      }
      const doc: ServiceDefinition = {
        provider: service.provider,
        service: service.service,
        version: service.version,
        name: service.name,
        protoMethod: service.protoMethod,
      };
      const id = key(doc.provider, doc.service, doc.version);
      const old = await this.services.findOne({ _id: id }, { session });
      if (old && same<ServiceDefinition>(old, doc)) return false;
      await this.services.replaceOne({ _id: id }, doc, { upsert: true, session });
      return true;
    });
  }

  async grant(grant: Omit<Grant, 'grantedAtMs'> & { grantedAtMs?: number }): Promise<ChangeResult> {
    return this.write(async (session) => {
      if (!(await this.subsystems.findOne({ _id: grant.consumer }, { session }))) {
        throw new MeshError('client.invalid_argument', `consumer ${grant.consumer} is not a registered subsystem`, { field: 'consumer' });
      }
      if (!(await this.services.findOne({ provider: grant.provider, service: grant.service }, { session }))) {
        throw new MeshError('client.invalid_argument', `${grant.provider} offers no service ${grant.service}`, { field: 'service' });
      }
      const id = key(grant.consumer, grant.provider, grant.service);
      const doc: Grant = {
        consumer: grant.consumer,
        provider: grant.provider,
        service: grant.service,
        grantedAtMs: grant.grantedAtMs || Date.now(),
      };
      const res = await this.grants.updateOne({ _id: id }, { $setOnInsert: doc }, { upsert: true, session });
      return res.upsertedCount > 0;
    });
  }

  async revoke(grant: Pick<Grant, 'consumer' | 'provider' | 'service'>): Promise<ChangeResult> {
    return this.write(async (session) => {
      const res = await this.grants.deleteOne({ _id: key(grant.consumer, grant.provider, grant.service) }, { session });
      return res.deletedCount > 0;
    });
  }

  async listGrants(filter: { consumer?: string; provider?: string }): Promise<Grant[]> {
    // Empty strings mean "any", as proto3 defaults arrive as ''.
    const q: Partial<Grant> = {};
    if (filter.consumer) q.consumer = filter.consumer;
    if (filter.provider) q.provider = filter.provider;
    return this.grants
      .find(q, { projection: { _id: 0 } })
      .sort({ consumer: 1, provider: 1, service: 1 })
      .toArray();
  }

  async setLimits(limits: ConsumerLimits): Promise<ChangeResult> {
    return this.write((session) => this.access.setLimits(limits, session));
  }

  async listLimits(consumer?: string): Promise<ConsumerLimits[]> {
    return this.access.listLimits(consumer);
  }

  async addCredential(credential: Credential): Promise<ChangeResult> {
    return this.write((session) => this.access.addCredential(credential, session));
  }

  async revokeCredential(consumer: string, keyId: string, revokedAtMs: number): Promise<ChangeResult & { credential?: Credential }> {
    let credential: Credential | undefined;
    const result = await this.write(async (session) => {
      const r = await this.access.revokeCredential(consumer, keyId, revokedAtMs, session);
      credential = r.credential;
      return r.changed;
    });
    return credential ? { ...result, credential } : result;
  }

  async listCredentials(consumer?: string): Promise<Credential[]> {
    return this.access.listCredentials(consumer);
  }

  async addAccessToken(token: AccessToken): Promise<ChangeResult> {
    return this.write((session) => this.access.addToken(token, session));
  }

  async revokeAccessTokens(identity: string, keyId: string, revokedAtMs: number): Promise<ChangeResult & { revoked: AccessToken[] }> {
    let revoked: AccessToken[] = [];
    const at = revokedAtMs || Date.now();
    const result = await this.write(async (session) => (revoked = await this.access.revokeTokens(identity, keyId, at, session)).length > 0);
    return { ...result, revoked };
  }

  async listAccessTokens(identity?: string): Promise<AccessToken[]> {
    return this.access.listTokens(identity);
  }

  async getAccessToken(keyId: string): Promise<AccessToken | undefined> {
    return this.access.getToken(keyId);
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
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) await this.client.close();
  }

  /** Runs a change and, when it reports one, the revision $inc, in one transaction. */
  private write(change: (session: ClientSession) => Promise<boolean>): Promise<ChangeResult> {
    return this.inTransaction(async (session) => {
      const changed = await change(session);
      if (!changed) return { revision: await this.readRevision(session), changed };
      const meta = await this.meta.findOneAndUpdate(
        { _id: REVISION_ID },
        { $inc: { revision: 1 } },
        { upsert: true, returnDocument: 'after', session },
      );
      return { revision: meta?.revision ?? 0, changed };
    });
  }

  private async inTransaction<T>(fn: (session: ClientSession) => Promise<T>): Promise<T> {
    const session = this.client.startSession(MONGO_SESSION);
    try {
      let out: T | undefined;
      await session.withTransaction(async () => {
        out = await fn(session);
      });
      return out as T;
    } finally {
      await session.endSession();
    }
  }

  private async readRevision(session: ClientSession | undefined): Promise<number> {
    const doc = await this.meta.findOne({ _id: REVISION_ID }, session ? { session } : {});
    return doc?.revision ?? 0;
  }
}

/** Connects to MongoDB, ensures the registry's indexes and returns the store (which owns the client). */
export async function openMongoRegistryStore(url: string, dbName: string): Promise<MongoRegistryStore> {
  const client = await connectMongo(url);
  try {
    const db = client.db(dbName);
    await ensureRegistryIndexes(db);
    return new MongoRegistryStore(client, db, true);
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }
}
