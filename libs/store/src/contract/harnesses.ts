// The two store implementations as contract harnesses: SQLite files in a temporary folder, and
// MongoDB databases with unique names on the reachable server.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeterEvent } from '@ndxp/contracts';
import { Binary, MongoClient } from 'mongodb';
import { openMongoLedgerStore } from '../mongo-ledger-store';
import { openMongoRegistryStore } from '../mongo-registry-store';
import { openSqlite } from '../sqlite';
import { openSqliteLedgerStore } from '../sqlite-ledger-store';
import { openSqliteRegistryStore } from '../sqlite-registry-store';
import { closeAll, type StoreHarness } from './harness';
import { startMongo, type MongoHandle } from '@ndxp/testing';

/** The embedded store: each database is one file (ledger and registry share it, as they may). */
export function sqliteHarness(): StoreHarness {
  let dir = '';
  return {
    setup: async () => {
      dir = mkdtempSync(join(tmpdir(), 'ndxp-store-contract-'));
    },
    teardown: async () => {
      rmSync(dir, { recursive: true, force: true });
    },
    freshDatabase: async () => {
      const path = join(dir, `${randomUUID()}.sqlite`);
      const opened: { close(): Promise<void> }[] = [];
      const track = <T extends { close(): Promise<void> }>(s: T): T => (opened.push(s), s);
      return {
        openLedger: async () => track(openSqliteLedgerStore(path)),
        openRegistry: async () => track(openSqliteRegistryStore(path)),
        tamperAudit: async (seq, change) => {
          // A connection of its own, as another process on the file would have.
          const raw = openSqlite(path);
          try {
            if (change === 'delete') raw.prepare('DELETE FROM registry_audit WHERE seq = ?').run(seq);
            else raw.prepare('UPDATE registry_audit SET entry = ? WHERE seq = ?').run(Buffer.from(change.entry), seq);
          } finally {
            raw.close();
          }
        },
        tamperLedgerCode: async (seq, code) => {
          const raw = openSqlite(path);
          try {
            for (const table of ['ledger', 'ledger_updates']) {
              const row = raw.prepare(`SELECT event FROM ${table} WHERE seq = ?`).get(seq) as { event: Buffer } | undefined;
              if (!row) continue;
              const event = Buffer.from(MeterEvent.encode({ ...MeterEvent.decode(row.event), code }).finish());
              raw.prepare(`UPDATE ${table} SET event = ? WHERE seq = ?`).run(event, seq);
            }
          } finally {
            raw.close();
          }
        },
        drop: async () => {
          await closeAll(opened);
          rmSync(path, { force: true });
        },
      };
    },
  };
}

/** MongoDB (MONGODB_URL or a testcontainers replica set): each database has a unique name. */
export function mongoHarness(): StoreHarness {
  let mongo: MongoHandle | undefined;
  let admin: MongoClient | undefined;
  return {
    setup: async () => {
      mongo = await startMongo();
      admin = new MongoClient(mongo.url);
      await admin.connect();
    },
    teardown: async () => {
      await admin?.close();
      await mongo?.stop();
    },
    freshDatabase: async () => {
      const url = mongo!.url;
      const name = `ndxp_contract_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const opened: { close(): Promise<void> }[] = [];
      const track = <T extends { close(): Promise<void> }>(s: T): T => (opened.push(s), s);
      return {
        openLedger: async () => track(await openMongoLedgerStore(url, name)),
        openRegistry: async () => track(await openMongoRegistryStore(url, name)),
        tamperAudit: async (seq, change) => {
          const audit = admin!.db(name).collection('registry_audit');
          if (change === 'delete') await audit.deleteOne({ seq });
          else await audit.updateOne({ seq }, { $set: { entry: new Binary(change.entry) } });
        },
        tamperLedgerCode: async (seq, code) => {
          await admin!.db(name).collection('ledger').updateOne({ seq, counted: true }, { $set: { code } });
        },
        drop: async () => {
          await closeAll(opened);
          await admin!.db(name).dropDatabase();
        },
      };
    },
  };
}
