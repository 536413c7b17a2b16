// The registry store on MongoDB. Every change runs in one transaction with the revision counter
// (registry_meta, _id "revision"): the $inc of the counter commits with the change or not at all,
// so a reader never sees a change without its revision. Two concurrent changes both write the
// counter document, so one of them meets a write conflict and the driver retries it after the
// other: revisions are gap-free and monotonic. A change that alters nothing does not touch it.
import {
  INSTANCE,
  MeshError,
  type Grant,
  type Member,
  type RegistrySnapshot,
  type ServiceDefinition,
  type Subsystem,
} from '@ndxp/contracts';
import type { ClientSession, Collection, Db, MongoClient } from 'mongodb';
import { connectMongo, MONGO_SESSION } from './mongo-client';
import type { ChangeResult, ConsumerLimits, Credential, RegistryStore } from './ports';

type MemberDoc = Member & { _id: string };
type SubsystemDoc = Subsystem & { _id: string };
type ServiceDoc = ServiceDefinition & { _id: string };
type GrantDoc = Grant & { _id: string };
type LimitsDoc = ConsumerLimits & { _id: string };
type CredentialDoc = Credential & { _id: string };
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
  await db.collection('registry_credentials').createIndex({ consumer: 1, issuedAtMs: 1 }, { name: 'credentials_by_consumer' });
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
  private readonly limits: Collection<LimitsDoc>;
  private readonly credentials: Collection<CredentialDoc>;
  private readonly meta: Collection<MetaDoc>;
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
    this.limits = db.collection('registry_limits');
    this.credentials = db.collection('registry_credentials');
    this.meta = db.collection('registry_meta');
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
      const limits = await this.limits.find({}, noId).sort({ consumer: 1 }).toArray();
      const credentials = await this.credentials.find({}, noId).sort({ consumer: 1, issuedAtMs: 1, keyId: 1 }).toArray();
      return { revision, members, subsystems, services, grants, limits, credentials };
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
    return this.write(async (session) => {
      await this.requireConsumer(limits.consumer, session);
      const doc: ConsumerLimits = {
        consumer: limits.consumer,
        ratePerSecond: limits.ratePerSecond,
        burst: limits.burst,
        dailyQuota: limits.dailyQuota,
      };
      if (doc.ratePerSecond === 0 && doc.burst === 0 && doc.dailyQuota === 0) {
        return (await this.limits.deleteOne({ _id: doc.consumer }, { session })).deletedCount > 0;
      }
      const old = await this.limits.findOne({ _id: doc.consumer }, { session });
      if (old && same<ConsumerLimits>(old, doc)) return false;
      await this.limits.replaceOne({ _id: doc.consumer }, doc, { upsert: true, session });
      return true;
    });
  }

  async listLimits(consumer?: string): Promise<ConsumerLimits[]> {
    return this.limits
      .find(consumer ? { consumer } : {}, { projection: { _id: 0 } })
      .sort({ consumer: 1 })
      .toArray();
  }

  async addCredential(credential: Credential): Promise<ChangeResult> {
    return this.write(async (session) => {
      await this.requireConsumer(credential.consumer, session);
      const doc: Credential = { ...credential };
      const res = await this.credentials.updateOne({ _id: doc.keyId }, { $setOnInsert: doc }, { upsert: true, session });
      if (res.upsertedCount === 0) {
        throw new MeshError('client.invalid_argument', `credential ${doc.keyId} exists already`, { field: 'key_id' });
      }
      return true;
    });
  }

  async revokeCredential(consumer: string, keyId: string, revokedAtMs: number): Promise<ChangeResult & { credential?: Credential }> {
    let credential: Credential | undefined;
    const result = await this.write(async (session) => {
      const res = await this.credentials.updateOne({ _id: keyId, consumer, revokedAtMs: 0 }, { $set: { revokedAtMs } }, { session });
      const doc = await this.credentials.findOne({ _id: keyId, consumer }, { projection: { _id: 0 }, session });
      credential = doc ?? undefined;
      return res.modifiedCount > 0;
    });
    return credential ? { ...result, credential } : result;
  }

  async listCredentials(consumer?: string): Promise<Credential[]> {
    return this.credentials
      .find(consumer ? { consumer } : {}, { projection: { _id: 0 } })
      .sort({ consumer: 1, issuedAtMs: 1, keyId: 1 })
      .toArray();
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

  /** Throws client.not_found unless `consumer` is a registered subsystem. */
  private async requireConsumer(consumer: string, session: ClientSession): Promise<void> {
    if (!(await this.subsystems.findOne({ _id: consumer }, { session }))) {
      throw new MeshError('client.not_found', `consumer ${consumer} is not a registered subsystem`, { field: 'consumer' });
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
