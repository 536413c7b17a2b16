import { connect } from '@nats-io/transport-node';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { Enterprise, GetEnterpriseRequest, Header, MeshError, subjects } from '@ndxp/contracts';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { createClient } from './client';

// The mesh side is played by a responder on the LGSP's request subject, so the client's own
// behaviour (ids, headers, retries, errors) is what is under test.
describe('LGSP client on a real nats-server', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  const seen: Array<{ subject: string; requestId: string; deadline: number; officer: string }> = [];
  let failFirst = 0;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    nc.subscribe('ndxp.req.>', {
      callback: (_e, m) => {
        seen.push({
          subject: m.subject,
          requestId: m.headers?.get(Header.RequestId) ?? '',
          deadline: Number(m.headers?.get(Header.Deadline)),
          officer: m.headers?.get(Header.Officer) ?? '',
        });
        const h = headers();
        if (failFirst > 0) {
          failFirst--;
          new MeshError('server.timeout').writeHeaders(h);
          m.respond(new Uint8Array(0), { headers: h });
          return;
        }
        const req = GetEnterpriseRequest.decode(m.data);
        if (req.taxCode === 'deny') {
          new MeshError('client.access_denied').writeHeaders(h);
          m.respond(new Uint8Array(0), { headers: h });
          return;
        }
        h.set(Header.Status, 'ok');
        h.set(Header.Receipt, 'ab'.repeat(32));
        m.respond(Enterprise.encode(Enterprise.fromPartial({ taxCode: req.taxCode, nameVi: 'Công ty TNHH Thử' })).finish(), { headers: h });
      },
    });
    await nc.flush();
  });
  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('publishes on its own consumer subject with a request id, deadline and officer, and decodes the answer', async () => {
    const client = await createClient({ consumer: 'TINH-01-LGSP', servers: server.url, officer: 'officer-7' });
    const before = Date.now();
    const e = await client.businessRegistration.getEnterprise({ taxCode: '0100109106' });
    await client.close();
    expect(e.nameVi).toBe('Công ty TNHH Thử');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.subject).toBe(subjects.request('TINH-01-LGSP', 'BO-BKHDT-DKDN', 'GetEnterprise'));
    expect(seen[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]!.deadline).toBeGreaterThanOrEqual(before + 5000);
    expect(seen[0]!.officer).toBe('officer-7');
  });

  it('retries a server.timeout with the same request id and returns the answer', async () => {
    const client = await createClient({ consumer: 'TINH-01-LGSP', nc, retryBackoffMs: 5 });
    failFirst = 2;
    const r = await client.call((await import('@ndxp/contracts')).getEnterpriseService, { taxCode: '0100109106' });
    expect(r.attempts).toBe(3);
    expect(r.receipt).toBe('ab'.repeat(32));
    expect(new Set(seen.map((s) => s.requestId)).size).toBe(1);
    expect(seen).toHaveLength(3);
  });

  it('does not retry a client.* refusal and throws it as a MeshError', async () => {
    const client = await createClient({ consumer: 'TINH-01-LGSP', nc });
    const err = await client.businessRegistration.getEnterprise({ taxCode: 'deny' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeshError);
    expect((err as MeshError).code).toBe('client.access_denied');
    expect(seen).toHaveLength(1);
  });

  it('refuses a request over its size limit with client.too_large before publishing it', async () => {
    const client = await createClient({ consumer: 'TINH-01-LGSP', nc, maxRequestBytes: 1024 });
    const err = await client.businessRegistration.getEnterprise({ taxCode: 'x'.repeat(2000) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'client.too_large', field: 'payload' });
    expect(seen).toHaveLength(0);
  });

  it('refuses a consumer that is not a subsystem token before connecting', async () => {
    await expect(createClient({ consumer: 'TINH.01', servers: server.url })).rejects.toMatchObject({
      code: 'client.invalid_argument',
      field: 'consumer',
    });
  });
});
