import { getEnterpriseService } from '@ndxp/contracts';
import { bindService, defineAdapter } from './define-adapter';

const handler = bindService(getEnterpriseService, async () => {
  throw new Error('not called');
});
const base = { name: 'br-adapter', provider: 'BO-BKHDT-DKDN', version: '1.0.0', services: [handler] };

describe('defineAdapter', () => {
  it('accepts a well-formed declaration', () => {
    expect(defineAdapter(base)).toBe(base);
  });

  it('rejects a name that NATS discovery cannot carry', () => {
    expect(() => defineAdapter({ ...base, name: 'br adapter' })).toThrow(/name/);
  });

  it('rejects a version that is not semver', () => {
    expect(() => defineAdapter({ ...base, version: 'v1' })).toThrow(/semver/);
  });

  it('rejects a service of another provider', () => {
    expect(() => defineAdapter({ ...base, provider: 'BO-BTP-HOTICH' })).toThrow(/belongs to/);
  });

  it('rejects no services and duplicate services', () => {
    expect(() => defineAdapter({ ...base, services: [] })).toThrow(/no service/);
    expect(() => defineAdapter({ ...base, services: [handler, handler] })).toThrow(/twice/);
  });
});

describe('defineAdapter of a definition (services bound at start)', () => {
  const definition = { ...base, envPrefix: 'BR', upstream: { name: 'dkdn', defaultUrl: 'http://127.0.0.1:1' }, services: () => [handler] };

  it('accepts a well-formed definition without binding its services', () => {
    const services = jest.fn(() => [handler]);
    expect(defineAdapter({ ...definition, services })).toMatchObject({ name: 'br-adapter', envPrefix: 'BR' });
    expect(services).not.toHaveBeenCalled();
  });

  it('rejects an env prefix that is not upper-case letters and digits', () => {
    expect(() => defineAdapter({ ...definition, envPrefix: 'br_' })).toThrow(/envPrefix/);
  });
});
