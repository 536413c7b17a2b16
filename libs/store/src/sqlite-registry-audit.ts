// The registry's audit trail on SQLite: one row per entry (seq, id, the AuditEntry's protobuf bytes
// as stored, prev_hash, hash) and the tail in registry_audit_tail. The chain is the ledger's:
// hash = SHA-256(prev_hash ‖ seq as 8-byte big-endian ‖ entry bytes), the first prev_hash 32 zero
// bytes, and verify walks it with the ledger's ChainWalker.
import { AuditEntry, MeshError, type AuditRecord } from '@ndxp/contracts';
import { chainHashOfBytes } from './ledger-chain-encoding';
import type { ChainVerification } from './ports';
import type { SqliteDatabase } from './sqlite';
import { GENESIS_HASH } from './sqlite-ledger-chain';
import { ChainWalker, type ChainRecord } from './sqlite-ledger-verify';

interface AuditRow {
  seq: number;
  id: string;
  entry: Buffer;
  prev_hash: Buffer;
  hash: Buffer;
}
interface Tail {
  seq: number;
  hash: Buffer;
}

/** Records read per slice of a walk (between two turns of the event loop). */
const VERIFY_SLICE = 20_000;

/** The audit trail's rows as a record of the trail (hashes in hex, the entry decoded from its bytes). */
function toRecord(r: AuditRow): AuditRecord {
  return { seq: r.seq, entry: AuditEntry.decode(r.entry), prevHash: r.prev_hash.toString('hex'), hash: r.hash.toString('hex') };
}

function toChainRecord(r: AuditRow): ChainRecord {
  return { seq: r.seq, requestId: r.id, bytes: r.entry, prevHash: r.prev_hash, hash: r.hash, plain: true };
}

/** Append, list and verify of the audit trail in the registry's SQLite file (tables made by migrateRegistry). */
export class SqliteAuditTrail {
  constructor(private readonly db: SqliteDatabase) {}

  /** Appends at the next seq in one IMMEDIATE transaction with the tail; a duplicate or empty id is refused. */
  append(entry: AuditEntry): AuditRecord {
    if (!entry.id) throw new MeshError('client.invalid_argument', 'an audit entry needs an id', { field: 'id' });
    // Stored as encoded here; the hash covers these bytes as they are (atMs a whole number, as int64 needs).
    const bytes = Buffer.from(AuditEntry.encode({ ...AuditEntry.fromPartial(entry), atMs: Math.trunc(entry.atMs || 0) }).finish());
    return this.db
      .transaction((): AuditRecord => {
        if (this.db.prepare<[string], { seq: number }>('SELECT seq FROM registry_audit WHERE id = ?').get(entry.id)) {
          throw new MeshError('client.invalid_argument', `audit entry ${entry.id} exists already`, { field: 'id' });
        }
        const tail = this.tail();
        const row: AuditRow = { seq: tail.seq + 1, id: entry.id, entry: bytes, prev_hash: tail.hash, hash: Buffer.alloc(0) };
        row.hash = Buffer.from(chainHashOfBytes(row.prev_hash, row.seq, bytes));
        this.db
          .prepare('INSERT INTO registry_audit (seq, id, entry, prev_hash, hash) VALUES (@seq, @id, @entry, @prev_hash, @hash)')
          .run(row);
        this.db
          .prepare(
            `INSERT INTO registry_audit_tail (id, seq, hash) VALUES (1, ?, ?)
             ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
          )
          .run(row.seq, row.hash);
        return toRecord(row);
      })
      .immediate();
  }

  /** At most limit records from fromSeq (0 or 1: the start), in seq order, with the tail's seq. */
  list(fromSeq: number, limit: number): { records: AuditRecord[]; tailSeq: number } {
    return this.db.transaction(() => ({
      records: this.db
        .prepare<[number, number], AuditRow>('SELECT * FROM registry_audit WHERE seq >= ? ORDER BY seq LIMIT ?')
        .all(Math.max(1, Math.trunc(fromSeq)), Math.max(0, Math.trunc(limit)))
        .map(toRecord),
      tailSeq: this.tail().seq,
    }))();
  }

  /**
   * Walks the trail up to the tail read at the start, a slice at a time, then looks past the tail of
   * the end (a record there was not appended by a store). Records at seq < 1 are walked too: none is genuine.
   */
  async verify(): Promise<ChainVerification> {
    const tail = this.tail();
    const walker = new ChainWalker({ fromSeq: 1, prevHash: GENESIS_HASH, tailSeq: tail.seq, tailHash: tail.hash });
    const slice = this.db.prepare<[number, number, number], AuditRow>(
      'SELECT * FROM registry_audit WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    );
    let after = Number.MIN_SAFE_INTEGER;
    let ok = true;
    for (;;) {
      const rows = slice.all(after, tail.seq, VERIFY_SLICE);
      for (const r of rows) if (!(ok = walker.push(toChainRecord(r)))) break;
      if (!ok || rows.length < VERIFY_SLICE) break;
      after = rows[rows.length - 1]!.seq;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (ok) {
      this.db.transaction(() => {
        const now = this.tail();
        const past = this.db
          .prepare<[number], AuditRow>('SELECT * FROM registry_audit WHERE seq > ? ORDER BY seq LIMIT 1')
          .get(Math.max(now.seq, tail.seq));
        if (past) walker.push(toChainRecord(past));
      })();
    }
    return walker.finish();
  }

  private tail(): Tail {
    return this.db.prepare<[], Tail>('SELECT seq, hash FROM registry_audit_tail WHERE id = 1').get() ?? { seq: 0, hash: GENESIS_HASH };
  }
}
