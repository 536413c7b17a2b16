// Identity enforced by the broker on a real mesh (every service its own process, authorization on):
// an LGSP can act only as itself, every refused attempt is refused by nats-server and logged there,
// foreign and revoked credentials are refused, and TLS serves only clients that trust the CA.
import { AckPolicy, jetstreamManager } from '@nats-io/jetstream';
import { credsAuthenticator, headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { accountJwt, createTrust, credsPublicKey, issueCreds, lgspEventsDurable, permissionsFor, pushAccountJwt } from '@ndxp/broker-auth';
import { EVENTS_STREAM, getEnterpriseService, GetTransactionRequest, GetTransactionResponse, Header, subjects } from '@ndxp/contracts';
import { createClient } from '@ndxp/lgsp-client';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { type Mesh, sampleOrderRequest, startMesh, waitUntil } from '@ndxp/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const A = 'TINH-01-LGSP';
const B = 'TINH-79-LGSP';
const BR = getEnterpriseService.provider;
const taxCode = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(1)[0]!;

/** Errors the server sent to a connection (permission violations arrive this way). */
function errorsOf(nc: NatsConnection): string[] {
  const errors: string[] = [];
  void (async () => {
    for await (const s of nc.status()) if (s.type === 'error') errors.push(String(s.error?.message ?? ''));
  })();
  return errors;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('broker authorization on the running mesh', () => {
  let mesh: Mesh;
  let a: NatsConnection;
  let aErrors: string[];
  let ops: NatsConnection;

  beforeAll(async () => {
    mesh = await startMesh({
      systems: ['business-registration', 'vnpost'],
      adapterUpstream: 'memory',
      env: { SIM_STEP_MS: '150', VNPOST_POLL_MS: '100' },
    });
    ops = await mesh.connect({ kind: 'ops' });
    a = await mesh.connect({ kind: 'lgsp', consumer: A });
    aErrors = errorsOf(a);
  }, 120_000);

  afterAll(async () => {
    await mesh?.stop();
  });

  /** Whether the metering ledger holds a transaction (asked as ops over NATS). */
  const inLedger = async (requestId: string): Promise<boolean> => {
    const reply = await ops.request(subjects.metering('GetTransaction'), GetTransactionRequest.encode({ requestId }).finish(), {
      timeout: 5000,
    });
    return GetTransactionResponse.decode(reply.data).found;
  };

  it('runs a normal mix of calls, order events, usage and discovery with no permission violation', async () => {
    const hanoi = await createClient({ ...(await mesh.clientOptions(A)), retries: 0 });
    const hcm = await createClient({ ...(await mesh.clientOptions(B)), retries: 0 });
    try {
      expect((await hanoi.businessRegistration.getEnterprise({ taxCode })).taxCode).toBe(taxCode);
      const order = await hcm.vnpost.createOrder(sampleOrderRequest(`sec-${randomUUID()}`, { customerCode: 'KH-HCM' }));
      let events = 0;
      const sub = await hcm.vnpost.subscribeOrderEvents((e) => {
        if (e.itemNumber === order.itemNumber) events++;
      });
      await waitUntil(() => events > 0, { timeoutMs: 20_000 });
      await sub.stop();
      await ops.requestMany('$SRV.PING', '', { maxWait: 500 });
      await ops.request(subjects.metering('LedgerStats'), new Uint8Array(0), { timeout: 5000 });
    } finally {
      await hanoi.close();
      await hcm.close();
    }
    expect(mesh.nats.log()).not.toMatch(/Violation/);
  }, 60_000);

  it('refuses A publishing as B: a violation on A’s connection and in the server log, and nothing metered', async () => {
    const spoofed = `spoof-${randomUUID()}`;
    const h = headers();
    h.set(Header.RequestId, spoofed);
    h.set(Header.Version, 'v1');
    a.publish(subjects.request(B, BR, 'GetEnterprise'), new Uint8Array(0), { headers: h, reply: `${subjects.inboxPrefix(A)}.x` });
    await a.flush();
    const subject = escape(subjects.request(B, BR, 'GetEnterprise'));
    await waitUntil(() => aErrors.some((e) => new RegExp(`Permissions Violation for Publish to "${subject}"`).test(e)), {
      timeoutMs: 10_000,
    });
    await waitUntil(() => new RegExp(`Publish Violation.*${subject}`).test(mesh.nats.log()), { timeoutMs: 10_000 });
    // A request A may make, sent after the spoof: once it is in the ledger, the spoof would be too.
    const hanoi = await createClient({ ...(await mesh.clientOptions(A)), retries: 0 });
    const after = `after-${randomUUID()}`;
    try {
      await hanoi.businessRegistration.getEnterprise({ taxCode }, { requestId: after });
    } finally {
      await hanoi.close();
    }
    await waitUntil(() => inLedger(after), { timeoutMs: 10_000 });
    expect(await inLedger(spoofed)).toBe(false);
  });

  it('does not answer or meter A’s own request when its reply subject is B’s inbox (the broker cannot restrict replies)', async () => {
    const b = await mesh.connect({ kind: 'lgsp', consumer: B });
    const seenByB: string[] = [];
    b.subscribe(`${subjects.inboxPrefix(B)}.>`, {
      callback: (_e, m) => {
        seenByB.push(m.subject);
      },
    });
    await b.flush();
    const trap = `trap-${randomUUID()}`;
    const h = headers();
    h.set(Header.RequestId, trap);
    h.set(Header.Version, 'v1');
    const payload = getEnterpriseService.request.encode({ taxCode }).finish();
    // Publishing on its own subject is allowed; the reply subject is B's inbox.
    a.publish(subjects.request(A, BR, 'GetEnterprise'), payload, { headers: h, reply: `${subjects.inboxPrefix(B)}.trap` });
    await a.flush();
    // A request A may make, sent after the trap: once it is in the ledger, the trap would be too.
    const hanoi = await createClient({ ...(await mesh.clientOptions(A)), retries: 0 });
    const after = `after-${randomUUID()}`;
    try {
      await hanoi.businessRegistration.getEnterprise({ taxCode }, { requestId: after });
    } finally {
      await hanoi.close();
    }
    await waitUntil(() => inLedger(after), { timeoutMs: 10_000 });
    expect(await inLedger(trap)).toBe(false);
    expect(seenByB).toEqual([]);
    await b.close();
  });

  it('refuses A subscribing to B’s inbox and to every request, service and metering subject', async () => {
    for (const subject of [
      `${subjects.inboxPrefix(B)}.>`,
      'ndxp.req.>',
      'ndxp.svc.>',
      'ndxp.meter.>',
      subjects.request(B, BR, 'GetEnterprise'),
    ]) {
      a.subscribe(subject);
      await a.flush();
      const s = escape(subject);
      await waitUntil(() => aErrors.some((e) => new RegExp(`Permissions Violation for Subscription to "${s}"`).test(e)), {
        timeoutMs: 10_000,
      });
      await waitUntil(() => new RegExp(`Subscription Violation.*${s}`).test(mesh.nats.log()), { timeoutMs: 10_000 });
    }
  });

  it('refuses A publishing to an adapter’s service subject or to the metering stream', async () => {
    for (const subject of [subjects.service(BR, 'GetEnterprise'), subjects.meter(A, BR, 'GetEnterprise'), subjects.meterBatch('forged')]) {
      a.publish(subject, new Uint8Array([1]));
      await a.flush();
      const s = escape(subject);
      await waitUntil(() => aErrors.some((e) => new RegExp(`Permissions Violation for Publish to "${s}"`).test(e)), { timeoutMs: 10_000 });
      await waitUntil(() => new RegExp(`Publish Violation.*${s}`).test(mesh.nats.log()), { timeoutMs: 10_000 });
    }
  });

  it('refuses A creating or reading B’s durable event consumer, and creating any consumer', async () => {
    const jsm = await jetstreamManager(a);
    const durableB = lgspEventsDurable(B);
    const refused = [
      `$JS.API.CONSUMER.INFO.${EVENTS_STREAM}.${durableB}`,
      `$JS.API.CONSUMER.MSG.NEXT.${EVENTS_STREAM}.${durableB}`,
      `$JS.API.CONSUMER.CREATE.${EVENTS_STREAM}.${durableB}.ndxp.evt.${B}.>`,
      `$JS.API.CONSUMER.CREATE.${EVENTS_STREAM}.${lgspEventsDurable(A)}.ndxp.evt.${A}.>`,
      `$JS.API.CONSUMER.CREATE.${EVENTS_STREAM}`,
    ];
    await expect(jsm.consumers.info(EVENTS_STREAM, durableB)).rejects.toThrow();
    await expect(
      jsm.consumers.add(EVENTS_STREAM, { durable_name: durableB, filter_subject: `ndxp.evt.${B}.>`, ack_policy: AckPolicy.Explicit }),
    ).rejects.toThrow();
    for (const subject of refused) {
      a.publish(subject, new TextEncoder().encode('{}'), { reply: `${subjects.inboxPrefix(A)}.js` });
      await a.flush();
      const s = escape(subject);
      await waitUntil(() => new RegExp(`Publish Violation.*${s}`).test(mesh.nats.log()), { timeoutMs: 10_000 });
    }
    // Its own durable, made by the mesh, it may read.
    expect((await jsm.consumers.info(EVENTS_STREAM, lgspEventsDurable(A))).config.filter_subject).toBe(
      `ndxp.evt.${A}.DN-VNPOST-BCCI.OrderStatusChanged`,
    );
  });

  it('refuses an anonymous connection and credentials signed by another trust chain', async () => {
    await expect(connect({ servers: mesh.nats.url, reconnect: false })).rejects.toThrow(/Authorization Violation/);
    const foreign = await issueCreds(createTrust(), A, permissionsFor({ kind: 'lgsp', consumer: A }));
    await expect(
      connect({ servers: mesh.nats.url, reconnect: false, authenticator: credsAuthenticator(new TextEncoder().encode(foreign.creds)) }),
    ).rejects.toThrow(/Authorization Violation/);
    await waitUntil(() => /authentication error/i.test(mesh.nats.log()), { timeoutMs: 10_000 });
  });

  it('drops a connected LGSP within seconds of its credentials being revoked, and refuses them next time', async () => {
    const consumer = 'TINH-02-LGSP';
    const file = await mesh.lgspCredsFile(consumer);
    const creds = readFileSync(file);
    const lgsp = await connect({
      servers: mesh.nats.url,
      reconnect: false,
      authenticator: credsAuthenticator(creds),
      inboxPrefix: subjects.inboxPrefix(consumer),
    });
    const sys = await connect({
      servers: mesh.nats.url,
      authenticator: credsAuthenticator(readFileSync(await mesh.nats.systemCredsFile())),
    });
    try {
      const started = Date.now();
      await pushAccountJwt(sys, await accountJwt(mesh.trust!, { [credsPublicKey(creds.toString())]: Math.floor(Date.now() / 1000) }));
      const closedWith = await lgsp.closed();
      expect(Date.now() - started).toBeLessThan(5000);
      expect(String(closedWith?.message ?? '')).toMatch(/Revoked|Authorization/);
      await expect(connect({ servers: mesh.nats.url, reconnect: false, authenticator: credsAuthenticator(creds) })).rejects.toThrow(
        /Authorization Violation/,
      );
    } finally {
      await sys.close();
    }
  });
});

describe('TLS between LGSPs, services and the broker', () => {
  let mesh: Mesh;
  beforeAll(async () => {
    mesh = await startMesh({ tls: true, systems: ['business-registration'], adapterUpstream: 'memory' });
  }, 120_000);
  afterAll(async () => {
    await mesh?.stop();
  });

  it('answers an LGSP that trusts the mesh CA', async () => {
    const options = await mesh.clientOptions(A);
    expect(options.tls?.caFile).toBe(mesh.tlsCaFile);
    expect(options.servers).toMatch(/^tls:\/\//);
    const hanoi = await createClient({ ...options, retries: 0 });
    try {
      expect((await hanoi.businessRegistration.getEnterprise({ taxCode })).taxCode).toBe(taxCode);
    } finally {
      await hanoi.close();
    }
  });

  it('refuses a client that does not trust the CA, even with valid credentials', async () => {
    const creds = readFileSync(await mesh.lgspCredsFile(A));
    await expect(
      connect({
        servers: mesh.nats.url,
        reconnect: false,
        timeout: 3000,
        authenticator: credsAuthenticator(creds),
        inboxPrefix: subjects.inboxPrefix(A),
      }),
    ).rejects.toThrow();
  });
});
