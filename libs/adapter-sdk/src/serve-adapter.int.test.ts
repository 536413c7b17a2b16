import { connect } from '@nats-io/transport-node';
import { headers, type MsgHdrs, type NatsConnection } from '@nats-io/nats-core';
import { Svcm } from '@nats-io/services';
import { Enterprise, GetEnterpriseRequest, Header, MeshError, subjects, type NationalService } from '@ndxp/contracts';
import { createLogger } from '@ndxp/runtime';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { bindService, defineAdapter } from './define-adapter';
import type { RequestContext } from './request-context';
import { serveAdapter, type RunningAdapter } from './serve-adapter';

// A toy service of a made-up provider, reusing existing proto messages.
const PROVIDER = 'BO-BTP-TOY';
const echoService: NationalService<GetEnterpriseRequest, Enterprise> = {
  provider: PROVIDER,
  service: 'Echo',
  version: 'v1',
  request: GetEnterpriseRequest,
  response: Enterprise,
  protoMethod: 'toy.Echo/Echo',
  safeToRepeat: true,
  httpPath: `/${PROVIDER}/v1/Echo`,
  httpAliases: [],
};
const SUBJECT = subjects.service(PROVIDER, 'Echo');
const logger = createLogger({ service: 'adapter-sdk-test', level: 'silent' });

let calls = 0;
const seenSignals: AbortSignal[] = [];
const release: Array<() => void> = [];

async function echo(req: GetEnterpriseRequest, ctx: RequestContext): Promise<Enterprise> {
  calls++;
  switch (req.taxCode) {
    case 'invalid':
      throw new MeshError('client.invalid_argument', 'tax code is wrong', { field: 'tax_code' });
    case 'boom':
      throw new Error('a bug with a secret in it');
    case 'hang':
      seenSignals.push(ctx.signal);
      return new Promise<Enterprise>(() => undefined);
    case 'held':
      await new Promise<void>((r) => release.push(r));
      break;
    case 'blocked': {
      // Holds the event loop past the deadline, then answers at once: the deadline's timer has had
      // no turn to fire, as when a frozen process thaws with the national system's answer waiting.
      const until = ctx.deadline + 100;
      while (Date.now() < until);
      break;
    }
  }
  return Enterprise.fromPartial({ taxCode: req.taxCode, nameVi: `${ctx.consumer}|${ctx.requestId}` });
}

const toyAdapter = defineAdapter({
  name: 'toy-adapter',
  provider: PROVIDER,
  version: '1.2.3',
  services: [bindService(echoService, echo)],
});

function requestHeaders(opts: { id?: string; deadline?: number; version?: string } = {}): MsgHdrs {
  const h = headers();
  h.set(Header.RequestId, opts.id ?? 'req-1');
  h.set(Header.Consumer, 'TINH-01-LGSP');
  h.set(Header.Deadline, String(opts.deadline ?? Date.now() + 5000));
  if (opts.version) h.set(Header.Version, opts.version);
  return h;
}

async function ask(nc: NatsConnection, payload: Uint8Array, h: MsgHdrs = requestHeaders()) {
  const msg = await nc.request(SUBJECT, payload, { timeout: 5000, headers: h });
  const status = msg.headers?.get(Header.Status);
  return {
    status,
    field: msg.headers?.get(Header.ErrorField),
    message: msg.headers?.get(Header.ErrorMessage),
    requestId: msg.headers?.get(Header.RequestId),
    body: status === 'ok' ? Enterprise.decode(msg.data) : undefined,
    size: msg.data.length,
  };
}

const encode = (taxCode: string): Uint8Array => GetEnterpriseRequest.encode({ taxCode }).finish();

