// syncRegistry against a real nats-server and @ndxp/testing's fake registry: the first snapshot
// retried until the registry answers, change events in revision order, a fresh snapshot on a gap
// and periodically, one snapshot request at a time, nothing followed once stopped.
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { MeshError, type Grant, type RegistryChange, type RegistrySnapshot } from '@ndxp/contracts';
import {
  serveFakeRegistry,
  startNatsServer,
  waitUntil,
  type FakeRegistry,
  type NatsServerHandle,
  type RegistrySnapshotInput,
} from '@ndxp/testing';
import { createLogger } from '../logger';
import { ReplyMux } from '../reply-mux';
import { RegistryReplica } from './registry-replica';
import { fetchRegistrySnapshot } from './registry-snapshot';
import { syncRegistry, type RegistrySync, type RegistrySyncOptions } from './registry-sync';

const logger = createLogger({ service: 'registry-sync-test', level: 'silent' });
const grant = (consumer: string): Grant => ({ consumer, provider: 'P', service: 'S', grantedAtMs: 0 });
const key = (g: Grant): string => `${g.consumer}/${g.provider}/${g.service}`;

/** Holds the consumers granted P/S. */
class GrantReplica extends RegistryReplica {
  grants = new Set<string>();
  protected override replaceWith(snapshot: RegistrySnapshot): void {
    this.grants = new Set(snapshot.grants.map(key));
  }
  protected override follow(c: RegistryChange['change']): void {
    if (c?.$case === 'granted') this.grants.add(key(c.value));
    if (c?.$case === 'revoked') this.grants.delete(key(c.value));
  }
}

describe('syncRegistry (real nats-server, fake registry)', () => {
  let server: NatsServerHandle;
  let registryNc: NatsConnection;
  let nc: NatsConnection;
  let registry: FakeRegistry | undefined;
  let sync: RegistrySync | undefined;

  beforeAll(async () => {
    server = await startNatsServer();
    registryNc = await connect({ servers: server.url });
    nc = await connect({ servers: server.url });
  });
  afterEach(() => {
    sync?.stop();
    registry?.stop();
    sync = registry = undefined;
  });
  afterAll(async () => {
    await nc?.close();
    await registryNc?.close();
    await server?.stop();
  });

  const follow = async (options: Partial<RegistrySyncOptions> = {}): Promise<GrantReplica> => {
    const replica = new GrantReplica();
    sync = syncRegistry(nc, replica, logger, { resyncMs: 60_000, ...options });
    await sync.loaded;
    return replica;
  };
  const serve = async (snapshot: RegistrySnapshotInput = { revision: 1, grants: [grant('A')] }): Promise<FakeRegistry> => {
    registry = serveFakeRegistry(registryNc, { snapshot });
    await registryNc.flush();
    return registry;
  };

  it('asks for the first snapshot again, backing off, until the registry answers, then loads it', async () => {
    const fake = await serve({ revision: 7, grants: [grant('A')] });
    fake.refuse(new MeshError('server.unavailable', 'starting'));
    const replica = new GrantReplica();
    sync = syncRegistry(nc, replica, logger, { resyncMs: 60_000, retry: { firstMs: 20, maxMs: 80 } });
    await waitUntil(() => fake.snapshotRequests >= 4, { what: 'four refused Snapshot requests' });
    expect(replica.ready).toBe(false);
    fake.refuse(undefined);
    await sync.loaded;
    expect([replica.revision, [...replica.grants]]).toEqual([7, ['A/P/S']]);
  });

  it('applies change events in revision order without asking for a snapshot', async () => {
    const fake = await serve();
    const replica = await follow();
    await fake.change({ $case: 'granted', value: grant('B') });
    await fake.change({ $case: 'revoked', value: grant('A') });
    await waitUntil(() => replica.revision === 3);
    expect([...replica.grants]).toEqual(['B/P/S']);
    expect(fake.snapshotRequests).toBe(1);
  });

  it('ignores a duplicate or stale event', async () => {
    const fake = await serve({ revision: 2, grants: [grant('A')] });
    const replica = await follow();
    await fake.emit({ revision: 2, change: { $case: 'revoked', value: grant('A') } });
    await fake.change({ $case: 'granted', value: grant('B') });
    await waitUntil(() => replica.revision === 3);
    expect([...replica.grants].sort()).toEqual(['A/P/S', 'B/P/S']);
    expect(fake.snapshotRequests).toBe(1);
  });

  it('fetches a fresh snapshot when an event skips a revision (one was lost)', async () => {
    const fake = await serve();
    const replica = await follow();
    await fake.change({ $case: 'granted', value: grant('LOST') }, { lost: true });
    await fake.change({ $case: 'granted', value: grant('C') });
    await waitUntil(() => replica.revision === 3);
    expect([...replica.grants].sort()).toEqual(['A/P/S', 'C/P/S', 'LOST/P/S']);
    expect(fake.snapshotRequests).toBe(2);
  });

  it('repairs a lost last event by the periodic re-sync', async () => {
    const fake = await serve();
    const replica = await follow({ resyncMs: 100 });
    await fake.change({ $case: 'revoked', value: grant('A') }, { lost: true });
    await waitUntil(() => replica.revision === 2, { what: 'the periodic re-sync' });
    expect([...replica.grants]).toEqual([]);
  });

  it('asks for one snapshot at a time: concurrent re-syncs join the request in flight', async () => {
    const fake = await serve();
    await follow();
    const before = fake.snapshotRequests;
    await Promise.all([sync!.resync(), sync!.resync(), sync!.resync()]);
    expect(fake.snapshotRequests - before).toBe(1);
    await sync!.resync();
    expect(fake.snapshotRequests - before).toBe(2);
  });

  it('follows nothing once stopped', async () => {
    const fake = await serve();
    const replica = await follow({ resyncMs: 50 });
    sync!.stop();
    const requests = fake.snapshotRequests;
    await fake.change({ $case: 'granted', value: grant('B') });
    await nc.flush();
    await new Promise((r) => setTimeout(r, 200));
    expect([replica.revision, fake.snapshotRequests]).toEqual([1, requests]);
  });

  it('ends the first-snapshot retries when stopped before the registry answered', async () => {
    const replica = new GrantReplica();
    sync = syncRegistry(nc, replica, logger, { resyncMs: 60_000, retry: { firstMs: 20, maxMs: 20 } });
    sync.stop();
    await sync.loaded;
    expect(replica.ready).toBe(false);
  });

  it('sends Snapshot through a ReplyMux when given one', async () => {
    const fake = await serve({ revision: 4 });
    const mux = new ReplyMux(nc, '_INBOX.registry-sync-test');
    try {
      const replica = await follow({ requester: mux });
      expect([replica.revision, fake.snapshotRequests]).toEqual([4, 1]);
    } finally {
      mux.close();
    }
  });
});

describe('fetchRegistrySnapshot (real nats-server)', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  it('fails with server.unavailable when no registry answers', async () => {
    await expect(fetchRegistrySnapshot(nc, 500)).rejects.toMatchObject({ code: 'server.unavailable' });
  });

  it("passes on the registry's refusal with its code", async () => {
    const fake = serveFakeRegistry(nc);
    try {
      fake.refuse(new MeshError('client.access_denied', 'not for you'));
      await expect(fetchRegistrySnapshot(nc)).rejects.toMatchObject({ code: 'client.access_denied', message: 'not for you' });
      fake.refuse(undefined);
      expect((await fetchRegistrySnapshot(nc)).revision).toBe(1);
    } finally {
      fake.stop();
    }
  });
});
