// The registry's audit trail on MongoDB: collection registry_audit, one document per entry (_id the
// entry's id, seq unique, the AuditEntry's protobuf bytes as stored, prevHash, hash), and the tail
// in registry_audit_tail. The chain is the ledger's (hash = SHA-256(prev_hash ‖ seq ‖ entry bytes),
// genesis 32 zero bytes), walked by the ledger's ChainWalker. An append is one transaction with the
// tail: two concurrent appends both write the tail document, so one retries after the other.
import { AuditEntry, MeshError, type AuditRecord } from '@ndxp/contracts';
import { Binary, type Collection, type Db, type MongoClient } from 'mongodb';
import { chainHashOfBytes } from './ledger-chain-encoding';
import { isDuplicateKey, MONGO_SESSION } from './mongo-client';
import type { ChainVerification } from './ports';
import { GENESIS_HASH } from './sqlite-ledger-chain';
import { ChainWalker, type ChainRecord } from './sqlite-ledger-verify';

interface AuditDoc {
  _id: string;
  seq: number;
  entry: Binary;
  prevHash: Binary;
  hash: Binary;
}
interface AuditTailDoc {
  _id: string;
  seq: number;
  hash: Binary;
}

const TAIL_ID = 'tail';
const bytes = (b: Binary | undefined): Buffer => (b ? Buffer.from(b.buffer) : Buffer.alloc(0));

/** Creates the audit trail's indexes (the id is _id, unique on every collection; seq unique) and its tail. */
export async function ensureAuditIndexes(db: Db): Promise<void> {
  await db.collection<AuditDoc>('registry_audit').createIndex({ seq: 1 }, { name: 'audit_by_seq', unique: true });
  await db
    .collection<AuditTailDoc>('registry_audit_tail')
    .updateOne({ _id: TAIL_ID }, { $setOnInsert: { seq: 0, hash: new Binary(GENESIS_HASH) } }, { upsert: true });
}

function toRecord(d: AuditDoc): AuditRecord {
  return {
    seq: d.seq,
    entry: AuditEntry.decode(bytes(d.entry)),
    prevHash: bytes(d.prevHash).toString('hex'),
    hash: bytes(d.hash).toString('hex'),
  };
}

function toChainRecord(d: AuditDoc): ChainRecord {
  return { seq: d.seq, requestId: d._id, bytes: bytes(d.entry), prevHash: bytes(d.prevHash), hash: bytes(d.hash), plain: true };
}

/** Append, list and verify of the audit trail in the registry's MongoDB database. */
export class MongoAuditTrail {
  private readonly audit: Collection<AuditDoc>;
  private readonly tail: Collection<AuditTailDoc>;

  constructor(
    private readonly client: MongoClient,
    db: Db,
  ) {
    this.audit = db.collection('registry_audit');
    this.tail = db.collection('registry_audit_tail');
  }

  /** Appends at the next seq in one transaction (majority commit) with the tail; a duplicate or empty id is refused. */
  async append(entry: AuditEntry): Promise<AuditRecord> {
    if (!entry.id) throw new MeshError('client.invalid_argument', 'an audit entry needs an id', { field: 'id' });
    const encoded = Buffer.from(AuditEntry.encode({ ...AuditEntry.fromPartial(entry), atMs: Math.trunc(entry.atMs || 0) }).finish());
    const duplicate = () => new MeshError('client.invalid_argument', `audit entry ${entry.id} exists already`, { field: 'id' });
    const session = this.client.startSession(MONGO_SESSION);
    try {
      let doc: AuditDoc | undefined;
      await session.withTransaction(async () => {
        if (await this.audit.findOne({ _id: entry.id }, { projection: { _id: 1 }, session })) throw duplicate();
        const tail = await this.tail.findOne({ _id: TAIL_ID }, { session });
        const seq = (tail?.seq ?? 0) + 1;
        const prev = tail ? bytes(tail.hash) : GENESIS_HASH;
        const hash = chainHashOfBytes(prev, seq, encoded);
        doc = { _id: entry.id, seq, entry: new Binary(encoded), prevHash: new Binary(prev), hash: new Binary(hash) };
        await this.audit.insertOne(doc, { session });
        await this.tail.updateOne({ _id: TAIL_ID }, { $set: { seq, hash: new Binary(hash) } }, { upsert: true, session });
      });
      return toRecord(doc!);
    } catch (err) {
      // Two appends of one id racing: the loser's insert meets the other's _id (not seq: the tail serializes those).
      if (isDuplicateKey(err) && !(err as { keyPattern?: Record<string, unknown> }).keyPattern?.['seq']) throw duplicate();
      throw err;
    } finally {
      await session.endSession();
    }
  }

  /** At most limit records from fromSeq (0 or 1: the start), in seq order, with the tail's seq. */
  async list(fromSeq: number, limit: number): Promise<{ records: AuditRecord[]; tailSeq: number }> {
    const n = Math.max(0, Math.trunc(limit));
    // limit(0) would mean "no limit" to MongoDB.
    const docs = n
      ? await this.audit
          .find({ seq: { $gte: Math.max(1, Math.trunc(fromSeq)) } })
          .sort({ seq: 1 })
          .limit(n)
          .toArray()
      : [];
    return { records: docs.map(toRecord), tailSeq: (await this.tailOf()).seq };
  }

  /** Walks the trail up to the tail read at the start, then looks past the tail of the end (a record there was not appended by a store). */
  async verify(): Promise<ChainVerification> {
    const tail = await this.tailOf();
    const walker = new ChainWalker({ fromSeq: 1, prevHash: GENESIS_HASH, tailSeq: tail.seq, tailHash: tail.hash });
    const cursor = this.audit.find({ seq: { $lte: tail.seq } }).sort({ seq: 1, _id: 1 });
    let ok = true;
    try {
      for await (const d of cursor) if (!(ok = walker.push(toChainRecord(d)))) break;
    } finally {
      await cursor.close();
    }
    if (ok) {
      const now = await this.tailOf();
      const past = await this.audit
        .find({ seq: { $gt: Math.max(now.seq, tail.seq) } })
        .sort({ seq: 1 })
        .limit(1)
        .next();
      if (past) walker.push(toChainRecord(past));
    }
    return walker.finish();
  }

  private async tailOf(): Promise<{ seq: number; hash: Buffer }> {
    const t = await this.tail.findOne({ _id: TAIL_ID });
    return t ? { seq: t.seq, hash: bytes(t.hash) } : { seq: 0, hash: GENESIS_HASH };
  }
}
