// End to end: bad input at the mesh running as processes ends in its stable code, is metered, and
// the mesh keeps serving; routing refuses to start with a size limit the broker cannot carry.
import { credentials } from '@grpc/grpc-js';
import { headers, type Msg, type NatsConnection } from '@nats-io/nats-core';
import {
  BUSINESS_REGISTRATION_PROVIDER,
  GetEnterpriseRequest,
  Header,
  MeteringClient,
  subjects,
  type GetTransactionResponse,
} from '@ndxp/contracts';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { startMesh, type Mesh, withBearer } from '@ndxp/testing';

const CONSUMER = 'TINH-01-LGSP';
const SERVICE = 'GetEnterprise';

describe('bad input at the mesh (real processes, real nats-server)', () => {
  let mesh: Mesh;
  let nc: NatsConnection;
  let metering: InstanceType<typeof MeteringClient>;
  let taxCode: string;

  beforeAll(async () => {
    mesh = await startMesh({ systems: ['business-registration'], adapterUpstream: 'memory' });
    // The gateway's role: broker authorization lets it publish for any consumer token, so malformed
    // and foreign consumer tokens still reach routing (an LGSP's own user could not send them).
    nc = await mesh.connect({ kind: 'gateway' });
    metering = new MeteringClient(
      `127.0.0.1:${mesh.meteringGrpcPort}`,
      credentials.createInsecure(),
      withBearer(await mesh.accessToken('e2e-ops', ['ops', 'oversight'])),
    );
    taxCode = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(1)[0]!;
  });

  afterAll(async () => {
    metering?.close();
    await nc?.close();
    await mesh?.stop();
  });

  const send = async (
    set: Record<string, string> | undefined,
    opts: { subject?: string; data?: Uint8Array } = {},
  ): Promise<{ status: string; field: string; requestId: string; msg: Msg }> => {
    let h;
    if (set) {
      h = headers();
      for (const [k, v] of Object.entries(set)) h.set(k, v);
    }
    const msg = await nc.request(
      opts.subject ?? subjects.request(CONSUMER, BUSINESS_REGISTRATION_PROVIDER, SERVICE),
      opts.data ?? GetEnterpriseRequest.encode({ taxCode }).finish(),
      { timeout: 5_000, ...(h ? { headers: h } : {}) },
    );
    return {
      status: msg.headers?.get(Header.Status) ?? '',
      field: msg.headers?.get(Header.ErrorField) ?? '',
      requestId: msg.headers?.get(Header.RequestId) ?? '',
      msg,
    };
  };
  const id = (): Record<string, string> => ({ [Header.RequestId]: `bad-input-${Date.now()}-${Math.random()}` });

  it('refuses a request over ROUTING_MAX_REQUEST_BYTES with client.too_large and meters the refusal', async () => {
    const requestId = `too-large-${Date.now()}`;
    const r = await send({ [Header.RequestId]: requestId }, { data: new Uint8Array(300_000) });
    expect([r.status, r.field]).toEqual(['client.too_large', 'payload']);
    const tx = await waitForTransaction(metering, requestId);
    expect(tx.event?.code).toBe('client.too_large');
    expect((await send(id())).status).toBe('ok');
  });

  it('refuses malformed subjects and headers at routing, naming the field', async () => {
    const cases: Array<[string, Record<string, string> | undefined, string | undefined, string, string]> = [
      ['six tokens', id(), `${subjects.request(CONSUMER, BUSINESS_REGISTRATION_PROVIDER, SERVICE)}.x`, 'client.malformed', 'subject'],
      [
        'lowercase consumer',
        id(),
        subjects.request('tinh-01-lgsp', BUSINESS_REGISTRATION_PROVIDER, SERVICE),
        'client.malformed',
        'subject',
      ],
      ['no headers', undefined, undefined, 'client.malformed', Header.RequestId],
      ['request id too long', { [Header.RequestId]: 'x'.repeat(200) }, undefined, 'client.malformed', Header.RequestId],
      ['request id with a control character', { [Header.RequestId]: 'a\u0001b' }, undefined, 'client.malformed', Header.RequestId],
      ['deadline not a number', { ...id(), [Header.Deadline]: 'tomorrow' }, undefined, 'client.malformed', Header.Deadline],
      ['deadline negative', { ...id(), [Header.Deadline]: '-10' }, undefined, 'client.malformed', Header.Deadline],
      [
        'deadline absurdly far',
        { ...id(), [Header.Deadline]: String(Date.now() + 365 * 86_400_000) },
        undefined,
        'client.malformed',
        Header.Deadline,
      ],
      ['deadline past', { ...id(), [Header.Deadline]: String(Date.now() - 1_000) }, undefined, 'client.deadline_exceeded', ''],
      ['unknown version', { ...id(), [Header.Version]: 'v7' }, undefined, 'client.unknown_service', ''],
      ['malformed version', { ...id(), [Header.Version]: 'v 1' }, undefined, 'client.malformed', Header.Version],
      ['unknown service', id(), subjects.request(CONSUMER, BUSINESS_REGISTRATION_PROVIDER, 'GetNothing'), 'client.unknown_service', ''],
      [
        'unregistered consumer',
        id(),
        subjects.request('TINH-99-LGSP', BUSINESS_REGISTRATION_PROVIDER, SERVICE),
        'client.access_denied',
        '',
      ],
    ];
    for (const [what, h, subject, status, field] of cases) {
      const r = await send(h, subject ? { subject } : {});
      expect([what, r.status, r.field]).toEqual([what, status, field]);
    }
    const long = await send({ [Header.RequestId]: 'y'.repeat(5_000) });
    expect(long.requestId).toBe('');
  });

  it('answers bad payloads from the adapter: client.malformed when not wire format, unknown fields ignored', async () => {
    const truncated = GetEnterpriseRequest.encode({ taxCode }).finish().subarray(0, 5);
    const malformed = [truncated, Uint8Array.from([0x0f, 1]), Uint8Array.from([0x00]), Uint8Array.from([0x0a, 0xff, 0xff, 0x7f])];
    for (const data of malformed)
      expect(await send(id(), { data }).then((r) => [r.status, r.field])).toEqual(['client.malformed', 'payload']);
    const withUnknown = Uint8Array.from([...GetEnterpriseRequest.encode({ taxCode }).finish(), 0x78, 0x05, 0x82, 0x01, 0x01, 0x41]);
    expect((await send(id(), { data: withUnknown })).status).toBe('ok');
    const wrongWireType = Uint8Array.from([0x08, 0x2a]);
    expect(await send(id(), { data: wrongWireType }).then((r) => [r.status, r.field])).toEqual(['client.invalid_argument', 'tax_code']);
  });

  it('answers $SRV.PING from routing, and routing still serves after all of it', async () => {
    const ping = JSON.parse(
      new TextDecoder().decode(
        (await (await mesh.connect({ kind: 'ops' })).request('$SRV.PING.ndxp-routing', new Uint8Array(0), { timeout: 2_000 })).data,
      ),
    ) as {
      name: string;
    };
    expect(ping.name).toBe('ndxp-routing');
    expect((await send(id())).status).toBe('ok');
  });

  it('refuses to start routing when ROUTING_MAX_REQUEST_BYTES is not below the broker max_payload', async () => {
    await expect(mesh.start('routing', 'routing-too-big', { ROUTING_MAX_REQUEST_BYTES: '1048576' })).rejects.toThrow(
      /exited with 2 before ready: routing: configuration error: ROUTING_MAX_REQUEST_BYTES=1048576 must be at most the broker's max_payload \(1048576\)/,
    );
  });
});

async function waitForTransaction(metering: InstanceType<typeof MeteringClient>, requestId: string): Promise<GetTransactionResponse> {
  const until = Date.now() + 10_000;
  for (;;) {
    const res = await new Promise<GetTransactionResponse>((resolve, reject) =>
      metering.getTransaction({ requestId }, (err, r) => (err ? reject(err) : resolve(r))),
    );
    if (res.found || Date.now() > until) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
}
