// What an adapter declares: its name, the national system it fronts, and a handler per service.
import { isServiceToken, isSubsystemToken, type NationalService } from '@ndxp/contracts';
import type { RequestContext } from './request-context';

/** One service of the national system and the function that answers it. */
export interface ServiceBinding<Req = unknown, Res = unknown> {
  service: NationalService<Req, Res>;
  /** Answers one decoded request; throw a MeshError for a coded failure. */
  handle(request: Req, ctx: RequestContext): Promise<Res>;
}

/** An adapter as declared by its author. */
export interface Adapter {
  /** Name used for NATS service discovery ($SRV.PING.<name>): letters, digits, - and _. */
  name: string;
  /** Provider subsystem token, e.g. BO-BKHDT-DKDN. */
  provider: string;
  /** The adapter's own semantic version, e.g. 1.0.0 (reported by $SRV.INFO). */
  version: string;
  description?: string;
  services: ServiceBinding[];
}

/** Binds a handler to a service with the request and response types of that service. */
export function bindService<Req, Res>(
  service: NationalService<Req, Res>,
  handle: (request: Req, ctx: RequestContext) => Promise<Res>,
): ServiceBinding<Req, Res> {
  return { service, handle };
}

const NAME = /^[-\w]+$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Checks an adapter's declaration and returns it; throws a plain Error on a programming mistake. */
export function defineAdapter(adapter: Adapter): Adapter {
  if (!NAME.test(adapter.name)) throw new Error(`adapter name ${JSON.stringify(adapter.name)} must match ${NAME}`);
  if (!isSubsystemToken(adapter.provider)) throw new Error(`provider ${JSON.stringify(adapter.provider)} is not a subsystem token`);
  if (!SEMVER.test(adapter.version)) throw new Error(`adapter version ${JSON.stringify(adapter.version)} must be semver, e.g. 1.0.0`);
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
  return adapter;
}
