// Declaring an adapter: its name, the national system it fronts, and a handler per service.
import { isServiceToken, isSubsystemToken, type NationalService } from '@ndxp/contracts';
import type { Adapter, AdapterDefinition, AdapterDeps, ServiceBinding, SettingsTable, SettingValues } from './adapter-definition';
import type { RequestContext } from './request-context';

export type { Adapter, ServiceBinding } from './adapter-definition';

/** Binds a handler to a service with the request and response types of that service. */
export function bindService<Req, Res>(
  service: NationalService<Req, Res>,
  handle: (request: Req, ctx: RequestContext) => Promise<Res>,
): ServiceBinding<Req, Res> {
  return { service, handle };
}

const NAME = /^[-\w]+$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const ENV_PREFIX = /^[A-Z][A-Z0-9]*$/;

/**
 * Checks an adapter's declaration and returns it; throws a plain Error on a programming mistake.
 * Given bound services (an Adapter), checks them now; given a definition, when startAdapter binds them.
 */
export function defineAdapter(adapter: Adapter): Adapter;
export function defineAdapter<S extends SettingsTable = Record<never, never>>(definition: AdapterDefinition<S>): AdapterDefinition<S>;
export function defineAdapter(adapter: Adapter | AdapterDefinition): Adapter | AdapterDefinition {
  if (!NAME.test(adapter.name)) throw new Error(`adapter name ${JSON.stringify(adapter.name)} must match ${NAME}`);
  if (!isSubsystemToken(adapter.provider)) throw new Error(`provider ${JSON.stringify(adapter.provider)} is not a subsystem token`);
  if (!SEMVER.test(adapter.version)) throw new Error(`adapter version ${JSON.stringify(adapter.version)} must be semver, e.g. 1.0.0`);
  if (typeof adapter.services !== 'function') checkServices(adapter as Adapter);
  else {
    const { envPrefix, upstream } = adapter as AdapterDefinition;
    if (!ENV_PREFIX.test(envPrefix))
      throw new Error(`envPrefix ${JSON.stringify(envPrefix)} must be upper-case letters and digits, e.g. BR`);
    if (!upstream.name) throw new Error(`adapter ${adapter.name}: upstream.name is empty`);
  }
  return adapter;
}

/** Binds a definition's handlers and checks them as defineAdapter checks an Adapter. */
export function resolveAdapter<S extends SettingsTable>(definition: AdapterDefinition<S>, deps: AdapterDeps<SettingValues<S>>): Adapter {
  const { name, provider, version, description } = definition;
  const adapter: Adapter = { name, provider, version, ...(description ? { description } : {}), services: definition.services(deps) };
  checkServices(adapter);
  return adapter;
}

function checkServices(adapter: Adapter): void {
  if (adapter.services.length === 0) throw new Error(`adapter ${adapter.name} declares no service`);
  const seen = new Set<string>();
  for (const { service } of adapter.services) {
    if (service.provider !== adapter.provider) {
      throw new Error(`service ${service.service} belongs to ${service.provider}, not ${adapter.provider}`);
    }
    if (!isServiceToken(service.service) || !NAME.test(service.service)) {
      throw new Error(`service name ${JSON.stringify(service.service)} is not a valid token`);
    }
    if (seen.has(service.service)) throw new Error(`service ${service.service} is declared twice`);
    seen.add(service.service);
  }
}
