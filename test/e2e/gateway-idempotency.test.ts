// Idempotency at the gRPC edge (issue 16): a gRPC caller that set no request id used to get a fresh
// one from the gateway on every call, so its client-side retry of CreateOrder was served and metered
// twice. Methods whose proto idempotency level is not NO_SIDE_EFFECTS or IDEMPOTENT (CreateOrder,
// CancelOrder) are now refused without a caller-set ndxp-request-id, and a retry with the same id is
// one transaction: one order at Vietnam Post, one ledger row, also when the first answer was lost.
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import {
  fromGrpcError,
  GRPC_FIELD_METADATA,
  LedgerStatsRequest,
  type LedgerStatsResponse,
  PublicPostalClient,
  RegistryClient,
  type CreateOrderRequest,
  type GetTransactionResponse,
  type MeteringClient,
  type Order,
} from '@ndxp/contracts';
import { sampleOrderRequest, startMesh, withBearer, type Mesh } from '@ndxp/testing';

const CONSUMER = 'TINH-48-LGSP';
/** The Vietnam Post simulator answers after this long: time for the caller to give up on the first answer. */
const SIM_LATENCY_MS = 800;

describe('CreateOrder through the gRPC gateway, retried (every service a process)', () => {
  let mesh: Mesh;
  let postal: PublicPostalClient;
  let metering: MeteringClient;
  let token: string;

  beforeAll(async () => {
    mesh = await startMesh({ systems: ['vnpost'], gateway: true, env: { SIM_LATENCY_MS: String(SIM_LATENCY_MS) } });
    const ops = withBearer(await mesh.accessToken('e2e-ops', ['ops']));
    const registry = new RegistryClient(`127.0.0.1:${mesh.registryGrpcPort}`, credentials.createInsecure(), ops);
    token = await new Promise<string>((res, rej) =>
      registry.issueCredential({ consumer: CONSUMER, kind: 'token', publicKey: '', expiresInS: 0 }, (e, r) => (e ? rej(e) : res(r.secret))),
    );
    registry.close();
    metering = await mesh.meteringClient();
    postal = new PublicPostalClient(`127.0.0.1:${mesh.gatewayGrpcPort}`, credentials.createInsecure());
  }, 120_000);
  afterAll(async () => {
    postal?.close();
    await mesh?.stop();
  });

  const md = (requestId?: string): Metadata => {
    const m = new Metadata();
    m.set('authorization', `Bearer ${token}`);
    if (requestId) m.set('ndxp-request-id', requestId);
    return m;
  };
  const order = (orderNumber: string): CreateOrderRequest => sampleOrderRequest(orderNumber);
  const create = (req: CreateOrderRequest, m: Metadata, deadlineMs = 10_000): Promise<Order> =>
    new Promise((res, rej) => postal.createOrder(req, m, { deadline: Date.now() + deadlineMs }, (e, r) => (e ? rej(e) : res(r))));
  const entries = async (): Promise<number> =>
    new Promise((res, rej) =>
      metering.ledgerStats(LedgerStatsRequest.fromPartial({}), (e, r: LedgerStatsResponse) => (e ? rej(e) : res(r.entries))),
    );
  const transaction = (requestId: string): Promise<GetTransactionResponse> =>
    new Promise((res, rej) => metering.getTransaction({ requestId }, (e, r) => (e ? rej(e) : res(r))));
  const settled = async (requestId: string, code: string): Promise<GetTransactionResponse> => {
    for (const until = Date.now() + 15_000; ;) {
      const t = await transaction(requestId);
      if ((t.found && t.event?.code === code) || Date.now() > until) return t;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('refuses CreateOrder without ndxp-request-id with INVALID_ARGUMENT client.invalid_argument naming the metadata key, and serves nothing', async () => {
    const before = await entries();
    const err = await create(order(`DN-NOID-${Date.now()}`), md()).then(
      () => undefined,
      (e: unknown) => e as ServiceError,
    );
    expect(err?.code).toBe(3); // INVALID_ARGUMENT
    expect(fromGrpcError(err!).code).toBe('client.invalid_argument');
    expect(err!.metadata.get(GRPC_FIELD_METADATA)).toEqual(['ndxp-request-id']);
    expect(err!.details).toContain('ndxp-request-id');
    expect(await entries()).toBe(before);
  });

  it('serves a retry whose first answer was lost (the caller cancelled) from the first attempt: one order, one ledger row', async () => {
    const requestId = `e2e-gw-order-lost-${Date.now()}`;
    const req = order(`DN-LOST-${Date.now()}`);
    const before = await entries();
    // The first attempt reaches the national system; the caller gives up before the answer.
    const first = await new Promise<ServiceError>((resolve) => {
      const call = postal.createOrder(req, md(requestId), { deadline: Date.now() + 10_000 }, (e) => resolve(e!));
      setTimeout(() => call.cancel(), SIM_LATENCY_MS / 2);
    });
    expect(first.code).toBe(1); // CANCELLED
    // The mesh finishes the first attempt; the retry with the same id gets its answer.
    await settled(requestId, 'ok');
    const retried = await create(req, md(requestId));
    const again = await create(req, md(requestId));
    expect(retried.orderNumber).toBe(req.orderNumber);
    expect(again.itemNumber).toBe(retried.itemNumber);
    expect((await transaction(requestId)).event?.code).toBe('ok');
    expect((await entries()) - before).toBe(1);
  });

  it('serves a retry after the first attempt timed out in the mesh afresh under the same id: one order, the one ledger row turned ok', async () => {
    const requestId = `e2e-gw-order-timeout-${Date.now()}`;
    const req = order(`DN-TIMEOUT-${Date.now()}`);
    const before = await entries();
    const first = await create(req, md(requestId), SIM_LATENCY_MS / 2).then(
      () => undefined,
      (e: unknown) => e as ServiceError,
    );
    expect(first?.code).toBe(4); // DEADLINE_EXCEEDED
    await settled(requestId, 'server.timeout');
    // Vietnam Post keeps one order per order number: the national system itself is idempotent.
    const retried = await create(req, md(requestId));
    expect(retried.orderNumber).toBe(req.orderNumber);
    expect((await settled(requestId, 'ok')).event?.code).toBe('ok');
    expect((await entries()) - before).toBe(1);
  });

  it('still mints a request id for a read that is safe to repeat (TrackOrder)', async () => {
    const created = await create(order(`DN-TRACK-${Date.now()}`), md(`e2e-gw-track-${Date.now()}`));
    const tracked = await new Promise<unknown>((res, rej) =>
      postal.trackOrder({ itemNumber: created.itemNumber }, md(), { deadline: Date.now() + 10_000 }, (e, r) => (e ? rej(e) : res(r))),
    );
    expect(tracked).toMatchObject({ order: { itemNumber: created.itemNumber } });
  });
});
