// The mesh on a three-node nats-server cluster (JetStream R3, broker authorization): steady traffic
// keeps being answered while the node leading the metering stream is killed and comes back, and the
// ledger ends with exactly one entry per request id. The client resends a request whose answer was
// lost with the node (a retryable code) under the same request id, as an LGSP does.
import { credentials } from '@grpc/grpc-js';
import { jetstreamManager, type JetStreamManager, type StreamInfo } from '@nats-io/jetstream';
import { credsAuthenticator, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { inboxPrefixFor } from '@ndxp/broker-auth';
import {
  getEnterpriseService,
  isRetryable,
  MeshError,
  METER_DURABLE,
  METER_STREAM,
  MeteringClient,
  type GetTransactionResponse,
  type LedgerStatsResponse,
} from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { startMesh, type Mesh, type NatsClusterHandle, withBearer } from '@ndxp/testing';
import { readFileSync } from 'node:fs';
import { startPlacingCluster } from './placing-cluster';

const RATE_PER_S = 30;

interface Outcome {
  requestId: string;
  code: string;
  /** Calls of the client (each with its own retries) it took. */
  calls: number;
  /** When the final answer arrived (Date.now()). */
  at: number;
}

describe('the mesh on a three-node nats-server cluster (JetStream R3) across the death of a node', () => {
  let cluster: NatsClusterHandle;
  let mesh: Mesh;
  let client: MeshClient;
  let metering: InstanceType<typeof MeteringClient>;
  let admin: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    cluster = await startPlacingCluster();
    // Read-only view of the metering stream (made R3 before the services start; they are told NATS_STREAM_REPLICAS=3).
    const role = { kind: 'metering' } as const;
    admin = await connect({
      servers: cluster.url.split(','),
      inboxPrefix: inboxPrefixFor(role),
      authenticator: credsAuthenticator(readFileSync(await cluster.credsFile(role))),
      maxReconnectAttempts: -1,
    });
    // The account's JetStream may come up a moment after the servers report healthy (the account JWT
    // reaches each node through the resolver): ask again for a while.
    for (const until = Date.now() + 20_000; ; await new Promise((r) => setTimeout(r, 250))) {
      try {
        jsm = await jetstreamManager(admin);
        break;
      } catch (err) {
        if (Date.now() > until) throw err;
      }
    }
    mesh = await startMesh({ nats: cluster, systems: ['business-registration'], env: { NATS_STREAM_REPLICAS: '3' } });
    client = await createClient({ ...(await mesh.clientOptions('TINH-01-LGSP')), timeoutMs: 6000, retries: 3 });
    metering = new MeteringClient(
      `127.0.0.1:${mesh.meteringGrpcPort}`,
      credentials.createInsecure(),
      withBearer(await mesh.accessToken('e2e-ops', ['ops', 'oversight'])),
    );
  }, 90_000);

  afterAll(async () => {
    metering?.close();
    await client?.close();
    await admin?.close();
    await mesh?.stop();
    await cluster?.stop();
  });

  it('answers every request and keeps exactly one ledger entry per request id while a node dies and returns', async () => {
    const info = await jsm.streams.info(METER_STREAM);
    expect(info.config.num_replicas).toBe(3);
    expect(info.cluster?.replicas?.length).toBe(2);

    const codes = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(200);
    const outcomes: Array<Promise<Outcome>> = [];
    /** When each call was answered, in order: the window the node is down is measured in answers. */
    const answeredAt: number[] = [];
    const call = async (i: number): Promise<Outcome> => {
      const outcome = await callOnce(i);
      answeredAt.push(outcome.at);
      return outcome;
    };
    const callOnce = async (i: number): Promise<Outcome> => {
      const requestId = `cluster-${i}`;
      let code = '';
      let calls = 0;
      while (calls < 5) {
        calls++;
        try {
          const r = await client.call(getEnterpriseService, { taxCode: codes[i % codes.length]! }, { requestId });
          return { requestId, code: r.response.taxCode === codes[i % codes.length] ? 'ok' : 'wrong-answer', calls, at: Date.now() };
        } catch (err) {
          code = err instanceof MeshError ? err.code : `thrown:${String(err)}`;
          // The error table says after which codes the mesh may not have served it: sent again, same id.
          if (!isRetryable(code)) break;
          // As an LGSP would: wait a little longer before each new call with the same request id.
          await new Promise((r) => setTimeout(r, 250 * calls));
        }
      }
      return { requestId, code, calls, at: Date.now() };
    };
    let sending = true;
    const pump = (async () => {
      for (let i = 0; sending; i++) {
        outcomes.push(call(i));
        await new Promise((r) => setTimeout(r, 1000 / RATE_PER_S));
      }
    })();
    const trafficFor = async (n: number): Promise<void> => {
      const target = outcomes.length + n;
      while (outcomes.length < target) await new Promise((r) => setTimeout(r, 20));
    };
    // Answers, not sends: on a loaded machine answers lag, and the node must stay down for n of them.
    const answersSince = async (since: number, n: number): Promise<void> => {
      const until = Date.now() + 60_000;
      while (answeredAt.filter((t) => t > since).length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    };
    // The admin connection may itself be reconnecting after the kill: ask again until it answers.
    const streamInfo = async (): Promise<StreamInfo> => {
      const until = Date.now() + 20_000;
      for (;;) {
        try {
          return await jsm.streams.info(METER_STREAM);
        } catch (err) {
          if (Date.now() > until) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };

    let results: Outcome[];
    let leader: string | undefined;
    let during: StreamInfo;
    let killedAt = 0;
    let backAt = 0;
    try {
      await trafficFor(60);
      // Kill the node that leads the metering stream: JetStream must elect another leader.
      leader = info.cluster?.leader;
      const victim = cluster.nodes.findIndex((n) => n.name === leader);
      expect(victim).toBeGreaterThanOrEqual(0);
      await cluster.kill(victim);
      killedAt = Date.now();
      await trafficFor(150);
      await answersSince(killedAt, 120);
      during = await streamInfo();
      backAt = Date.now();
      await cluster.start(victim);
      await trafficFor(90);
    } finally {
      sending = false;
      await pump;
      results = await Promise.all(outcomes);
    }
    expect(during.cluster?.leader).toBeDefined();
    expect(during.cluster?.leader).not.toBe(leader);

    const failed = results.filter((r) => r.code !== 'ok');
    expect(failed).toEqual([]);
    // It kept answering while the node was down, not only once it was back.
    const answeredWhileDown = results.filter((r) => r.at > killedAt && r.at < backAt).length;
    expect(answeredWhileDown).toBeGreaterThanOrEqual(100);
    const ids = results.map((r) => r.requestId);
    expect(new Set(ids).size).toBe(ids.length);

    const stats = (): Promise<LedgerStatsResponse> => new Promise((res, rej) => metering.ledgerStats({}, (e, r) => (e ? rej(e) : res(r))));
    const until = Date.now() + 30_000;
    let entries = 0;
    while (Date.now() < until && (entries = Number((await stats()).entries)) < ids.length) await new Promise((r) => setTimeout(r, 200));
    expect(entries).toBe(ids.length);
    const missing: string[] = [];
    for (const requestId of ids) {
      const t = await new Promise<GetTransactionResponse>((res, rej) =>
        metering.getTransaction({ requestId }, (e, r) => (e ? rej(e) : res(r))),
      );
      if (!t.found) missing.push(requestId);
    }
    expect(missing).toEqual([]);
    expect(Number((await stats()).entries)).toBe(ids.length);

    // The stream and the metering consumer are whole again: three replicas, all current.
    const untilCurrent = Date.now() + 30_000;
    let after = await streamInfo();
    while (Date.now() < untilCurrent && !(after.cluster?.replicas ?? []).every((p) => p.current && !p.offline)) {
      await new Promise((r) => setTimeout(r, 200));
      after = await streamInfo();
    }
    expect(after.cluster?.replicas?.length).toBe(2);
    expect(after.cluster?.replicas?.every((p) => p.current && !p.offline)).toBe(true);
    const consumer = await jsm.consumers.info(METER_STREAM, METER_DURABLE);
    expect(consumer.config.num_replicas ?? 0).not.toBe(1);
    expect(consumer.cluster?.replicas?.length).toBe(2);
  }, 150_000);
});