describe('serveAdapter', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let anc: NatsConnection;
  let adapter: RunningAdapter;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    anc = await connect({ servers: server.url });
    adapter = await serveAdapter(toyAdapter, { nc: anc, logger });
  });
  afterAll(async () => {
    await adapter?.stop();
    await anc?.close();
    await nc?.close();
    await server?.stop();
  });

  it('answers a valid request with status ok, the encoded response and the request id', async () => {
    const res = await ask(nc, encode('0100109106'), requestHeaders({ id: 'abc' }));
    expect(res.status).toBe('ok');
    expect(res.requestId).toBe('abc');
    expect(res.body?.taxCode).toBe('0100109106');
    expect(res.body?.nameVi).toBe('TINH-01-LGSP|abc');
  });

  it('answers client.malformed to an undecodable payload and keeps serving', async () => {
    const before = calls;
    const res = await ask(nc, new Uint8Array([0x0a, 0x05, 0x41]));
    expect(res.status).toBe('client.malformed');
    expect(res.size).toBe(0);
    expect(calls).toBe(before);
    expect((await ask(nc, encode('x'))).status).toBe('ok');
  });

  it('puts the code, message and field of a thrown MeshError in the headers', async () => {
    const res = await ask(nc, encode('invalid'));
    expect(res).toMatchObject({ status: 'client.invalid_argument', field: 'tax_code', message: 'tax code is wrong' });
  });

  it('answers server.internal to any other thrown error without leaking its message', async () => {
    const res = await ask(nc, encode('boom'));
    expect(res.status).toBe('server.internal');
    expect(res.message).not.toContain('secret');
  });

  it('answers client.deadline_exceeded to a request whose deadline has passed, without calling the handler', async () => {
    const before = calls;
    const res = await ask(nc, encode('x'), requestHeaders({ deadline: Date.now() - 1 }));
    expect(res.status).toBe('client.deadline_exceeded');
    expect(calls).toBe(before);
  });

  it('answers server.timeout at the deadline when the handler has not answered, and aborts its signal', async () => {
    const t0 = Date.now();
    const res = await ask(nc, encode('hang'), requestHeaders({ deadline: Date.now() + 300 }));
    expect(res.status).toBe('server.timeout');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(seenSignals.at(-1)?.aborted).toBe(true);
  });

  it('answers server.timeout, not ok, when the handler answers after the deadline (the loop was held or the process frozen)', async () => {
    const res = await ask(nc, encode('blocked'), requestHeaders({ deadline: Date.now() + 200 }));
    expect(res.status).toBe('server.timeout');
    expect(res.size).toBe(0);
  });

  it('answers client.unknown_service to a version the service does not have', async () => {
    expect((await ask(nc, encode('x'), requestHeaders({ version: 'v9' }))).status).toBe('client.unknown_service');
    expect((await ask(nc, encode('x'), requestHeaders({ version: 'v1' }))).status).toBe('ok');
  });

  it('answers client.malformed to a deadline header that is not epoch milliseconds', async () => {
    const h = requestHeaders();
    h.set(Header.Deadline, 'tomorrow');
    expect((await ask(nc, encode('x'), h)).status).toBe('client.malformed');
  });

  it('is listed by $SRV.PING and $SRV.INFO with its subject and queue group', async () => {
    const client = new Svcm(nc as unknown as ConstructorParameters<typeof Svcm>[0]).client();
    const pings = [];
    for await (const p of await client.ping('toy-adapter')) pings.push(p);
    expect(pings.map((p) => p.id)).toContain(adapter.id);
    const infos = [];
    for await (const i of await client.info('toy-adapter')) infos.push(i);
    const info = infos.find((i) => i.id === adapter.id)!;
    expect(info.version).toBe('1.2.3');
    expect(info.endpoints).toEqual([
      expect.objectContaining({ name: 'Echo', subject: SUBJECT, queue_group: subjects.serviceQueue(PROVIDER) }),
    ]);
  });

  it('shares requests between replicas in the queue group: each is answered once', async () => {
    const nc2 = await connect({ servers: server.url });
    const second = await serveAdapter(toyAdapter, { nc: nc2, logger });
    try {
      const before = calls;
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => ask(nc, encode(`q${i}`))));
      expect(answers.every((a) => a.status === 'ok')).toBe(true);
      expect(calls - before).toBe(40);
    } finally {
      await second.stop();
      await nc2.close();
    }
  });
});

describe('serveAdapter stop', () => {
  it('answers requests already received before it resolves, then takes no more', async () => {
    const server = await startNatsServer();
    const nc = await connect({ servers: server.url });
    const anc = await connect({ servers: server.url });
    try {
      const adapter = await serveAdapter(toyAdapter, { nc: anc, logger });
      const pending = ask(nc, encode('held'));
      // Wait until the handler holds the request (probe the shared list, no sleep).
      while (release.length === 0) await new Promise((r) => setImmediate(r));
      let stopped = false;
      const stopping = adapter.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(stopped).toBe(false);
      release.shift()!();
      await stopping;
      expect((await pending).status).toBe('ok');
      await expect(nc.request(SUBJECT, encode('x'), { timeout: 1000 })).rejects.toThrow(/503|no responders/i);
    } finally {
      await nc.close();
      await anc.close();
      await server.stop();
    }
  });
});
