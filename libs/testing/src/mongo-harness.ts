// Where a test finds a MongoDB: MONGODB_URL, else a mongo:7 single-node replica set
// started by testcontainers when a Docker engine is reachable, else nowhere (the run is skipped,
// by name, with the reason). Never an in-memory imitation.
import { existsSync } from 'node:fs';
import { MongoClient } from 'mongodb';

/** Whether MongoDB can be reached, decided synchronously so jest can name the skipped block. */
export type MongoAvailability = { available: true; source: 'MONGODB_URL' | 'docker' } | { available: false; reason: string };

/** Image of the MongoDB test container (MONGODB_IMAGE overrides). */
export const DEFAULT_MONGO_IMAGE = 'mongo:7';

/** MONGODB_URL wins; otherwise a Docker socket (DOCKER_HOST or /var/run/docker.sock) means testcontainers. */
export function mongoAvailability(env: Record<string, string | undefined> = process.env): MongoAvailability {
  if (env['MONGODB_URL']) return { available: true, source: 'MONGODB_URL' };
  if (env['DOCKER_HOST'] || existsSync('/var/run/docker.sock')) return { available: true, source: 'docker' };
  return { available: false, reason: 'MONGODB_URL not set and no Docker engine reachable' };
}

/** Title of a describe block for MongoDB: says when and why it is skipped. */
export function mongoTitle(what: string, a: MongoAvailability = mongoAvailability()): string {
  return a.available ? `${what} on MongoDB (${a.source})` : `${what} on MongoDB (skipped: ${a.reason})`;
}

/** A reachable MongoDB replica set for one test file. */
export interface MongoHandle {
  url: string;
  stop(): Promise<void>;
}

/** Waits (probing, bounded) until the server answers with a writable primary. */
async function waitForPrimary(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 2_000 });
    try {
      const hello = await client.db('admin').command({ hello: 1 });
      if (hello['isWritablePrimary'] === true) return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    } finally {
      await client.close().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`MongoDB at ${url} has no writable primary after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Uses MONGODB_URL, or starts mongo:7 with --replSet rs0 and runs rs.initiate() in it. */
export async function startMongo(env: Record<string, string | undefined> = process.env): Promise<MongoHandle> {
  const url = env['MONGODB_URL'];
  if (url) {
    await waitForPrimary(url, 30_000);
    return { url, stop: async () => undefined };
  }
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(env['MONGODB_IMAGE'] ?? DEFAULT_MONGO_IMAGE)
    .withCommand(['--replSet', 'rs0', '--bind_ip_all'])
    .withExposedPorts(27017)
    .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
    .start();
  const init = await container.exec([
    'mongosh',
    '--quiet',
    '--eval',
    "try { rs.status() } catch (e) { rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'localhost:27017' }] }) }",
  ]);
  if (init.exitCode !== 0) throw new Error(`rs.initiate failed: ${init.output}`);
  // directConnection: the member calls itself localhost:27017, which is not the mapped port.
  const mapped = `mongodb://${container.getHost()}:${container.getMappedPort(27017)}/?directConnection=true`;
  await waitForPrimary(mapped, 60_000);
  return {
    url: mapped,
    stop: async () => {
      await container.stop();
    },
  };
}
