import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import type { NatsConnection } from '@nats-io/nats-core';
import {
  IssueAccessTokenRequest,
  IssueAccessTokenResponse,
  GetMemberRequest,
  GrantRequest,
  type GrantResponse,
  type RegisterMemberResponse,
  Header,
  MeshError,
  RegistryChange,
  RegistryClient,
  RegistrySnapshot,
  subjects,
} from '@ndxp/contracts';
import { connectNats, createLogger, loadCommonConfig } from '@ndxp/runtime';
import { openSqliteRegistryStore, type SqliteRegistryStore } from '@ndxp/store';
import { startNatsServer, withBearer, type NatsServerHandle } from '@ndxp/testing';
import { DEFAULT_SEED_DIR } from './config';
import { GRPC_CODE_METADATA, GRPC_FIELD_METADATA } from '@ndxp/contracts';
import { startRegistry, type RunningRegistry } from './registry';
import { seedRegistry } from './seeder';
import { TokenSigner } from './token-signer';

const logger = createLogger({ service: 'registry-test', level: 'silent' });

/** Runs one unary gRPC call as a promise. */
function call<Res>(invoke: (cb: (err: ServiceError | null, res: Res) => void) => unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    invoke((err, res) => (err ? reject(err) : resolve(res)));
  });
}

