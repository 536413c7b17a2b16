// Consumer limits, credentials and access token records in the MongoDB registry store: the writes
// the store runs inside its revision-bumping transactions (each takes the session), and the reads.
import { Credential as CredentialCodec, MeshError, type AccessToken } from '@ndxp/contracts';
import type { ClientSession, Collection, Db } from 'mongodb';
import type { ConsumerLimits, Credential } from '@ndxp/contracts';

type LimitsDoc = ConsumerLimits & { _id: string };
type CredentialDoc = Credential & { _id: string };
type AccessTokenDoc = AccessToken & { _id: string };

/** Oldest first: the order of every list of access tokens. */
const TOKEN_ORDER = { issuedAtMs: 1, keyId: 1 } as const;
const noId = { projection: { _id: 0 } } as const;

/** Creates the credentials' and access tokens' indexes; idempotent. */
export async function ensureAccessIndexes(db: Db): Promise<void> {
  await db.collection('registry_credentials').createIndex({ consumer: 1, issuedAtMs: 1 }, { name: 'credentials_by_consumer' });
  await db.collection('registry_access_tokens').createIndex({ identity: 1, issuedAtMs: 1 }, { name: 'access_tokens_by_identity' });
  await db.collection('registry_access_tokens').createIndex({ revokedAtMs: 1, expiresAtMs: 1 }, { name: 'access_tokens_revoked' });
}

/** Collections registry_limits, registry_credentials (_id the key id) and registry_access_tokens (_id the key id). */
export class MongoAccessRecords {
  readonly limits: Collection<LimitsDoc>;
  readonly credentials: Collection<CredentialDoc>;
  readonly tokens: Collection<AccessTokenDoc>;
  private readonly subsystems: Collection<{ _id: string }>;

  constructor(db: Db) {
    this.limits = db.collection('registry_limits');
    this.credentials = db.collection('registry_credentials');
    this.tokens = db.collection('registry_access_tokens');
    this.subsystems = db.collection('registry_subsystems');
  }

  /** Sets (or, all zero, removes) a consumer's limits; true when that changed a document. */
  async setLimits(limits: ConsumerLimits, session: ClientSession): Promise<boolean> {
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
    if (old && old.ratePerSecond === doc.ratePerSecond && old.burst === doc.burst && old.dailyQuota === doc.dailyQuota) return false;
    await this.limits.replaceOne({ _id: doc.consumer }, doc, { upsert: true, session });
    return true;
  }

  /** Limits of one consumer, or of all ('' or undefined), by consumer. */
  listLimits(consumer?: string): Promise<ConsumerLimits[]> {
    return this.limits
      .find(consumer ? { consumer } : {}, noId)
      .sort({ consumer: 1 })
      .toArray();
  }

  /** Inserts a new credential; refuses an unknown consumer and a key id already stored. */
  async addCredential(credential: Credential, session: ClientSession): Promise<boolean> {
    await this.requireConsumer(credential.consumer, session);
    const doc: Credential = { ...credential };
    const res = await this.credentials.updateOne({ _id: doc.keyId }, { $setOnInsert: doc }, { upsert: true, session });
    if (res.upsertedCount === 0) {
      throw new MeshError('client.invalid_argument', `credential ${doc.keyId} exists already`, { field: 'key_id' });
    }
    return true;
  }

  /** Marks a valid credential of `consumer` revoked; returns it as stored after (undefined if unknown). */
  async revokeCredential(
    consumer: string,
    keyId: string,
    revokedAtMs: number,
    session: ClientSession,
  ): Promise<{ changed: boolean; credential?: Credential }> {
    const res = await this.credentials.updateOne({ _id: keyId, consumer, revokedAtMs: 0 }, { $set: { revokedAtMs } }, { session });
    const doc = await this.credentials.findOne({ _id: keyId, consumer }, { ...noId, session });
    return { changed: res.modifiedCount > 0, ...(doc ? { credential: CredentialCodec.fromPartial(doc) } : {}) };
  }

  /** Credentials of one consumer, or of all ('' or undefined), oldest first. */
  async listCredentials(consumer?: string): Promise<Credential[]> {
    // fromPartial: a document stored before a field existed (public_jwk) reads with its default.
    const docs = await this.credentials
      .find(consumer ? { consumer } : {}, noId)
      .sort({ consumer: 1, issuedAtMs: 1, keyId: 1 })
      .toArray();
    return docs.map((d) => CredentialCodec.fromPartial(d));
  }

  /** Inserts a new access token record; refuses an empty key id and one already stored. */
  async addToken(t: AccessToken, session: ClientSession): Promise<boolean> {
    if (!t.keyId) throw new MeshError('client.invalid_argument', 'an access token needs a key id', { field: 'key_id' });
    const doc: AccessToken = {
      identity: t.identity,
      roles: [...t.roles],
      keyId: t.keyId,
      issuedAtMs: t.issuedAtMs,
      expiresAtMs: t.expiresAtMs,
      revokedAtMs: t.revokedAtMs,
      issuedBy: t.issuedBy,
    };
    const res = await this.tokens.updateOne({ _id: doc.keyId }, { $setOnInsert: doc }, { upsert: true, session });
    if (res.upsertedCount === 0)
      throw new MeshError('client.invalid_argument', `access token ${doc.keyId} exists already`, { field: 'key_id' });
    return true;
  }

  /** Marks revoked one valid token of `identity` (keyId set) or all of them (keyId ''); returns them as stored after. */
  async revokeTokens(identity: string, keyId: string, revokedAtMs: number, session: ClientSession): Promise<AccessToken[]> {
    const filter = { identity, revokedAtMs: 0, ...(keyId ? { _id: keyId } : {}) };
    const ids = (await this.tokens.find(filter, { projection: { _id: 1 }, session }).toArray()).map((d) => d._id);
    if (ids.length === 0) return [];
    await this.tokens.updateMany({ _id: { $in: ids }, revokedAtMs: 0 }, { $set: { revokedAtMs } }, { session });
    return this.tokens
      .find({ _id: { $in: ids } }, { ...noId, session })
      .sort(TOKEN_ORDER)
      .toArray();
  }

  /** Access tokens of one identity, or of all ('' or undefined), oldest first. */
  listTokens(identity?: string): Promise<AccessToken[]> {
    return this.tokens
      .find(identity ? { identity } : {}, noId)
      .sort(TOKEN_ORDER)
      .toArray();
  }

  /** One access token record by key id. */
  async getToken(keyId: string): Promise<AccessToken | undefined> {
    return (await this.tokens.findOne({ _id: keyId }, noId)) ?? undefined;
  }

  /** Tokens revoked that a verifier must still refuse at nowMs: not expired yet (or with no expiry), oldest first. */
  revokedTokens(nowMs: number, session: ClientSession): Promise<AccessToken[]> {
    return this.tokens
      .find({ revokedAtMs: { $ne: 0 }, $or: [{ expiresAtMs: { $gt: nowMs } }, { expiresAtMs: 0 }] }, { ...noId, session })
      .sort(TOKEN_ORDER)
      .toArray();
  }

  /** Throws client.not_found unless `consumer` is a registered subsystem. */
  private async requireConsumer(consumer: string, session: ClientSession): Promise<void> {
    if (!(await this.subsystems.findOne({ _id: consumer }, { session }))) {
      throw new MeshError('client.not_found', `consumer ${consumer} is not a registered subsystem`, { field: 'consumer' });
    }
  }
}
