// Public entry of @ndxp/contracts: generated messages, subjects, headers, error codes.
export { INSTANCE, isSubsystemToken, toSubsystemToken, parseSubsystemToken, formatSubsystemPath, isServiceToken } from './identifiers';
export type { SubsystemId } from './identifiers';
export { subjects, parseRequestSubject, REQUEST_PREFIX, ROUTING_QUEUE, METER_STREAM, METER_SUBJECTS, METER_DURABLE } from './subjects';
export { Header, STATUS_OK, DEFAULT_VERSION } from './headers';
export { ERROR_TABLE, ERROR_CODES, isErrorCode, grpcStatusOf, isClientError } from './error-codes';
export type { ErrorCode } from './error-codes';
export { MeshError } from './mesh-error';
export type { HeaderReader, HeaderWriter } from './mesh-error';
export { BUSINESS_REGISTRATION_PROVIDER, getEnterpriseService } from './national-services';
export type { NationalService, MessageCodec } from './national-services';
export { Outcome, RequestHeader, ResponseHeader, Status, RequestEnvelope, ResponseEnvelope } from './gen/ndxp/common/v1/envelope';
export {
  Member,
  Subsystem,
  ServiceDefinition,
  Grant,
  RegistrySnapshot,
  RegistryChange,
  SnapshotRequest,
  ListMembersRequest,
  ListMembersResponse,
  GetMemberRequest,
  GetMemberResponse,
  RegisterMemberRequest,
  RegisterMemberResponse,
  RegisterServiceRequest,
  RegisterServiceResponse,
  ListServicesRequest,
  ListServicesResponse,
  ListGrantsRequest,
  ListGrantsResponse,
  GrantRequest,
  GrantResponse,
  RevokeRequest,
  RevokeResponse,
  RegistryDefinition,
  RegistryService,
  RegistryClient,
} from './gen/ndxp/registry/v1/registry';
export type { RegistryServer } from './gen/ndxp/registry/v1/registry';
export {
  MeterEvent,
  UsageQuery,
  UsageRow,
  UsageReport,
  GetTransactionRequest,
  GetTransactionResponse,
  LedgerStatsRequest,
  LedgerStatsResponse,
  MeteringDefinition,
  MeteringService,
  MeteringClient,
} from './gen/ndxp/metering/v1/metering';
export type { MeteringServer } from './gen/ndxp/metering/v1/metering';
export {
  GetEnterpriseRequest,
  Enterprise,
  EnterpriseStatus,
  Address,
  LegalRepresentative,
  BusinessLine,
  BusinessRegistrationDefinition,
  BusinessRegistrationService,
  BusinessRegistrationClient,
} from './gen/ndxp/businessregistration/v1/business_registration';
export type { BusinessRegistrationServer } from './gen/ndxp/businessregistration/v1/business_registration';