describe('registry service over NATS and gRPC', () => {
  let server: NatsServerHandle;
  let dir: string;
  let store: SqliteRegistryStore;
  let serviceNc: NatsConnection;
  let nc: NatsConnection;
  let registry: RunningRegistry;
  let client: RegistryClient;
  let seededRevision: number;

  beforeAll(async () => {
    server = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'ndxp-registry-int-'));
    store = openSqliteRegistryStore(join(dir, 'registry.sqlite'));
    seededRevision = (await seedRegistry(store, DEFAULT_SEED_DIR)).revision;
    const common = loadCommonConfig({ NATS_URL: server.url }, 'registry-test');
    serviceNc = await connectNats(common, 'registry', logger);
    nc = await connectNats(common, 'registry-test-client', logger);
    registry = await startRegistry({
      signer: await TokenSigner.ephemeral(),
      nc: serviceNc,
      store,
      logger,
      grpcAddr: '127.0.0.1:0',
    });
    // An ops token, issued over NATS (where the broker vouches for ops), for the gRPC calls.
    const issued = await nc.request(
      subjects.registry('IssueAccessToken'),
      IssueAccessTokenRequest.encode({ identity: 'test-ops', roles: ['ops'], expiresInS: 0 }).finish(),
      { timeout: 5_000 },
    );
    seededRevision = await store.revision(); // the token's record is a change too
    client = new RegistryClient(
      `127.0.0.1:${registry.grpcPort}`,
      credentials.createInsecure(),
      withBearer(IssueAccessTokenResponse.decode(issued.data).token),
    );
  });

  afterAll(async () => {
    client?.close();
    await registry?.stop();
    await serviceNc?.drain();
    await nc?.drain();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  });

  it('binds gRPC on a free port when asked for port 0', () => {
    expect(registry.grpcPort).toBeGreaterThan(0);
  });

  it('answers Snapshot over NATS with the seeded registry', async () => {
    const reply = await nc.request(subjects.registry('Snapshot'), new Uint8Array(0), { timeout: 5_000 });
    expect(reply.headers?.get(Header.Status)).toBe('ok');
    const snap = RegistrySnapshot.decode(reply.data);
    expect(snap.revision).toBe(seededRevision);
    expect(snap.members).toHaveLength(86);
    expect(snap.subsystems.filter((s) => s.subsystemCode === 'LGSP')).toHaveLength(85);
    expect(snap.services.map((s) => `${s.provider}.${s.service}.${s.version}`)).toContain('BO-BKHDT-DKDN.GetEnterprise.v1');
    expect(snap.services).toHaveLength(8);
    expect(snap.grants).toHaveLength(614);
  });

  it('publishes a RegistryChange with increasing revisions for each stored change made over gRPC, none for a repeat', async () => {
    const events = nc.subscribe(subjects.registryEvents, { max: 3 });
    await nc.flush();
    const received = (async () => {
      const got: RegistryChange[] = [];
      for await (const m of events) got.push(RegistryChange.decode(m.data));
      return got;
    })();

    const bcci = {
      token: 'DN-VNPOST-BCCI',
      memberClass: 'DN',
      memberCode: 'VNPOST',
      subsystemCode: 'BCCI',
      name: 'Hệ thống bưu chính công ích',
    };
    const registered = await call<RegisterMemberResponse>((cb) =>
      client.registerMember(
        {
          member: {
            instance: 'VN',
            memberClass: 'DN',
            memberCode: 'VNPOST',
            name: 'Tổng công ty Bưu điện Việt Nam',
            kind: 'state_enterprise',
          },
          subsystems: [bcci],
        },
        cb,
      ),
    );
    expect(registered.revision).toBe(seededRevision + 1);
    const grant = GrantRequest.fromPartial({
      consumer: 'DN-VNPOST-BCCI',
      provider: 'BO-BKHDT-DKDN',
      service: 'GetEnterprise',
    });
    expect(await call<GrantResponse>((cb) => client.grant(grant, cb))).toEqual({
      revision: seededRevision + 2,
      changed: true,
    });
    expect(await call<GrantResponse>((cb) => client.grant(grant, cb))).toEqual({
      revision: seededRevision + 2,
      changed: false,
    });
    expect(await call<GrantResponse>((cb) => client.revoke(grant, cb))).toEqual({ revision: seededRevision + 3, changed: true });

    const timeout = setTimeout(() => events.unsubscribe(), 5_000);
    const got = await received;
    clearTimeout(timeout);
    expect(got.map((c) => [c.revision, c.change?.$case])).toEqual([
      [seededRevision + 1, 'subsystemRegistered'],
      [seededRevision + 2, 'granted'],
      [seededRevision + 3, 'revoked'],
    ]);
    expect(got[1]!.change?.value).toMatchObject({
      consumer: 'DN-VNPOST-BCCI',
      provider: 'BO-BKHDT-DKDN',
      service: 'GetEnterprise',
    });
  });

  it('answers undecodable bytes with client.malformed and an empty body, and keeps answering', async () => {
    // Field 1, length-delimited, claiming 2^28 bytes that are not there.
    const reply = await nc.request(subjects.registry('Grant'), Uint8Array.of(0x0a, 0x80, 0x80, 0x80, 0x80, 0x01), { timeout: 5_000 });
    expect(reply.headers?.get(Header.Status)).toBe('client.malformed');
    expect(reply.data).toHaveLength(0);
    const next = await nc.request(subjects.registry('Snapshot'), new Uint8Array(0), { timeout: 5_000 });
    expect(next.headers?.get(Header.Status)).toBe('ok');
    expect(RegistrySnapshot.decode(next.data).members.length).toBeGreaterThan(0);
  });

  it('answers an unknown member with client.not_found over NATS', async () => {
    const req = GetMemberRequest.encode({
      memberClass: 'TINH',
      memberCode: '03',
    }).finish();
    const reply = await nc.request(subjects.registry('GetMember'), req, {
      timeout: 5_000,
    });
    const err = MeshError.fromHeaders(reply.headers!);
    expect(err?.code).toBe('client.not_found');
    expect(reply.data).toHaveLength(0);
  });

  it('maps errors to gRPC status with the stable code and field in metadata', async () => {
    const notFound = await call((cb) => client.getMember({ memberClass: 'TINH', memberCode: '03' }, cb)).catch((e: ServiceError) => e);
    expect((notFound as ServiceError).code).toBe(status.NOT_FOUND);
    expect((notFound as ServiceError).metadata.get(GRPC_CODE_METADATA)).toEqual(['client.not_found']);
    const invalid = await call((cb) =>
      client.grant(
        {
          consumer: 'TINH-01-LGSP',
          provider: 'BO-BKHDT-DKDN',
          service: 'GetNothing',
        },
        cb,
      ),
    ).catch((e: ServiceError) => e);
    expect((invalid as ServiceError).code).toBe(status.INVALID_ARGUMENT);
    expect((invalid as ServiceError).metadata.get(GRPC_CODE_METADATA)).toEqual(['client.invalid_argument']);
    expect((invalid as ServiceError).metadata.get(GRPC_FIELD_METADATA)).toEqual(['service']);
  });
});
