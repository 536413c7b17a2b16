// Admission step 2, the registry: routing's copy is loaded, it holds the service at the version
// asked for, and the subject's consumer holds a grant for it.
import { MeshError } from '@ndxp/contracts';
import type { Step } from './admission';
import type { EnvelopedRequest } from './envelope-check';
import type { RegistryView } from './registry-view';

/** A request the registry allows: a registered service, and a grant for its consumer. */
export interface AuthorizedRequest extends EnvelopedRequest {
  readonly authorized: true;
}

/**
 * Refuses, in this order: before the registry copy is loaded (server.unavailable), a service or
 * version the registry does not hold (client.unknown_service), a consumer without a grant for it
 * (client.access_denied).
 */
export function checkRegistry(view: Pick<RegistryView, 'ready' | 'hasGrant'>): Step<EnvelopedRequest, AuthorizedRequest> {
  return (request) => {
    const { consumer, provider, service } = request.route;
    if (!view.ready) return new MeshError('server.unavailable', 'routing has not loaded the registry yet');
    if (!request.serviceKnown) return new MeshError('client.unknown_service', `no service ${provider}/${service} ${request.version}`);
    if (!view.hasGrant(consumer, provider, service))
      return new MeshError('client.access_denied', `${consumer} may not call ${provider}/${service}`);
    return { ...request, authorized: true };
  };
}
