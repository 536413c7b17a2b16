// Peer system: the Moleculer 0.15 broker settings every peer process shares (NATS transporter on
// the benchmark's nats-server, JSON serializer, Moleculer's own defaults otherwise).
import { ServiceBroker } from 'moleculer';

/** Namespace of the peer system's Moleculer subjects (MOL-ndxp-bench.*). */
export const PEER_NAMESPACE = 'ndxp-bench';
/** The gateway's action, called by the load client. */
export const GATEWAY_ACTION = 'gateway.getEnterprise';
/** The adapter's action, called by the gateway. */
export const ADAPTER_ACTION = 'adapter.getEnterprise';
/** How the peer passes the proto bytes (reported in the output). */
export const PEER_PAYLOAD_NOTE = 'proto bytes as base64 strings inside Moleculer JSON params and results';

/** Parameters of both peer actions: the encoded GetEnterpriseRequest. */
export interface PeerParams {
  request: string;
}

/** Result of both peer actions: status "ok" and the encoded Enterprise. */
export interface PeerResult {
  status: string;
  enterprise: string;
}

/** Creates a broker for one peer process. */
export function createPeerBroker(nodeID: string, natsUrl: string): ServiceBroker {
  return new ServiceBroker({
    namespace: PEER_NAMESPACE,
    nodeID,
    transporter: { type: 'NATS', options: { url: natsUrl } },
    serializer: 'JSON',
    logger: false,
    requestTimeout: 5000,
    metrics: false,
    tracing: false,
  });
}
