// Public entry of @ndxp/gateway: the gRPC gateway for LGSPs that are not on NATS.
export { loadConfig, SERVICE_NAME } from './config';
export type { GatewayConfig, TlsFiles } from './config';
export { startGateway } from './gateway';
export { startNatsPresence, GATEWAY_SERVICE_NAME } from './nats-presence';
export type { Gateway } from './gateway';
export { authenticate } from './authenticate';
export type { AuthContext, AuthMethod, Caller } from './authenticate';
export { CredentialBook, TOKEN_KIND, tokenSha256 } from './credential-book';
export { RegistryCopy } from './registry-copy';
export { gatewayServices } from './grpc-services';
export type { GatewayMethod, GatewayService } from './grpc-services';
export { AnswerMetadata, RequestMetadata, deadlineOf } from './forward';
