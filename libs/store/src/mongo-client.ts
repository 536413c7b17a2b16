// Connecting to MongoDB with the settings every Mongo store uses: majority writes and reads,
// retryable writes and reads, and transactions at snapshot isolation with majority commit.
import { MongoClient, type ClientSessionOptions, type TransactionOptions } from 'mongodb';

/** Options of every transaction a Mongo store runs (changes that must land together). */
export const MONGO_TRANSACTION: TransactionOptions = {
  readConcern: { level: 'snapshot' },
  writeConcern: { w: 'majority' },
  readPreference: 'primary',
};

/** Session options: transactions get MONGO_TRANSACTION by default. */
export const MONGO_SESSION: ClientSessionOptions = { defaultTransactionOptions: MONGO_TRANSACTION };

/** Connects (and verifies the connection with a ping); the caller closes the client. */
export async function connectMongo(url: string, serverSelectionTimeoutMS = 10_000): Promise<MongoClient> {
  const client = new MongoClient(url, {
    writeConcern: { w: 'majority' },
    readConcern: { level: 'majority' },
    retryWrites: true,
    retryReads: true,
    serverSelectionTimeoutMS,
    appName: 'ndxp',
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return client;
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }
}

/** True for a duplicate-key error (E11000), as a plain error or inside a bulk write error. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
