// The gRPC services the gateway serves, built from the contracts' catalogue of national services
// (NATIONAL_SERVICES), so a new adapter's methods are served without gateway changes. Messages
// pass through as bytes: the gateway never decodes a request or re-encodes an answer.
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { NATIONAL_SERVICES, type NationalService } from '@ndxp/contracts';

/** One served method and the national service it calls. */
export interface GatewayMethod {
  /** gRPC path, /<package>.<Service>/<Method>. */
  path: string;
  national: NationalService<unknown, unknown>;
}

/** One gRPC service (a proto service of a national system) with its methods. */
export interface GatewayService {
  /** Fully qualified proto service name, e.g. ndxp.businessregistration.v1.BusinessRegistration. */
  name: string;
  definition: ServiceDefinition;
  methods: Map<string, GatewayMethod>;
}

const passthrough = (b: Buffer): Buffer => b;

/** Groups the national services by proto service into grpc-js definitions with byte passthrough. */
export function gatewayServices(catalogue: ReadonlyArray<NationalService<unknown, unknown>> = NATIONAL_SERVICES): GatewayService[] {
  const services = new Map<string, GatewayService>();
  for (const national of catalogue) {
    const slash = national.protoMethod.indexOf('/');
    const name = national.protoMethod.slice(0, slash);
    const method = national.protoMethod.slice(slash + 1);
    let s = services.get(name);
    if (!s) {
      s = { name, definition: {}, methods: new Map() };
      services.set(name, s);
    }
    const path = `/${national.protoMethod}`;
    const def: MethodDefinition<Buffer, Buffer> = {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: passthrough,
      requestDeserialize: passthrough,
      responseSerialize: passthrough,
      responseDeserialize: passthrough,
      originalName: method,
    };
    (s.definition as Record<string, MethodDefinition<Buffer, Buffer>>)[method] = def;
    s.methods.set(method, { path, national });
  }
  return [...services.values()];
}
