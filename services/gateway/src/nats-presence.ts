// The gateway's presence in NATS service discovery: it serves no NATS endpoints of its own (its
// callers speak gRPC), but answers $SRV.PING/INFO/STATS so that NATS tools see each instance.
import type { NatsConnection } from '@nats-io/nats-core';
import { readPackageVersion, startServiceDiscovery, type Logger, type ServiceDiscovery } from '@ndxp/runtime';

/** Name the gateway registers under in $SRV discovery. */
export const GATEWAY_SERVICE_NAME = 'ndxp-gateway';

/** Registers this gateway instance ($SRV.PING.ndxp-gateway), with no endpoints; metadata names its gRPC port. */
export function startNatsPresence(
  nc: NatsConnection,
  logger: Logger,
  info: { instanceId: string; grpcPort: number },
): Promise<ServiceDiscovery> {
  return startServiceDiscovery(nc, {
    name: GATEWAY_SERVICE_NAME,
    version: readPackageVersion(__dirname),
    description: 'NDXP gateway: the national services over gRPC for LGSPs not on NATS',
    metadata: { instance: info.instanceId, grpc_port: String(info.grpcPort) },
    logger,
  });
}
