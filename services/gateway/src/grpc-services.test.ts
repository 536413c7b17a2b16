import { NATIONAL_SERVICES } from '@ndxp/contracts';
import { deadlineOf } from './forward';
import { gatewayServices } from './grpc-services';

describe('gatewayServices', () => {
  it('serves every national service of the contracts, grouped by proto service, under its proto path', () => {
    const services = gatewayServices();
    const paths = services.flatMap((s) => [...s.methods.values()].map((m) => m.path)).sort();
    expect(paths).toEqual(NATIONAL_SERVICES.map((n) => `/${n.protoMethod}`).sort());
    expect(services.map((s) => s.name)).toEqual(
      expect.arrayContaining(['ndxp.businessregistration.v1.BusinessRegistration', 'ndxp.vnpost.v1.PublicPostal']),
    );
  });

  it('passes message bytes through without decoding', () => {
    const br = gatewayServices().find((s) => s.name.startsWith('ndxp.businessregistration'))!;
    const def = br.definition['GetEnterprise']!;
    const bytes = Buffer.from([0xff, 0x00, 0x01]);
    expect(def.requestDeserialize(bytes)).toBe(bytes);
    expect(def.responseSerialize(bytes)).toBe(bytes);
  });
});

describe('deadlineOf', () => {
  const config = { defaultTimeoutMs: 5_000, maxTimeoutMs: 60_000 };
  it('uses the gRPC deadline, the default when there is none, and caps it at the maximum', () => {
    expect(deadlineOf(new Date(12_345), 10_000, config)).toBe(12_345);
    expect(deadlineOf(Infinity, 10_000, config)).toBe(15_000);
    expect(deadlineOf(10_000 + 3_600_000, 10_000, config)).toBe(70_000);
  });
});
