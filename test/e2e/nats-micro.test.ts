// End to end: every running service of the mesh answers the NATS service API ($SRV.PING, INFO and
// STATS) as NATS tools expect it: each answer valid by the official NATS micro JSON schemas (vendored
// from nats-io/jsm.go in @ndxp/testing), before and after traffic; error answers carry the micro
// convention's Nats-Service-Error and Nats-Service-Error-Code beside Ndxp-Status.
import { headers, type Msg, type NatsConnection } from '@nats-io/nats-core';
import { BUSINESS_REGISTRATION_PROVIDER, GetEnterpriseRequest, Header, subjects } from '@ndxp/contracts';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { gatherSrvAnswers, microSchemaErrors, NATIONAL_SYSTEMS, startMesh, type Mesh, type MicroVerb } from '@ndxp/testing';

const VERBS: MicroVerb[] = ['PING', 'INFO', 'STATS'];
/** The names every service registers under: the core services and one adapter per national system. */
const EXPECTED = ['ndxp-gateway', 'ndxp-metering', 'ndxp-registry', 'ndxp-routing', ...NATIONAL_SYSTEMS.map((s) => `adapter-${s}`)].sort();

interface Answer {
  name: string;
  id: string;
}

describe('NATS service API of every service (real processes, real nats-server)', () => {
  let mesh: Mesh;
  let ops: NatsConnection;
  let gateway: NatsConnection;
  let taxCode: string;

  beforeAll(async () => {
    mesh = await startMesh({ gateway: true });
    ops = await mesh.connect({ kind: 'ops' });
    // The gateway's role may publish for any consumer, so a consumer without a grant reaches routing.
    gateway = await mesh.connect({ kind: 'gateway' });
    taxCode = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(1)[0]!;
  }, 180_000);
  afterAll(async () => {
    await mesh?.stop();
  });

  /** Every answer to $SRV.<verb>, each with what the schema finds wrong in it. */
  const survey = async (verb: MicroVerb) => {
    const answers = (await gatherSrvAnswers(ops, verb, { waitMs: 2_000 })) as Answer[];
    return {
      names: answers.map((a) => a.name).sort(),
      invalid: answers.map((a) => ({ name: a.name, errors: microSchemaErrors(verb, a) })).filter((a) => a.errors.length > 0),
      answers,
    };
  };

  const expectEveryServiceValid = async () => {
    for (const verb of VERBS) {
      const { names, invalid } = await survey(verb);
      expect({ verb, names }).toEqual({ verb, names: EXPECTED });
      expect({ verb, invalid }).toEqual({ verb, invalid: [] });
    }
  };

  const ask = (nc: NatsConnection, subject: string, data: Uint8Array): Promise<Msg> => {
    const h = headers();
    h.set(Header.RequestId, `nats-micro-${Date.now()}-${Math.random()}`);
    return nc.request(subject, data, { headers: h, timeout: 10_000 });
  };
  /** Status and micro error code of an answer, and whether Nats-Service-Error is Ndxp-Error-Message (and not empty). */
  const errorHeaders = (m: Msg) => {
    const message = m.headers?.get('Nats-Service-Error') ?? '';
    const sameMessage = message.length > 0 && message === m.headers?.get(Header.ErrorMessage);
    return [m.headers?.get(Header.Status), sameMessage, m.headers?.get('Nats-Service-Error-Code')];
  };

  it('answers $SRV.PING, INFO and STATS from every service, each valid by the schemas, before any request', async () => {
    await expectEveryServiceValid();
  });

  it('answers by name and by instance id, one instance each', async () => {
    const { answers } = await survey('PING');
    for (const a of answers) {
      const byName = (await gatherSrvAnswers(ops, 'PING', { name: a.name, waitMs: 1_000 })) as Answer[];
      expect({ name: a.name, ids: byName.map((b) => b.id) }).toEqual({ name: a.name, ids: [a.id] });
      const byId = (await ops.request(`$SRV.INFO.${a.name}.${a.id}`, undefined, { timeout: 2_000 })).json<Answer>();
      expect(microSchemaErrors('INFO', byId)).toEqual([]);
      expect([byId.name, byId.id]).toEqual([a.name, a.id]);
    }
  });

  it('carries Nats-Service-Error and Nats-Service-Error-Code on error answers of routing, an adapter, the registry and metering', async () => {
    const enterprise = (consumer: string, data: Uint8Array) =>
      ask(gateway, subjects.request(consumer, BUSINESS_REGISTRATION_PROVIDER, 'GetEnterprise'), data);
    const ok = await enterprise('TINH-01-LGSP', GetEnterpriseRequest.encode({ taxCode }).finish());
    expect([ok.headers?.get(Header.Status), ok.headers?.has('Nats-Service-Error')]).toEqual(['ok', false]);
    // Routing refuses a consumer without a grant.
    const denied = await enterprise('TINH-99-LGSP', GetEnterpriseRequest.encode({ taxCode }).finish());
    expect(errorHeaders(denied)).toEqual(['client.access_denied', true, '403']);
    // The adapter refuses a tax code of the wrong wire type (routing passes its answer on).
    const invalid = await enterprise('TINH-01-LGSP', Uint8Array.from([0x08, 0x2a]));
    expect(errorHeaders(invalid)).toEqual(['client.invalid_argument', true, '400']);
    // The registry's and metering's NATS APIs refuse an undecodable request.
    for (const subject of [subjects.registry('GetMember'), subjects.metering('GetTransaction')]) {
      const malformed = await ask(ops, subject, Uint8Array.from([0x0f, 0x01]));
      expect({ subject, headers: errorHeaders(malformed) }).toEqual({
        subject,
        headers: ['client.malformed', true, '400'],
      });
    }
  });

  it('still answers valid $SRV.STATS (last_error always present) after errors and answers', async () => {
    await expectEveryServiceValid();
    const { answers } = await survey('STATS');
    const registry = answers.find((a) => a.name === 'ndxp-registry') as unknown as {
      endpoints: Array<{ name: string; num_requests: number }>;
    };
    expect(registry.endpoints.find((e) => e.name === 'GetMember')?.num_requests).toBeGreaterThanOrEqual(1);
  });
});
